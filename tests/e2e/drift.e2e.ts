/**
 * `npm run deploy` and `npm run drift` as an operator and the scheduled workflow run them, on the
 * local stack through the real engine: the scripts run as child processes on the clone's
 * `Pulumi.local.yaml`, with a throwaway backend and work dir (PULSE_STATE_DIR, PULSE_WORK_DIR).
 *
 * deploy refuses without a terminal and without --yes; deploys with --yes; drift is clean (0);
 * a Service label and a Deployment field changed with kubectl are reported with their URNs and
 * property paths (2); deploy without --refresh does not see them, deploy --refresh reverts them,
 * drift is clean again; a broken config is an error (1), not drift; a policy-violating config stops
 * deploy in the preview, before up. The harness destroys the stack at the end.
 */
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { stringify } from "yaml";
import { repoStackConfig, ROOT } from "../../scripts/lib/engine";
import { EngineStack, kubectl, kubectlJson, liveProgramObjects, objectKey, type Obj } from "./lib/harness";

interface Exit {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A row of the drift report for `urn` (see renderDriftReport). */
const row = (urn: string, type: string, path: string) => `| \`${urn}\` | \`${type}\` | update | \`${path}\` |`;

void describe("npm run deploy and npm run drift on the local stack", { concurrency: false }, () => {
  // The stack the scripts deploy, opened by the harness in the same backend to inspect and destroy it.
  const e = new EngineStack("local");
  const report = path.join(e.dir, "drift.md");
  const env = { ...process.env, PULSE_STATE_DIR: path.join(e.dir, "state"), PULSE_WORK_DIR: path.join(e.dir, "work") };

  /** `npm run <script> -- <args>` with stdin not a terminal; resolves when it exits. */
  function run(script: "deploy" | "drift", args: readonly string[]): Promise<Exit> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", path.join(ROOT, "scripts", `${script}.ts`), ...args], {
        cwd: ROOT,
        env,
        stdio: ["pipe", "pipe", "pipe"],
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      child.on("error", reject);
      child.on("close", (code) => resolve({ code, stdout, stderr }));
      child.stdin.end();
    });
  }

  /** A stack file: the clone's local config with `workers` fields replaced. */
  function configFile(name: string, workers: Record<string, unknown>): string {
    const config = repoStackConfig("local");
    const file = path.join(e.dir, `${name}.yaml`);
    writeFileSync(file, stringify({ config: { ...config, "pulse-os:workers": { ...(config["pulse-os:workers"] as object), ...workers } } }));
    return file;
  }

  /** URN of the object `Kind/namespace/name` in the stack's state (the URN scheme is not this test's business). */
  async function urnOf(key: string): Promise<string> {
    const resources = (await e.stack.exportStack()).deployment["resources"] as Obj[];
    const found = resources.find((r) => r["outputs"]?.kind !== undefined && r["outputs"]?.metadata !== undefined && objectKey(r["outputs"]) === key);
    assert.ok(found, `${key} is not in the state`);
    return found["urn"] as string;
  }

  const explain = (r: Exit) => `exit ${r.code}\n--- stderr\n${r.stderr.slice(-4000)}\n--- stdout\n${r.stdout.slice(-4000)}`;

  before(async () => {
    await e.open();
  });
  after(() => e.dispose());

  void it("refuses to deploy without a terminal and without --yes, before anything runs", async () => {
    const r = await run("deploy", ["--stack", "local"]);
    assert.equal(r.code, 2, explain(r));
    assert.equal(
      r.stderr.split("\n")[0],
      "refusing to deploy stack 'local': no terminal to confirm on (stdin is not a TTY). " +
        "Run it in a terminal and answer 'yes', or pass --yes where the preview is reviewed elsewhere (CI).",
    );
    assert.deepEqual(await e.stateObjects(), []);
  });

  void it("deploys with --yes: prints the preview and the policy results, then runs up with the policy pack", async () => {
    const r = await run("deploy", ["--stack", "local", "--yes"]);
    assert.equal(r.code, 0, explain(r));
    assert.match(r.stdout, /Policy packs run: pulse-os@0\.1\.0/);
    assert.match(r.stdout, /Policy results: no violations, no warnings/);
    const preview = r.stderr.indexOf("<== preview --diff --policy-pack policy (stack local) in ");
    const up = r.stderr.indexOf("==> up --diff --policy-pack policy (stack local)");
    assert.ok(preview > 0 && up > preview, `the preview did not run before up:\n${r.stderr}`);
    assert.ok(r.stdout.includes(`\n  create ${await urnOf("Deployment/apps/api")}\n`), "the proposed changes list the API Deployment's create");
    assert.ok((await e.stateObjects()).length > 20, "the state holds the stack's objects");
    assert.deepEqual([...liveProgramObjects()].sort(), await e.stateObjects(), "the cluster holds exactly the state's objects");
  });

  void it("finds no drift right after the deploy (exit 0)", async () => {
    const r = await run("drift", ["--stack", "local", "--report", report]);
    assert.equal(r.code, 0, explain(r));
    assert.match(readFileSync(report, "utf8"), /\nNo drift: the live resources match the program\.\n/);
  });

  void it("reports a Service label and a Deployment field changed with kubectl, with URN, type and property path (exit 2)", async () => {
    kubectl(["label", "service", "execution-api", "-n", "apps", "app.kubernetes.io/version=edited-by-hand", "--overwrite"]);
    kubectl([
      "patch",
      "deployment",
      "api",
      "-n",
      "apps",
      "--type=json",
      "-p",
      '[{"op":"replace","path":"/spec/template/spec/containers/0/imagePullPolicy","value":"IfNotPresent"}]',
    ]);
    const r = await run("drift", ["--stack", "local", "--report", report]);
    assert.equal(r.code, 2, explain(r));
    const text = readFileSync(report, "utf8");
    assert.match(text, /\n2 resource\(s\) differ from the program;/);
    const deployment = row(await urnOf("Deployment/apps/api"), "kubernetes:apps/v1:Deployment", "spec.template.spec.containers[0].imagePullPolicy");
    const service = row(await urnOf("Service/apps/execution-api"), "kubernetes:core/v1:Service", 'metadata.labels["app.kubernetes.io/version"]');
    assert.ok(text.includes(`\n${deployment}\n`), `no row ${deployment} in\n${text}`);
    assert.ok(text.includes(`\n${service}\n`), `no row ${service} in\n${text}`);
    assert.match(r.stderr, /DRIFT: 2 resource\(s\) of stack local differ from the program/);
  });

  void it("leaves the drift with deploy --yes (no refresh: the state still matches the program), reverts it with --refresh", async () => {
    const plain = await run("deploy", ["--stack", "local", "--yes"]);
    assert.equal(plain.code, 0, explain(plain));
    assert.match(plain.stderr, /no changes: nothing to deploy to stack local/);
    assert.equal(kubectlJson(["get", "service", "execution-api", "-n", "apps"])["metadata"].labels["app.kubernetes.io/version"], "edited-by-hand");

    const refreshed = await run("deploy", ["--stack", "local", "--yes", "--refresh"]);
    assert.equal(refreshed.code, 0, explain(refreshed));
    assert.equal(kubectlJson(["get", "service", "execution-api", "-n", "apps"])["metadata"].labels["app.kubernetes.io/version"], "0.0.0-local");
    assert.equal(kubectlJson(["get", "deployment", "api", "-n", "apps"])["spec"].template.spec.containers[0].imagePullPolicy, "Always");
    const r = await run("drift", ["--stack", "local"]);
    assert.equal(r.code, 0, explain(r));
  });

  void it("reports a config the program refuses as an error (exit 1), not as drift", async () => {
    const r = await run("drift", ["--stack", "local", "--config-file", configFile("broken", { color: "purple" }), "--report", report]);
    assert.equal(r.code, 1, explain(r));
    assert.match(readFileSync(report, "utf8"), /\*\*The check failed\*\*, so drift is unknown:/);
  });

  // A policy violation cannot be produced through config: config validation refuses every config
  // that would violate a policy (tests/e2e/policy.e2e.ts proves the pack stops a violating program
  // through the engine). A preview that fails stops the deploy on the same path as a violation
  // (afterPreview, tests/scripts/cli-options.test.ts).
  void it("stops a deploy whose preview fails, before up, and changes nothing", async () => {
    const before = kubectlJson(["get", "deployment", "worker", "-n", "workers-blue"])["metadata"].generation as number;
    const r = await run("deploy", [
      "--stack",
      "local",
      "--yes",
      "--config-file",
      configFile("refused", { terminationGracePeriodSeconds: 120, timeLimitSeconds: 600 }),
    ]);
    assert.equal(r.code, 1, explain(r));
    assert.match(r.stdout + r.stderr, /pulse-os:workers\.timeLimitSeconds: must be below terminationGracePeriodSeconds \(120 s\)/);
    assert.ok(!r.stderr.includes("==> up"), `up ran:\n${r.stderr}`);
    assert.equal(kubectlJson(["get", "deployment", "worker", "-n", "workers-blue"])["metadata"].generation, before, "the worker Deployment changed");
  });
});

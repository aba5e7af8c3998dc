/**
 * What a consumer needs to read another stack's outputs (docs/outputs.md), through the real
 * engine: a file backend of its own (no cluster), producer stacks on the passphrase secrets
 * provider, and consumer stacks reading them with StackReference (getOutput, requireOutput,
 * getOutputDetails) under the producer's passphrase, another one, the empty one and none.
 */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { LocalWorkspace, type PulumiFn, type Stack, type UpResult } from "@pulumi/pulumi/automation";
import { TOOLCHAIN_BIN, TOOLCHAIN_DIR, pulumiCommand } from "../../scripts/lib/engine";

const PRODUCER_PASSPHRASE = "producer-passphrase";
const SECRET = "secret-value";
/** A producer exporting a plain and a secret output. */
const MIXED = "organization/sr-producer/mixed";
/** A producer exporting only plain outputs, with a secret in its config (as Pulse-OS does). */
const PLAIN = "organization/sr-producer/plain";
const ELIDED = (ref: string) => `eliding undecryptable secrets for stack reference '${ref}'`;
const NO_PASSPHRASE = "passphrase must be set with PULUMI_CONFIG_PASSPHRASE or PULUMI_CONFIG_PASSPHRASE_FILE environment variables";

// Only what env() gives: the runner's own passphrase (scripts/lib/env.sh) must not leak into a
// run that is meant to have none.
delete process.env["PULUMI_CONFIG_PASSPHRASE"];
delete process.env["PULUMI_CONFIG_PASSPHRASE_FILE"];

const base = mkdtempSync(path.join(os.tmpdir(), "pulse-os-stack-reference-"));
const backend = path.join(base, "state");

/** The CLI's environment with exactly this passphrase (none when undefined). */
function env(passphrase: string | undefined): Record<string, string> {
  const e: Record<string, string> = {
    PATH: [TOOLCHAIN_BIN, path.dirname(process.execPath), process.env["PATH"] ?? ""].join(path.delimiter),
    PULUMI_HOME: path.join(TOOLCHAIN_DIR, "pulumi-home"),
    PULUMI_BACKEND_URL: `file://${backend}`,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
  };
  if (passphrase !== undefined) e["PULUMI_CONFIG_PASSPHRASE"] = passphrase;
  return e;
}

async function openStack(project: string, stack: string, passphrase: string | undefined, program: PulumiFn): Promise<Stack> {
  const workDir = path.join(base, project);
  mkdirSync(workDir, { recursive: true });
  return LocalWorkspace.createOrSelectStack(
    { stackName: stack, projectName: project, program },
    { workDir, envVars: env(passphrase), pulumiCommand: await pulumiCommand(), projectSettings: { name: project, runtime: "nodejs" } },
  );
}

/** Runs the CLI with exactly this passphrase; never rejects. */
function cli(args: readonly string[], passphrase: string | undefined): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(path.join(TOOLCHAIN_BIN, "pulumi"), [...args], { cwd: base, env: env(passphrase), encoding: "utf8" }, (err, stdout, stderr) =>
      resolve({ code: err === null ? 0 : typeof err.code === "number" ? err.code : 1, stdout, stderr }),
    );
  });
}

/** Every read a consumer can make, exported as plain facts (a secret's value as JSON). */
function readsOf(ref: string, secretName?: string): PulumiFn {
  return async () => {
    const r = new pulumi.StackReference(ref);
    const json = (o: pulumi.Output<unknown>) => pulumi.unsecret(o).apply((v) => JSON.stringify(v));
    const facts: Record<string, unknown> = {
      getOutput: r.getOutput("plain"),
      requireOutput: r.requireOutput("plain"),
      getOutputDetails: JSON.stringify(await r.getOutputDetails("plain")),
    };
    if (secretName !== undefined) {
      facts["secretIsSecret"] = await pulumi.isSecret(r.getOutput(secretName));
      facts["secretGetOutput"] = json(r.getOutput(secretName));
      facts["secretRequireOutput"] = json(r.requireOutput(secretName));
      facts["secretGetOutputDetails"] = JSON.stringify(await r.getOutputDetails(secretName));
    }
    return facts;
  };
}

/** `up` of a consumer stack: its outputs' values and what the engine printed. */
async function consume(stack: string, passphrase: string | undefined, program: PulumiFn): Promise<{ values: Record<string, unknown>; stdout: string }> {
  const s = await openStack("sr-consumer", stack, passphrase, program);
  const r = await s.up();
  return { values: Object.fromEntries(Object.entries(r.outputs).map(([k, v]) => [k, v.value])), stdout: r.stdout };
}

const PLAIN_READS = { getOutput: "plain-value", requireOutput: "plain-value", getOutputDetails: '{"value":"plain-value"}' };

void describe("reading stack outputs through StackReference on a file backend with passphrases", { concurrency: false }, () => {
  let plainUp: UpResult;
  before(async () => {
    mkdirSync(backend, { recursive: true });
    const mixed = await openStack("sr-producer", "mixed", PRODUCER_PASSPHRASE, () =>
      Promise.resolve({ plain: "plain-value", secretValue: pulumi.secret(SECRET) }),
    );
    assert.equal((await mixed.up()).summary.result, "succeeded");
    // Outputs without a value, as the Pulse-OS contract writes them: undefined, plain or in an Output.
    const plain = await openStack("sr-producer", "plain", PRODUCER_PASSPHRASE, () =>
      Promise.resolve({
        plain: "plain-value",
        absent: undefined,
        absentOutput: pulumi.output("x").apply(() => undefined),
      }),
    );
    await plain.setConfig("token", { value: "a-config-secret", secret: true });
    plainUp = await plain.up();
    assert.equal(plainUp.summary.result, "succeeded");
  });
  after(() => rmSync(base, { recursive: true, force: true }));

  void it('omits an output whose value is undefined, whether plain or inside an Output (no "" written)', async () => {
    assert.deepEqual(Object.keys(plainUp.outputs), ["plain"]);
    const shown = await cli(["stack", "output", "--json", "--stack", PLAIN], undefined);
    assert.deepEqual(JSON.parse(shown.stdout), { plain: "plain-value" });
  });

  void it("reads plain and secret outputs with the producer's passphrase", async () => {
    const { values, stdout } = await consume("same", PRODUCER_PASSPHRASE, readsOf(MIXED, "secretValue"));
    assert.deepEqual(values, {
      ...PLAIN_READS,
      secretIsSecret: true,
      secretGetOutput: JSON.stringify(SECRET),
      secretRequireOutput: JSON.stringify(SECRET),
      secretGetOutputDetails: JSON.stringify({ secretValue: SECRET }),
    });
    assert.doesNotMatch(stdout, /eliding/);
  });

  for (const [stack, passphrase] of [
    ["other", "consumer-passphrase"],
    ["empty", ""],
  ] as const) {
    void it(`reads every plain output with ${stack === "other" ? "another" : "the empty"} passphrase, and gets each secret output elided to {} with a warning`, async () => {
      const { values, stdout } = await consume(stack, passphrase, readsOf(MIXED, "secretValue"));
      assert.deepEqual(values, {
        ...PLAIN_READS,
        secretIsSecret: true,
        secretGetOutput: "{}",
        secretRequireOutput: "{}",
        secretGetOutputDetails: '{"secretValue":{}}',
      });
      assert.ok(stdout.includes(ELIDED(MIXED)), stdout);
    });
  }

  void it("reads a producer whose outputs hold no secret in full with any passphrase and no warning, though its config holds one", async () => {
    const { values, stdout } = await consume("plain-reader", "consumer-passphrase", readsOf(PLAIN));
    assert.deepEqual(values, PLAIN_READS);
    assert.doesNotMatch(stdout, /eliding/);
  });

  void it("cannot run a consumer stack without any passphrase: its own stack needs one (stack init and up refuse)", async () => {
    await assert.rejects(openStack("sr-consumer", "none", undefined, readsOf(PLAIN)), (err: Error) => {
      assert.ok(err.message.includes(`error: could not create secrets manager for new stack: ${NO_PASSPHRASE}`), err.message);
      return true;
    });
    const s = await openStack("sr-consumer", "none", "consumer-passphrase", readsOf(PLAIN));
    delete (s.workspace as LocalWorkspace).envVars["PULUMI_CONFIG_PASSPHRASE"];
    await assert.rejects(s.up(), (err: Error) => {
      assert.ok(err.message.includes(`error: getting stack configuration: get stack secrets manager: ${NO_PASSPHRASE}`), err.message);
      return true;
    });
  });

  void it("prints plain outputs with `pulumi stack output` without the passphrase; --show-secrets needs the producer's", async () => {
    for (const passphrase of [undefined, "consumer-passphrase"]) {
      const shown = await cli(["stack", "output", "--json", "--stack", MIXED], passphrase);
      assert.equal(shown.code, 0, shown.stderr);
      assert.deepEqual(JSON.parse(shown.stdout), { plain: "plain-value", secretValue: "[secret]" });
    }
    const none = await cli(["stack", "output", "--json", "--show-secrets", "--stack", MIXED], undefined);
    assert.ok(none.stderr.includes(`error: constructing secrets manager of type "passphrase": constructing secrets manager: ${NO_PASSPHRASE}`), none.stderr);
    const wrong = await cli(["stack", "output", "--json", "--show-secrets", "--stack", MIXED], "consumer-passphrase");
    assert.ok(
      wrong.stderr.includes("error: failed to decrypt: incorrect passphrase, please set PULUMI_CONFIG_PASSPHRASE to the correct passphrase"),
      wrong.stderr,
    );
    const right = await cli(["stack", "output", "--json", "--show-secrets", "--stack", MIXED], PRODUCER_PASSPHRASE);
    assert.deepEqual(JSON.parse(right.stdout), { plain: "plain-value", secretValue: SECRET });
  });
});

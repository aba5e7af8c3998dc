/**
 * `npm run local [-- --preview | --destroy] [--stack NAME]`: the program on the local AKS-shaped
 * cluster through the real engine.
 *
 * 1. builds what is missing of the toolchain (Pulumi CLI, Kubernetes provider, cluster binaries;
 *    a warm cache takes seconds),
 * 2. starts the local cluster when none is reachable,
 * 3. runs `up --refresh` (default), `preview` or `destroy` of the stack through the Automation API
 *    with the policy pack always applied, streaming the engine's own progress,
 * 4. prints the stack outputs and where each workload's pods landed (pool, zone, node).
 *
 * Every step prints how long it took. Exit code 1 on any failure, 2 on a bad argument.
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { clusterReachable, openStack, POLICY_PACK, ROOT } from "./lib/engine";
import { placementTable, podPlacements, table } from "./lib/placement";

type Operation = "up" | "preview" | "destroy";

interface Options {
  readonly operation: Operation;
  readonly stack: string;
}

function parseArgs(argv: readonly string[]): Options {
  let operation: Operation = "up";
  let stack = "local";
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--preview") operation = "preview";
    else if (a === "--destroy") operation = "destroy";
    else if (a === "--stack" && argv[i + 1] !== undefined) stack = argv[++i]!;
    else {
      process.stderr.write(`unknown argument '${a}' (options: --preview, --destroy, --stack NAME)\n`);
      process.exit(2);
    }
  }
  return { operation, stack };
}

const t0 = Date.now();
const log = (msg: string) => process.stderr.write(`[local ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);

async function step<T>(name: string, fn: () => T | Promise<T>): Promise<T> {
  log(`==> ${name}`);
  const start = Date.now();
  const result = await fn();
  log(`<== ${name} in ${((Date.now() - start) / 1000).toFixed(1)}s`);
  return result;
}

function runScript(script: string, args: readonly string[]): void {
  const r = spawnSync("bash", [path.join(ROOT, "scripts", script), ...args], { stdio: "inherit" });
  if (r.status !== 0) throw new Error(`scripts/${script} ${args.join(" ")} failed (exit ${r.status ?? r.signal})`);
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  await step("toolchain (Pulumi CLI, Kubernetes provider, cluster binaries; cached)", () =>
    runScript("toolchain.sh", ["pulumi", "k8s-provider", "cluster"]));
  await step("local cluster", () => {
    if (clusterReachable()) log("   reachable");
    else runScript("cluster-up.sh", []);
  });
  const stack = await step(`stack ${opts.stack}`, () => openStack({ stack: opts.stack }));
  const onOutput = (out: string) => process.stdout.write(out);
  await step(`pulumi ${opts.operation} --stack ${opts.stack} (policy pack: ${path.relative(ROOT, POLICY_PACK)})`, async () => {
    if (opts.operation === "destroy") {
      const r = await stack.destroy({ onOutput });
      log(`   ${JSON.stringify(r.summary.resourceChanges ?? {})}`);
    } else if (opts.operation === "preview") {
      const r = await stack.preview({ onOutput, diff: true, policyPacks: [POLICY_PACK] });
      log(`   ${JSON.stringify(r.changeSummary)}`);
    } else {
      // --refresh: an update reverts what was changed out of band (docs/operations.md, "Drift").
      const r = await stack.up({ onOutput, policyPacks: [POLICY_PACK], refresh: true });
      log(`   ${JSON.stringify(r.summary.resourceChanges ?? {})}`);
    }
  });
  if (opts.operation === "destroy") return;
  await step("stack outputs and placement", async () => {
    const outputs = await stack.outputs();
    const rows = Object.keys(outputs).sort().map((k) => [k, outputs[k]!.secret ? "[secret]" : JSON.stringify(outputs[k]!.value)]);
    process.stdout.write(`\nStack outputs (${opts.stack}):\n${table(["OUTPUT", "VALUE"], rows)}\n`);
    process.stdout.write(`\nWhere the pods landed:\n${placementTable(podPlacements())}\n\n`);
  });
}

main().then(
  () => log(`done in ${((Date.now() - t0) / 1000).toFixed(1)}s`),
  (err: unknown) => {
    log(`FAILED after ${((Date.now() - t0) / 1000).toFixed(1)}s: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);

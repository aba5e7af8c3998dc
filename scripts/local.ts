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
import * as path from "node:path";
import { openStack, POLICY_PACK, ROOT } from "./lib/engine";
import { placementTable, podPlacements, table } from "./lib/placement";
import { ensureLocalCluster, steps } from "./lib/steps";

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

const s = steps("local");

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  await ensureLocalCluster(s);
  const stack = await s.step(`stack ${opts.stack}`, () => openStack({ stack: opts.stack }));
  const onOutput = (out: string) => process.stdout.write(out);
  await s.step(`pulumi ${opts.operation} --stack ${opts.stack} (policy pack: ${path.relative(ROOT, POLICY_PACK)})`, async () => {
    if (opts.operation === "destroy") {
      const r = await stack.destroy({ onOutput });
      s.log(`   ${JSON.stringify(r.summary.resourceChanges ?? {})}`);
    } else if (opts.operation === "preview") {
      const r = await stack.preview({ onOutput, diff: true, policyPacks: [POLICY_PACK] });
      s.log(`   ${JSON.stringify(r.changeSummary)}`);
    } else {
      // --refresh: an update reverts what was changed out of band (docs/operations.md, "Drift").
      const r = await stack.up({ onOutput, policyPacks: [POLICY_PACK], refresh: true });
      s.log(`   ${JSON.stringify(r.summary.resourceChanges ?? {})}`);
    }
  });
  if (opts.operation === "destroy") return;
  await s.step("stack outputs and placement", async () => {
    const outputs = await stack.outputs();
    const rows = Object.keys(outputs)
      .sort()
      .map((k) => [k, outputs[k]!.secret ? "[secret]" : JSON.stringify(outputs[k]!.value)]);
    process.stdout.write(`\nStack outputs (${opts.stack}):\n${table(["OUTPUT", "VALUE"], rows)}\n`);
    process.stdout.write(`\nWhere the pods landed:\n${placementTable(podPlacements())}\n\n`);
  });
}

main().then(
  () => s.log(`done in ${s.elapsed()}s`),
  (err: unknown) => {
    s.log(`FAILED after ${s.elapsed()}s: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);

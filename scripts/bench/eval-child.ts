/**
 * One benchmark sample, run by scripts/bench.ts in a cold node process (never imported).
 *
 *   eval-child --stack <name> [--pools N]     run index.ts under the mock runtime (registers every resource)
 *   eval-child --floor <modules.json>         only load the node_modules files the program loads, register nothing
 *   eval-child --stack <name> --list-modules <out.json>   run the program, then write the node_modules files it loaded
 *
 * Prints one line `BENCH_RESULT {json}` on exit: child-side timings (ms since process start),
 * the resource counts and process.resourceUsage().maxRSS (KiB).
 */
import { writeFileSync, readFileSync, existsSync } from "node:fs";
import * as path from "node:path";
import { performance } from "node:perf_hooks";

/** The repository root (this file runs from scripts/bench/ under ts-node or bin/scripts/bench/ precompiled). */
function findRoot(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "Pulumi.yaml")) && existsSync(path.join(dir, "package.json"))) return dir;
  }
  throw new Error(`no Pulumi.yaml above ${__dirname}`);
}

/** What the child prints after `BENCH_RESULT ` (read by scripts/bench/evaluation.ts). */
export interface Result {
  kind: "eval" | "floor";
  stack?: string;
  pools?: number;
  resources?: number;
  kubernetes?: number;
  azure?: number;
  modules?: number;
  /** ms since process start when this script began (node bootstrap + loader hook setup). */
  startMs: number;
  /** ms since process start when the work was done. */
  endMs: number;
  maxRssKiB?: number;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const result: Result = { kind: "eval", startMs: performance.now(), endMs: 0 };
process.on("exit", () => {
  result.maxRssKiB = process.resourceUsage().maxRSS;
  process.stdout.write(`BENCH_RESULT ${JSON.stringify(result)}\n`);
});

/** node_modules files in require.cache, in load order. */
function loadedPackageFiles(): string[] {
  return Object.keys(require.cache).filter((f) => f.includes(`${path.sep}node_modules${path.sep}`));
}

async function main(): Promise<void> {
  const floor = arg("--floor");
  if (floor !== undefined) {
    result.kind = "floor";
    const files = JSON.parse(readFileSync(floor, "utf8")) as string[];
    for (const f of files) require(f);
    result.modules = loadedPackageFiles().length;
    result.endMs = performance.now();
    return;
  }
  const stack = arg("--stack");
  if (stack === undefined) throw new Error("--stack or --floor is required");
  const root = findRoot();
  // Imported here so that the floor loads nothing of the project.
  const { readStackConfig } = require(path.join(__dirname, "../../program/stack-files")) as typeof import("../../program/stack-files");
  const { runUnderMocks } = require(path.join(__dirname, "../../program/mock-runtime")) as typeof import("../../program/mock-runtime");
  const file = readStackConfig(root, path.join(root, `Pulumi.${stack}.yaml`));
  const config = { ...file.config };
  const pools = arg("--pools");
  if (pools !== undefined) {
    const n = Number(pools);
    const key = `${file.project}:workers`;
    const workers = JSON.parse(config[key] ?? "{}") as Record<string, unknown>;
    workers["pools"] = Object.fromEntries(Array.from({ length: n }, (_, i) => [`p${i + 1}`, { queues: [`q${i + 1}`] }]));
    config[key] = JSON.stringify(workers);
    result.pools = n;
  }
  const run = await runUnderMocks({
    project: file.project,
    stack,
    config,
    secretKeys: file.secretKeys,
    load: () => require(path.join(__dirname, "../../index")) as Record<string, unknown>,
  });
  result.endMs = performance.now();
  result.stack = stack;
  result.resources = run.resources.length;
  result.kubernetes = run.resources.filter((r) => r.custom && r.type.startsWith("kubernetes:")).length;
  result.azure = run.resources.filter((r) => r.custom && r.type.startsWith("azure-native:")).length;
  result.modules = loadedPackageFiles().length;
  const list = arg("--list-modules");
  if (list !== undefined) writeFileSync(list, JSON.stringify(loadedPackageFiles()));
}

main().catch((err: unknown) => {
  process.stderr.write(`bench child failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});

/** Program evaluation in cold child processes (scripts/bench/eval-child.ts), in each loading mode. */
import { mkdirSync, readdirSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { summarise, type ProfileSummary } from "./cpu-profile";
import type { Result } from "./eval-child";
import { childEnv, log, must, NODE, ROOT, run, stats, type Stats } from "./common";

const CHILD_TS = path.join(ROOT, "scripts/bench/eval-child.ts");
const CHILD_JS = path.join(ROOT, "bin/scripts/bench/eval-child.js");
export const CHILD_JS_PATH = CHILD_JS;

export type Mode = "typecheck" | "transpile" | "precompiled";
export const MODE_LABEL: Record<Mode | "floor", string> = {
  typecheck: "ts-node, type-check",
  transpile: "ts-node, transpile-only",
  precompiled: "precompiled JS (bin/)",
  floor: "floor: load packages only",
};

type ChildResult = Result & { maxRssKiB: number };

export interface EvalConfig {
  key: string;
  mode: Mode | "floor";
  stack?: string;
  pools?: number;
  nodeArgs: string[];
  env: NodeJS.ProcessEnv;
}

/**
 * One configuration to measure. With `compileCacheDir`, the same mode with Node's on-disk compile
 * cache (NODE_COMPILE_CACHE, warm): an extra row, not what pulumi runs use.
 */
export function evalConfig(mode: Mode | "floor", stack: string | undefined, modulesFile: string, pools?: number, compileCacheDir?: string): EvalConfig {
  const c = plainConfig(mode, stack, modulesFile, pools);
  return compileCacheDir !== undefined ? { ...c, key: `${c.key}+ccache`, env: { ...c.env, NODE_COMPILE_CACHE: compileCacheDir } } : c;
}

function plainConfig(mode: Mode | "floor", stack: string | undefined, modulesFile: string, pools?: number): EvalConfig {
  const tail = mode === "floor" ? ["--floor", modulesFile] : ["--stack", stack!, ...(pools !== undefined ? ["--pools", String(pools)] : [])];
  const key = mode === "floor" ? "floor" : `${stack}/${mode}${pools !== undefined ? `/pools=${pools}` : ""}`;
  switch (mode) {
    case "typecheck": // what `pulumi` does by default: ts-node with the project's tsconfig.json, type-checking
      return {
        key,
        mode,
        stack,
        pools,
        nodeArgs: ["-r", "ts-node/register", CHILD_TS, ...tail],
        env: childEnv({ TS_NODE_PROJECT: path.join(ROOT, "tsconfig.json") }),
      };
    case "transpile": // ts-node transpile-only (no type-check), what a TypeScript Pulumi.yaml without precompilation does
      return {
        key,
        mode,
        stack,
        pools,
        nodeArgs: ["-r", "ts-node/register/transpile-only", CHILD_TS, ...tail],
        env: childEnv({ TS_NODE_PROJECT: path.join(ROOT, "tsconfig.json") }),
      };
    default:
      return { key, mode, stack, pools, nodeArgs: [CHILD_JS, ...tail], env: childEnv() };
  }
}

interface Sample {
  wallMs: number;
  child: ChildResult;
}

export function sample(c: EvalConfig, extraNodeArgs: string[] = []): Sample {
  const { r, ms } = must(`child ${c.key}`, run(NODE, [...extraNodeArgs, ...c.nodeArgs], { env: c.env }));
  const line = r.stdout.split("\n").find((l) => l.startsWith("BENCH_RESULT "));
  if (line === undefined) throw new Error(`child ${c.key} printed no BENCH_RESULT:\n${r.stdout}\n${r.stderr}`);
  return { wallMs: ms, child: JSON.parse(line.slice("BENCH_RESULT ".length)) as ChildResult };
}

export interface EvalResult {
  key: string;
  mode: string;
  stack?: string;
  pools?: number;
  wallMs: Stats;
  childWorkMs: Stats;
  maxRssMiB: Stats;
  resources?: number;
  kubernetes?: number;
  azure?: number;
  modules?: number;
}

export function measure(configs: EvalConfig[], runs: number, warmup: boolean): Map<string, EvalResult> {
  const samples = new Map<string, Sample[]>(configs.map((c) => [c.key, []]));
  if (warmup) {
    log(`warm-up round (not counted): ${configs.length} children`);
    for (const c of configs) sample(c);
  }
  // Round-robin: every configuration once per round, so drift hits all of them alike.
  for (let i = 1; i <= runs; i++) {
    for (const c of configs) {
      const s = sample(c);
      samples.get(c.key)!.push(s);
      log(
        `run ${i}/${runs} ${c.key.padEnd(28)} ${s.wallMs.toFixed(0).padStart(6)} ms  rss ${(s.child.maxRssKiB / 1024).toFixed(0)} MiB${s.child.resources !== undefined ? `  ${s.child.resources} resources` : ""}`,
      );
    }
  }
  const out = new Map<string, EvalResult>();
  for (const c of configs) {
    const ss = samples.get(c.key)!;
    const last = ss[ss.length - 1]!.child;
    out.set(c.key, {
      key: c.key,
      mode: c.mode,
      ...(c.stack !== undefined ? { stack: c.stack } : {}),
      ...(c.pools !== undefined ? { pools: c.pools } : {}),
      wallMs: stats(ss.map((s) => s.wallMs)),
      childWorkMs: stats(ss.map((s) => s.child.endMs)),
      maxRssMiB: stats(ss.map((s) => s.child.maxRssKiB / 1024)),
      ...(last.resources !== undefined ? { resources: last.resources, kubernetes: last.kubernetes, azure: last.azure } : {}),
      modules: last.modules,
    });
  }
  return out;
}

/**
 * CPU profiles of each configuration, summarised. The .cpuprofile files go outside the repo
 * (only bench/results/*.json is git-ignored there); the directory is returned for the JSON.
 */
export function profileEach(targets: readonly EvalConfig[], startedAt: Date): { profiles: Record<string, ProfileSummary>; profileDir: string } {
  const profileDir = path.join(os.tmpdir(), "pulse-os-bench-profiles", startedAt.toISOString().replace(/[:.]/g, "-"));
  mkdirSync(profileDir, { recursive: true });
  const profiles: Record<string, ProfileSummary> = {};
  for (const c of targets) {
    const sub = path.join(profileDir, c.key.replace(/[/=]/g, "_"));
    log(`profiling ${c.key} -> ${sub}`);
    sample(c, ["--cpu-prof", "--cpu-prof-dir", sub]);
    const file = readdirSync(sub).find((f) => f.endsWith(".cpuprofile"));
    if (file) profiles[c.key] = summarise(path.join(sub, file), ROOT);
  }
  return { profiles, profileDir };
}

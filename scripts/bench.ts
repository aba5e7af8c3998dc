/**
 * Performance benchmark (docs/performance.md): npm run bench -- [--runs N] [--quick] [--profile]
 *
 * Every sample is a cold child node process (Node 22 = process.execPath); wall time is measured
 * here around the spawn, peak memory is the child's process.resourceUsage().maxRSS.
 *   1. program evaluation of the dev and prod stacks under the mock runtime, in three loading
 *      modes (ts-node type-check, ts-node transpile-only, precompiled JS in bin/), against a floor
 *      that only loads the node_modules files the program loads;
 *   2. scaling: prod with 1, 10 and 50 worker pools;
 *   3. the engine floor: kubectl server-side apply (dry-run and real) of the rendered local stack
 *      on the local cluster, when it is running (never started or stopped here);
 *   4. the unit suite (jest) and the type-check (tsc), once each.
 * Prints a table and writes bench/results/<timestamp>.json. Budgets are reported, not asserted.
 *
 * --runs N   samples per configuration (default 5)
 * --quick    1 sample, no warm-up round, no load wait, skips the engine floor and the unit suite
 * --profile  always write and summarise CPU profiles (otherwise only when an evaluation budget fails);
 *            the .cpuprofile files go to $TMPDIR/pulse-os-bench-profiles/<timestamp>/ (open in Chrome DevTools)
 */
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { summarise, type ProfileSummary } from "./bench/cpu-profile";

const ROOT = path.resolve(__dirname, "..");
const NODE = process.execPath;
const CHILD_TS = path.join(ROOT, "scripts/bench/eval-child.ts");
const CHILD_JS = path.join(ROOT, "bin/scripts/bench/eval-child.js");
const STACKS = ["dev", "prod"] as const;
const POOLS = [1, 10, 50] as const;
const LOAD_TARGET = 1.5;
const LOAD_WAIT_MAX_S = 300;

const BUDGET = { evalVsFloor: 2, msPerPool: 5, previewVsDryRun: 3, unitSuiteS: 20 };

// ---------------------------------------------------------------------------------------------
// Arguments, helpers

interface Options {
  runs: number;
  quick: boolean;
  profile: boolean;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { runs: 5, quick: false, profile: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--runs") {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 1) throw new Error("--runs needs a positive integer");
      o.runs = n;
    } else if (a === "--quick") {
      o.quick = true;
    } else if (a === "--profile") {
      o.profile = true;
    } else {
      throw new Error(`unknown argument '${a}' (options: --runs N, --quick, --profile)`);
    }
  }
  if (o.quick && !argv.includes("--runs")) o.runs = 1;
  return o;
}

const log = (msg: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

interface Stats {
  median: number;
  min: number;
  max: number;
  samples: number[];
}

function stats(xs: number[]): Stats {
  return { median: median(xs), min: Math.min(...xs), max: Math.max(...xs), samples: xs };
}

/** Environment of every child: no ts-node settings or NODE_OPTIONS leak in from this process. */
function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith("TS_NODE_") && k !== "NODE_OPTIONS") env[k] = v;
  return { ...env, ...extra };
}

function run(cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): { r: SpawnSyncReturns<string>; ms: number } {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd: ROOT, env: opts.env ?? childEnv(), encoding: "utf8", maxBuffer: 256 << 20, timeout: opts.timeoutMs });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  return { r, ms };
}

function must(what: string, res: { r: SpawnSyncReturns<string>; ms: number }): { r: SpawnSyncReturns<string>; ms: number } {
  if (res.r.status !== 0) throw new Error(`${what} failed (exit ${res.r.status ?? res.r.signal}):\n${res.r.stderr || res.r.stdout}`);
  return res;
}

// ---------------------------------------------------------------------------------------------
// 1 + 2: program evaluation in cold children

type Mode = "typecheck" | "transpile" | "precompiled";
/** Extra rows: the same mode with Node's on-disk compile cache (NODE_COMPILE_CACHE, warm). Not used by pulumi runs. */
let compileCacheDir = "";
const MODE_LABEL: Record<Mode | "floor", string> = {
  typecheck: "ts-node, type-check",
  transpile: "ts-node, transpile-only",
  precompiled: "precompiled JS (bin/)",
  floor: "floor: load packages only",
};

interface ChildResult {
  kind: string;
  resources?: number;
  kubernetes?: number;
  azure?: number;
  modules?: number;
  startMs: number;
  endMs: number;
  maxRssKiB: number;
}

interface EvalConfig {
  key: string;
  mode: Mode | "floor";
  stack?: string;
  pools?: number;
  nodeArgs: string[];
  env: NodeJS.ProcessEnv;
}

function evalConfig(mode: Mode | "floor", stack: string | undefined, modulesFile: string, pools?: number, compileCache = false): EvalConfig {
  const c = plainConfig(mode, stack, modulesFile, pools);
  return compileCache ? { ...c, key: `${c.key}+ccache`, env: { ...c.env, NODE_COMPILE_CACHE: compileCacheDir } } : c;
}

function plainConfig(mode: Mode | "floor", stack: string | undefined, modulesFile: string, pools?: number): EvalConfig {
  const tail = mode === "floor" ? ["--floor", modulesFile] : ["--stack", stack!, ...(pools !== undefined ? ["--pools", String(pools)] : [])];
  const key = mode === "floor" ? "floor" : `${stack}/${mode}${pools !== undefined ? `/pools=${pools}` : ""}`;
  switch (mode) {
    case "typecheck": // what `pulumi` does by default: ts-node with the project's tsconfig.json, type-checking
      return { key, mode, stack, pools, nodeArgs: ["-r", "ts-node/register", CHILD_TS, ...tail], env: childEnv({ TS_NODE_PROJECT: path.join(ROOT, "tsconfig.json") }) };
    case "transpile": // ts-node transpile-only (no type-check), what a TypeScript Pulumi.yaml without precompilation does
      return { key, mode, stack, pools, nodeArgs: ["-r", "ts-node/register/transpile-only", CHILD_TS, ...tail], env: childEnv({ TS_NODE_PROJECT: path.join(ROOT, "tsconfig.json") }) };
    default:
      return { key, mode, stack, pools, nodeArgs: [CHILD_JS, ...tail], env: childEnv() };
  }
}

interface Sample {
  wallMs: number;
  child: ChildResult;
}

function sample(c: EvalConfig, extraNodeArgs: string[] = []): Sample {
  const { r, ms } = must(`child ${c.key}`, run(NODE, [...extraNodeArgs, ...c.nodeArgs], { env: c.env }));
  const line = r.stdout.split("\n").find((l) => l.startsWith("BENCH_RESULT "));
  if (line === undefined) throw new Error(`child ${c.key} printed no BENCH_RESULT:\n${r.stdout}\n${r.stderr}`);
  return { wallMs: ms, child: JSON.parse(line.slice("BENCH_RESULT ".length)) as ChildResult };
}

interface EvalResult {
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

function measure(configs: EvalConfig[], runs: number, warmup: boolean): Map<string, EvalResult> {
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
      log(`run ${i}/${runs} ${c.key.padEnd(28)} ${s.wallMs.toFixed(0).padStart(6)} ms  rss ${(s.child.maxRssKiB / 1024).toFixed(0)} MiB${s.child.resources !== undefined ? `  ${s.child.resources} resources` : ""}`);
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

/** Least-squares fit y = a + b x over all samples. */
function linearFit(points: [number, number][]): { slope: number; intercept: number; r2: number } {
  const n = points.length;
  const mx = points.reduce((s, p) => s + p[0], 0) / n;
  const my = points.reduce((s, p) => s + p[1], 0) / n;
  const sxy = points.reduce((s, p) => s + (p[0] - mx) * (p[1] - my), 0);
  const sxx = points.reduce((s, p) => s + (p[0] - mx) ** 2, 0);
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  const ssTot = points.reduce((s, p) => s + (p[1] - my) ** 2, 0);
  const ssRes = points.reduce((s, p) => s + (p[1] - intercept - slope * p[0]) ** 2, 0);
  return { slope, intercept, r2: ssTot === 0 ? 1 : 1 - ssRes / ssTot };
}

// ---------------------------------------------------------------------------------------------
// 3: engine floor on the local cluster

interface EngineResult {
  status: string;
  objects?: number;
  namespaces?: number;
  namespaceApplyMs?: number;
  dryRunMs?: Stats;
  createApplyMs?: number;
  noChangeApplyMs?: Stats;
  cleanupMs?: number;
}

const ENGINE_NAMESPACES = ["apps", "exporter", "workers-blue"];

function toolchain(): { kubectl: string; env: NodeJS.ProcessEnv } | undefined {
  const r = spawnSync("bash", ["-c", 'source scripts/lib/env.sh >/dev/null 2>&1; command -v kubectl || true; printf "%s\\n" "$KUBECONFIG"'], { cwd: ROOT, encoding: "utf8" });
  const [kubectl, kubeconfig] = r.stdout.split("\n");
  if (!kubectl || !kubeconfig) return undefined;
  return { kubectl, env: childEnv({ KUBECONFIG: kubeconfig }) };
}

function engine(runs: number): EngineResult {
  const tc = toolchain();
  if (tc === undefined) return { status: "skipped: kubectl not found (npm run toolchain -- cluster)" };
  const k = (args: string[], timeoutMs = 120_000) => run(tc.kubectl, args, { env: tc.env, timeoutMs });
  if (k(["get", "--raw=/readyz"], 10_000).r.status !== 0) return { status: "skipped: cluster not running" };

  const existing = k(["get", "namespace", ...ENGINE_NAMESPACES, "--ignore-not-found", "-o", "name"]).r.stdout.trim();
  const dir = mkdtempSync(path.join(os.tmpdir(), "pulse-bench-"));
  try {
    log("engine floor: rendering the local stack");
    must("render local", run(NODE, ["-r", "ts-node/register/transpile-only", path.join(ROOT, "scripts/render.ts"), "--stack", "local", "--out", dir]));
    const kdir = path.join(dir, "local", "kubernetes");
    const files = readdirSync(kdir).sort();
    const nsFiles = files.filter((f) => f.startsWith("namespace-"));
    const restFiles = files.filter((f) => !f.startsWith("namespace-"));
    const join = (fs: string[]) => fs.map((f) => readFileSync(path.join(kdir, f), "utf8")).join("---\n");
    writeFileSync(path.join(dir, "namespaces.yaml"), join(nsFiles));
    writeFileSync(path.join(dir, "rest.yaml"), join(restFiles));
    const ssa = ["apply", "--server-side", "--field-manager=pulumi-kubernetes"];
    const result: EngineResult = { status: "measured", objects: files.length, namespaces: nsFiles.length };
    const inUse = existing !== "";
    if (inUse) {
      // Another run owns these namespaces: a server dry-run changes nothing, a real apply would.
      if (existing.split("\n").length !== ENGINE_NAMESPACES.length) return { status: `skipped: namespaces partly present (${existing.replace(/\n/g, ", ")}), another run is using the cluster` };
      result.status = "dry-run only: the namespaces already exist (another run is using the cluster); real apply skipped";
    } else {
      result.namespaceApplyMs = must("apply namespaces", k([...ssa, "-f", path.join(dir, "namespaces.yaml")])).ms;
    }
    try {
      const dry: number[] = [];
      for (let i = 1; i <= runs; i++) {
        const ms = must("server dry-run", k([...ssa, "--dry-run=server", "-f", path.join(dir, "rest.yaml")])).ms;
        dry.push(ms);
        log(`run ${i}/${runs} kubectl apply --server-side --dry-run=server (${restFiles.length} objects) ${ms.toFixed(0)} ms`);
      }
      result.dryRunMs = stats(dry);
      if (!inUse) {
        result.createApplyMs = must("server-side apply", k([...ssa, "-f", path.join(dir, "rest.yaml")])).ms;
        log(`kubectl apply --server-side (create) ${result.createApplyMs.toFixed(0)} ms`);
        const again: number[] = [];
        for (let i = 1; i <= runs; i++) {
          const ms = must("server-side apply (no change)", k([...ssa, "-f", path.join(dir, "rest.yaml")])).ms;
          again.push(ms);
          log(`run ${i}/${runs} kubectl apply --server-side (no change) ${ms.toFixed(0)} ms`);
        }
        result.noChangeApplyMs = stats(again);
      }
    } finally {
      if (!inUse) {
        log(`engine floor: deleting namespaces ${ENGINE_NAMESPACES.join(", ")}`);
        const del = k(["delete", "namespace", ...ENGINE_NAMESPACES, "--ignore-not-found", "--wait=true", "--timeout=180s"], 200_000);
        result.cleanupMs = del.ms;
        if (del.r.status !== 0) log(`WARNING: cleanup failed: ${del.r.stderr}`);
      }
    }
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Load, machine

async function waitForQuiet(): Promise<{ waitedS: number; load1: number }> {
  const t0 = Date.now();
  for (;;) {
    const load1 = os.loadavg()[0]!;
    const waitedS = (Date.now() - t0) / 1000;
    if (load1 < LOAD_TARGET || waitedS >= LOAD_WAIT_MAX_S) {
      log(`load average ${load1.toFixed(2)} after waiting ${waitedS.toFixed(0)} s${load1 >= LOAD_TARGET ? " (gave up waiting)" : ""}`);
      return { waitedS, load1 };
    }
    log(`load average ${load1.toFixed(2)} >= ${LOAD_TARGET}: waiting (${waitedS.toFixed(0)}/${LOAD_WAIT_MAX_S} s)`);
    await new Promise((r) => setTimeout(r, 10_000));
  }
}

const loadavg = () => os.loadavg().map((x) => Math.round(x * 100) / 100);

// ---------------------------------------------------------------------------------------------
// Table

const fmt = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(0)} ms`);
const fmtStats = (s: Stats) => `${fmt(s.median)} (${fmt(s.min)}–${fmt(s.max)})`;

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  return [line(rows[0]!), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.slice(1).map(line)].join("\n");
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const startedAt = new Date();
  const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? "?", memGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}` };
  log(`${machine.cpus} cores (${machine.cpuModel}), ${machine.memGiB} GiB, node ${machine.node}; ${opts.runs} run(s) per configuration${opts.quick ? " (--quick)" : ""}`);

  // Build once: the precompiled mode and the floor run from bin/.
  log("building bin/ (tsc -p tsconfig.build.json)");
  const build = must("build", run(NODE, [path.join(ROOT, "node_modules/typescript/bin/tsc"), "-p", path.join(ROOT, "tsconfig.build.json")]));
  log(`built in ${fmt(build.ms)}`);

  // The floor loads exactly the node_modules files the program loads (in the same order).
  const tmp = mkdtempSync(path.join(os.tmpdir(), "pulse-bench-mods-"));
  const modulesFile = path.join(tmp, "modules.json");
  compileCacheDir = path.join(tmp, "compile-cache");
  must("module probe", run(NODE, [CHILD_JS, "--stack", "prod", "--list-modules", modulesFile]));

  const loadBefore = loadavg();
  const quiet = opts.quick ? { waitedS: 0, load1: loadBefore[0]! } : await waitForQuiet();
  const loadAtStart = loadavg();

  // 1. evaluation, all modes side by side
  const evalConfigs: EvalConfig[] = [evalConfig("floor", undefined, modulesFile)];
  for (const stack of STACKS) for (const mode of ["typecheck", "transpile", "precompiled"] as const) evalConfigs.push(evalConfig(mode, stack, modulesFile));
  const ccConfigs = [evalConfig("transpile", "prod", modulesFile, undefined, true), evalConfig("precompiled", "prod", modulesFile, undefined, true)];
  evalConfigs.push(...ccConfigs);
  for (const c of ccConfigs) sample(c); // fills the compile cache: those rows are measured warm
  log(`program evaluation: ${evalConfigs.length} configurations`);
  const evals = measure(evalConfigs, opts.runs, !opts.quick);

  // 2. scaling (precompiled: the per-pool cost does not depend on how the code was loaded)
  const scaleModes = ["precompiled", "transpile"] as const;
  const scaleConfigs = scaleModes.flatMap((m) => POOLS.map((n) => evalConfig(m, "prod", modulesFile, n)));
  log("scaling: prod with 1, 10, 50 worker pools (precompiled and transpile-only)");
  const scale = measure(scaleConfigs, opts.runs, false);
  const sc = (n: number, m: Mode = "precompiled") => scale.get(`prod/${m}/pools=${n}`)!;
  const slopes = Object.fromEntries(
    scaleModes.map((m) => {
      const points: [number, number][] = POOLS.flatMap((n) => sc(n, m).wallMs.samples.map((y) => [n, y] as [number, number]));
      const fit = linearFit(points);
      const low = (sc(10, m).wallMs.median - sc(1, m).wallMs.median) / 9;
      const high = (sc(50, m).wallMs.median - sc(10, m).wallMs.median) / 40;
      const linear = fit.r2 >= 0.9 && Math.abs(high - low) <= Math.max(2, 0.5 * Math.abs(fit.slope));
      return [m, { slopeMsPerPool1to10: low, slopeMsPerPool10to50: high, fit, linear }];
    }),
  ) as Record<(typeof scaleModes)[number], { slopeMsPerPool1to10: number; slopeMsPerPool10to50: number; fit: ReturnType<typeof linearFit>; linear: boolean }>;
  const fit = slopes.precompiled.fit;
  const resourcesPerPool = ((sc(50).resources ?? 0) - (sc(1).resources ?? 0)) / 49;
  const scaling = { slopes, resourcesPerPool };

  // 3. engine floor
  const eng: EngineResult = opts.quick ? { status: "skipped (--quick)" } : engine(opts.runs);

  // 4. unit suite and type-check, once each
  let unit: { jestS: number; jestOk: boolean; jestSummary: string; tscS: number; tscOk: boolean } | undefined;
  if (!opts.quick) {
    log("unit suite: jest --selectProjects unit");
    const j = run(NODE, [path.join(ROOT, "node_modules/jest/bin/jest.js"), "--selectProjects", "unit"], { env: childEnv({ CI: "true" }) });
    const summary = (j.r.stderr + j.r.stdout).split("\n").filter((l) => /^(Tests|Test Suites):/.test(l)).join("; ");
    log(`jest ${fmt(j.ms)} ${summary}`);
    log("type-check: tsc --noEmit");
    const t = run(NODE, [path.join(ROOT, "node_modules/typescript/bin/tsc"), "--noEmit", "-p", path.join(ROOT, "tsconfig.json")]);
    log(`tsc ${fmt(t.ms)} exit ${t.r.status}`);
    unit = { jestS: j.ms / 1000, jestOk: j.r.status === 0, jestSummary: summary, tscS: t.ms / 1000, tscOk: t.r.status === 0 };
  }
  const loadEnd = loadavg();

  // Budgets
  const floor = evals.get("floor")!;
  const ev = (stack: string, mode: Mode) => evals.get(`${stack}/${mode}`)!;
  const ratio = (stack: string, mode: Mode) => ev(stack, mode).wallMs.median / floor.wallMs.median;
  const configured = "precompiled" as const; // what Pulumi.yaml selects (main: bin/index.js, typescript: false)
  const pass = (ok: boolean) => (ok ? "PASS" : "FAIL");
  const budgets = [
    { budget: `prod evaluation, mode pulumi runs use (precompiled bin/, Pulumi.yaml) <= ${BUDGET.evalVsFloor}x floor`, value: `${ratio("prod", configured).toFixed(2)}x`, result: pass(ratio("prod", configured) <= BUDGET.evalVsFloor) },
    { budget: `< ${BUDGET.msPerPool} ms per extra worker pool (precompiled)`, value: `${fit.slope.toFixed(1)} ms/pool`, result: pass(fit.slope < BUDGET.msPerPool) },
    { budget: `(info) per extra worker pool under ts-node transpile-only`, value: `${slopes.transpile.fit.slope.toFixed(1)} ms/pool`, result: "-" },
    { budget: `no-change preview <= ${BUDGET.previewVsDryRun}x server dry-run`, value: eng.dryRunMs ? `floor ${fmt(eng.dryRunMs.median)}` : eng.status, result: "blocked (no Kubernetes provider)" },
    { budget: `unit suite < ${BUDGET.unitSuiteS} s`, value: unit ? `${unit.jestS.toFixed(1)} s` : "not run", result: unit ? pass(unit.jestS < BUDGET.unitSuiteS && unit.jestOk) : "not run" },
  ];

  // Profiles when an evaluation budget is missed (or on request)
  let profiles: Record<string, ProfileSummary> | undefined;
  let profileDir: string | undefined;
  if (opts.profile || budgets.slice(0, 4).some((b) => b.result === "FAIL")) {
    // Outside the repo (only bench/results/*.json is git-ignored there); the path is in the JSON.
    const dir = path.join(os.tmpdir(), "pulse-os-bench-profiles", startedAt.toISOString().replace(/[:.]/g, "-"));
    profileDir = dir;
    mkdirSync(dir, { recursive: true });
    profiles = {};
    const targets: EvalConfig[] = [evalConfig("floor", undefined, modulesFile), ...(["precompiled", "transpile", "typecheck"] as const).map((m) => evalConfig(m, "prod", modulesFile))];
    if (fit.slope >= BUDGET.msPerPool) targets.push(evalConfig("precompiled", "prod", modulesFile, 1), evalConfig("precompiled", "prod", modulesFile, 50));
    for (const c of targets) {
      const sub = path.join(dir, c.key.replace(/[/=]/g, "_"));
      log(`profiling ${c.key} -> ${sub}`);
      sample(c, ["--cpu-prof", "--cpu-prof-dir", sub]);
      const file = readdirSync(sub).find((f) => f.endsWith(".cpuprofile"));
      if (file) profiles[c.key] = summarise(path.join(sub, file), ROOT);
    }
  }
  rmSync(tmp, { recursive: true, force: true });

  // Table
  const rows: string[][] = [["Measurement", "Median (min–max)", "Peak RSS", "vs floor", "Notes"]];
  rows.push([MODE_LABEL.floor, fmtStats(floor.wallMs), `${floor.maxRssMiB.median.toFixed(0)} MiB`, "1.00x", `${floor.modules} node_modules files, nothing registered`]);
  for (const stack of STACKS) {
    for (const mode of ["typecheck", "transpile", "precompiled"] as const) {
      const e = ev(stack, mode);
      const tsCost = mode === "precompiled" ? `${e.resources} resources (${e.kubernetes} k8s, ${e.azure} azure)` : `TypeScript cost ${fmt(e.wallMs.median - ev(stack, "precompiled").wallMs.median)}`;
      rows.push([`${stack}: ${MODE_LABEL[mode]}`, fmtStats(e.wallMs), `${e.maxRssMiB.median.toFixed(0)} MiB`, `${ratio(stack, mode).toFixed(2)}x`, tsCost]);
    }
  }
  for (const c of ccConfigs) {
    const e = evals.get(c.key)!;
    rows.push([`prod: ${MODE_LABEL[c.mode]} + NODE_COMPILE_CACHE (warm)`, fmtStats(e.wallMs), `${e.maxRssMiB.median.toFixed(0)} MiB`, `${(e.wallMs.median / floor.wallMs.median).toFixed(2)}x`, "experiment; not what pulumi runs use"]);
  }
  for (const m of scaleModes) {
    for (const n of POOLS) {
      const s = sc(n, m);
      rows.push([`prod, ${n} worker pool${n > 1 ? "s" : ""} (${m === "transpile" ? "transpile-only" : m})`, fmtStats(s.wallMs), `${s.maxRssMiB.median.toFixed(0)} MiB`, `${(s.wallMs.median / floor.wallMs.median).toFixed(2)}x`, `${s.resources} resources`]);
    }
    const sl = slopes[m];
    rows.push([`  per extra pool (${m === "transpile" ? "transpile-only" : m})`, `${sl.fit.slope.toFixed(1)} ms`, "", "", `1→10: ${sl.slopeMsPerPool1to10.toFixed(1)}, 10→50: ${sl.slopeMsPerPool10to50.toFixed(1)} ms/pool; R² ${sl.fit.r2.toFixed(3)}; ${resourcesPerPool.toFixed(1)} resources/pool; ${sl.linear ? "linear" : "not clearly linear"}`]);
  }
  if (eng.dryRunMs) {
    rows.push([`kubectl apply --server-side --dry-run=server`, fmtStats(eng.dryRunMs), "", "", `${(eng.objects ?? 0) - (eng.namespaces ?? 0)} objects of the local stack (namespaces applied first)`]);
    if (eng.createApplyMs !== undefined) rows.push(["kubectl apply --server-side (create)", fmt(eng.createApplyMs), "", "", "once"]);
    if (eng.noChangeApplyMs) rows.push(["kubectl apply --server-side (no change)", fmtStats(eng.noChangeApplyMs), "", "", ""]);
  } else {
    rows.push(["engine floor (kubectl)", eng.status, "", "", ""]);
  }
  rows.push(["pulumi preview / up vs floor", "blocked (no Kubernetes provider)", "", "", "docs/toolchain.md"]);
  if (unit) {
    rows.push(["unit suite: jest --selectProjects unit", `${unit.jestS.toFixed(1)} s`, "", "", `${unit.jestOk ? "passed" : "FAILED"}; ${unit.jestSummary}`]);
    rows.push(["type-check: tsc --noEmit", `${unit.tscS.toFixed(1)} s`, "", "", unit.tscOk ? "clean" : "ERRORS"]);
  }
  rows.push(["build: tsc -p tsconfig.build.json", fmt(build.ms), "", "", "once, before the runs"]);

  const out: string[] = [];
  out.push(`\nPulse-OS benchmark — ${startedAt.toISOString()} — ${machine.cpus} cores, node ${machine.node}, ${opts.runs} run(s) per row (cold processes), load avg at start ${loadAtStart.join(" ")}\n`);
  out.push(table(rows));
  out.push("");
  out.push(table([["Budget", "Measured", "Result"], ...budgets.map((b) => [b.budget, b.value, b.result])]));
  if (profiles) {
    for (const [key, p] of Object.entries(profiles)) {
      out.push(`\nCPU profile ${key} (${p.totalMs} ms profiled), self time by module: ${p.byModule.slice(0, 8).map((r) => `${r.name} ${r.ms}`).join(", ")}`);
      out.push(`  top functions: ${p.byFunction.slice(0, 6).map((r) => `${r.name} ${r.ms}`).join("; ")}`);
    }
  }
  const p1 = profiles?.["prod/precompiled/pools=1"];
  const p50 = profiles?.["prod/precompiled/pools=50"];
  if (p1 && p50) {
    const base = new Map(p1.byModule.map((r) => [r.name, r.ms]));
    const growth = p50.byModule.map((r) => ({ name: r.name, ms: (r.ms - (base.get(r.name) ?? 0)) / 49 })).sort((x, y) => y.ms - x.ms);
    out.push(`\nPer extra pool, self time growth by module (50 vs 1 pool profile, /49): ${growth.slice(0, 8).map((r) => `${r.name} ${r.ms.toFixed(2)} ms`).join(", ")}`);
  }
  process.stdout.write(`${out.join("\n")}\n`);

  const resultsDir = path.join(ROOT, "bench/results");
  mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${startedAt.toISOString().replace(/[:.]/g, "-")}.json`);
  const json = {
    startedAt: startedAt.toISOString(),
    options: opts,
    machine,
    load: { before: loadBefore, waitedS: quiet.waitedS, atStart: loadAtStart, end: loadEnd },
    buildMs: build.ms,
    evaluation: Object.fromEntries(evals),
    scaling: { ...scaling, pools: Object.fromEntries(scale) },
    engine: eng,
    unit,
    budgets,
    profileDir,
    profiles,
  };
  writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
  process.stdout.write(`\nwrote ${path.relative(process.cwd(), file)}\n`);
  if (!existsSync(path.join(resultsDir, ".gitkeep"))) writeFileSync(path.join(resultsDir, ".gitkeep"), "");
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});

/**
 * Performance benchmark (docs/performance.md): npm run bench:eval -- [--runs N] [--quick] [--profile]
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
 *
 * The unit-suite row runs the suite once; scripts/bench-unit.sh (npm run bench:unit) measures its
 * spread and stability beside CPU hogs.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fmt, fmtStats, linearFit, loadavg, log, must, NODE, ROOT, run, childEnv, table, waitForQuiet } from "./bench/common";
import type { ProfileSummary } from "./bench/cpu-profile";
import { engine, type EngineResult } from "./bench/engine-floor";
import { parseArgs } from "./bench/options";
import { writeBuildStamp } from "./write-build-stamp";
import { CHILD_JS_PATH as CHILD_JS, evalConfig, measure, MODE_LABEL, profileEach, sample, type EvalConfig, type Mode } from "./bench/evaluation";

const STACKS = ["dev", "prod"] as const;
const POOLS = [1, 10, 50] as const;

const BUDGET = { evalVsFloor: 2, msPerPool: 5, previewVsDryRun: 3, unitSuiteS: 10 };

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const startedAt = new Date();
  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? "?",
    memGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
  log(
    `${machine.cpus} cores (${machine.cpuModel}), ${machine.memGiB} GiB, node ${machine.node}; ${opts.runs} run(s) per configuration${opts.quick ? " (--quick)" : ""}`,
  );

  // Build once: the precompiled mode and the floor run from bin/.
  log("building bin/ (tsc -p tsconfig.build.json, then the build stamp, as npm run build does)");
  const build = must("build", run(NODE, [path.join(ROOT, "node_modules/typescript/bin/tsc"), "-p", path.join(ROOT, "tsconfig.build.json")]));
  writeBuildStamp(ROOT); // what npm run build writes: bin/index.js refuses to run without it
  log(`built in ${fmt(build.ms)}`);

  // The floor loads exactly the node_modules files the program loads (in the same order).
  const tmp = mkdtempSync(path.join(os.tmpdir(), "pulse-bench-mods-"));
  const modulesFile = path.join(tmp, "modules.json");
  const compileCacheDir = path.join(tmp, "compile-cache");
  must("module probe", run(NODE, [CHILD_JS, "--stack", "prod", "--list-modules", modulesFile]));

  const loadBefore = loadavg();
  const quiet = opts.quick ? { waitedS: 0, load1: loadBefore[0]! } : await waitForQuiet();
  const loadAtStart = loadavg();

  // 1. evaluation, all modes side by side
  const evalConfigs: EvalConfig[] = [evalConfig("floor", undefined, modulesFile)];
  for (const stack of STACKS) for (const mode of ["typecheck", "transpile", "precompiled"] as const) evalConfigs.push(evalConfig(mode, stack, modulesFile));
  const ccConfigs = [
    evalConfig("transpile", "prod", modulesFile, undefined, compileCacheDir),
    evalConfig("precompiled", "prod", modulesFile, undefined, compileCacheDir),
  ];
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
    const summary = (j.r.stderr + j.r.stdout)
      .split("\n")
      .filter((l) => /^(Tests|Test Suites):/.test(l))
      .join("; ");
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
    {
      budget: `prod evaluation, mode pulumi runs use (precompiled bin/, Pulumi.yaml) <= ${BUDGET.evalVsFloor}x floor`,
      value: `${ratio("prod", configured).toFixed(2)}x`,
      result: pass(ratio("prod", configured) <= BUDGET.evalVsFloor),
    },
    {
      budget: `< ${BUDGET.msPerPool} ms per extra worker pool (precompiled)`,
      value: `${fit.slope.toFixed(1)} ms/pool`,
      result: pass(fit.slope < BUDGET.msPerPool),
    },
    { budget: `(info) per extra worker pool under ts-node transpile-only`, value: `${slopes.transpile.fit.slope.toFixed(1)} ms/pool`, result: "-" },
    {
      budget: `no-change preview <= ${BUDGET.previewVsDryRun}x server dry-run`,
      value: eng.dryRunMs ? `floor ${fmt(eng.dryRunMs.median)}` : eng.status,
      result: "measured by npm run bench (scripts/bench-engine.ts)",
    },
    {
      budget: `unit suite <= ${BUDGET.unitSuiteS} s`,
      value: unit ? `${unit.jestS.toFixed(1)} s` : "not run",
      result: unit ? pass(unit.jestS <= BUDGET.unitSuiteS && unit.jestOk) : "not run",
    },
  ];

  // Profiles when an evaluation budget is missed (or on request)
  let profiles: Record<string, ProfileSummary> | undefined;
  let profileDir: string | undefined;
  if (opts.profile || budgets.slice(0, 4).some((b) => b.result === "FAIL")) {
    const targets: EvalConfig[] = [
      evalConfig("floor", undefined, modulesFile),
      ...(["precompiled", "transpile", "typecheck"] as const).map((m) => evalConfig(m, "prod", modulesFile)),
    ];
    if (fit.slope >= BUDGET.msPerPool) targets.push(evalConfig("precompiled", "prod", modulesFile, 1), evalConfig("precompiled", "prod", modulesFile, 50));
    ({ profiles, profileDir } = profileEach(targets, startedAt));
  }
  rmSync(tmp, { recursive: true, force: true });

  // Table
  const rows: string[][] = [["Measurement", "Median (min–max)", "Peak RSS", "vs floor", "Notes"]];
  rows.push([
    MODE_LABEL.floor,
    fmtStats(floor.wallMs),
    `${floor.maxRssMiB.median.toFixed(0)} MiB`,
    "1.00x",
    `${floor.modules} node_modules files, nothing registered`,
  ]);
  for (const stack of STACKS) {
    for (const mode of ["typecheck", "transpile", "precompiled"] as const) {
      const e = ev(stack, mode);
      const tsCost =
        mode === "precompiled"
          ? `${e.resources} resources (${e.kubernetes} k8s, ${e.azure} azure)`
          : `TypeScript cost ${fmt(e.wallMs.median - ev(stack, "precompiled").wallMs.median)}`;
      rows.push([`${stack}: ${MODE_LABEL[mode]}`, fmtStats(e.wallMs), `${e.maxRssMiB.median.toFixed(0)} MiB`, `${ratio(stack, mode).toFixed(2)}x`, tsCost]);
    }
  }
  for (const c of ccConfigs) {
    const e = evals.get(c.key)!;
    rows.push([
      `prod: ${MODE_LABEL[c.mode]} + NODE_COMPILE_CACHE (warm)`,
      fmtStats(e.wallMs),
      `${e.maxRssMiB.median.toFixed(0)} MiB`,
      `${(e.wallMs.median / floor.wallMs.median).toFixed(2)}x`,
      "experiment; not what pulumi runs use",
    ]);
  }
  for (const m of scaleModes) {
    for (const n of POOLS) {
      const s = sc(n, m);
      rows.push([
        `prod, ${n} worker pool${n > 1 ? "s" : ""} (${m === "transpile" ? "transpile-only" : m})`,
        fmtStats(s.wallMs),
        `${s.maxRssMiB.median.toFixed(0)} MiB`,
        `${(s.wallMs.median / floor.wallMs.median).toFixed(2)}x`,
        `${s.resources} resources`,
      ]);
    }
    const sl = slopes[m];
    rows.push([
      `  per extra pool (${m === "transpile" ? "transpile-only" : m})`,
      `${sl.fit.slope.toFixed(1)} ms`,
      "",
      "",
      `1→10: ${sl.slopeMsPerPool1to10.toFixed(1)}, 10→50: ${sl.slopeMsPerPool10to50.toFixed(1)} ms/pool; R² ${sl.fit.r2.toFixed(3)}; ${resourcesPerPool.toFixed(1)} resources/pool; ${sl.linear ? "linear" : "not clearly linear"}`,
    ]);
  }
  if (eng.dryRunMs) {
    rows.push([
      `kubectl apply --server-side --dry-run=server`,
      fmtStats(eng.dryRunMs),
      "",
      "",
      `${(eng.objects ?? 0) - (eng.namespaces ?? 0)} objects of the local stack (namespaces applied first)`,
    ]);
    if (eng.createApplyMs !== undefined) rows.push(["kubectl apply --server-side (create)", fmt(eng.createApplyMs), "", "", "once"]);
    if (eng.noChangeApplyMs) rows.push(["kubectl apply --server-side (no change)", fmtStats(eng.noChangeApplyMs), "", "", ""]);
  } else {
    rows.push(["engine floor (kubectl)", eng.status, "", "", ""]);
  }
  rows.push(["pulumi preview / up through the engine", "see npm run bench (scripts/bench-engine.ts)", "", "", "docs/performance.md"]);
  if (unit) {
    rows.push(["unit suite: jest --selectProjects unit", `${unit.jestS.toFixed(1)} s`, "", "", `${unit.jestOk ? "passed" : "FAILED"}; ${unit.jestSummary}`]);
    rows.push(["type-check: tsc --noEmit", `${unit.tscS.toFixed(1)} s`, "", "", unit.tscOk ? "clean" : "ERRORS"]);
  }
  rows.push(["build: tsc -p tsconfig.build.json", fmt(build.ms), "", "", "once, before the runs"]);

  const out: string[] = [];
  out.push(
    `\nPulse-OS benchmark — ${startedAt.toISOString()} — ${machine.cpus} cores, node ${machine.node}, ${opts.runs} run(s) per row (cold processes), load avg at start ${loadAtStart.join(" ")}\n`,
  );
  out.push(table(rows));
  out.push("");
  out.push(table([["Budget", "Measured", "Result"], ...budgets.map((b) => [b.budget, b.value, b.result])]));
  if (profiles) {
    for (const [key, p] of Object.entries(profiles)) {
      out.push(
        `\nCPU profile ${key} (${p.totalMs} ms profiled), self time by module: ${p.byModule
          .slice(0, 8)
          .map((r) => `${r.name} ${r.ms}`)
          .join(", ")}`,
      );
      out.push(
        `  top functions: ${p.byFunction
          .slice(0, 6)
          .map((r) => `${r.name} ${r.ms}`)
          .join("; ")}`,
      );
    }
  }
  const p1 = profiles?.["prod/precompiled/pools=1"];
  const p50 = profiles?.["prod/precompiled/pools=50"];
  if (p1 && p50) {
    const base = new Map(p1.byModule.map((r) => [r.name, r.ms]));
    const growth = p50.byModule.map((r) => ({ name: r.name, ms: (r.ms - (base.get(r.name) ?? 0)) / 49 })).sort((x, y) => y.ms - x.ms);
    out.push(
      `\nPer extra pool, self time growth by module (50 vs 1 pool profile, /49): ${growth
        .slice(0, 8)
        .map((r) => `${r.name} ${r.ms.toFixed(2)} ms`)
        .join(", ")}`,
    );
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

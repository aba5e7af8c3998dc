/** Shared helpers of the benchmark scripts: child processes, statistics, load, table output. */
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import * as os from "node:os";
import * as path from "node:path";

export const ROOT = path.resolve(__dirname, "../..");
export const NODE = process.execPath;
const LOAD_TARGET = 1.5;
const LOAD_WAIT_MAX_S = 300;

export const log = (msg: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export interface Stats {
  median: number;
  min: number;
  max: number;
  samples: number[];
}

export function stats(xs: number[]): Stats {
  return { median: median(xs), min: Math.min(...xs), max: Math.max(...xs), samples: xs };
}

/** Environment of every child: no ts-node settings or NODE_OPTIONS leak in from this process. */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith("TS_NODE_") && k !== "NODE_OPTIONS") env[k] = v;
  return { ...env, ...extra };
}

export function run(cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): { r: SpawnSyncReturns<string>; ms: number } {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd: ROOT, env: opts.env ?? childEnv(), encoding: "utf8", maxBuffer: 256 << 20, timeout: opts.timeoutMs });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  return { r, ms };
}

export function must(what: string, res: { r: SpawnSyncReturns<string>; ms: number }): { r: SpawnSyncReturns<string>; ms: number } {
  if (res.r.status !== 0) throw new Error(`${what} failed (exit ${res.r.status ?? res.r.signal}):\n${res.r.stderr || res.r.stdout}`);
  return res;
}

/** Least-squares fit y = a + b x over all samples. */
export function linearFit(points: [number, number][]): { slope: number; intercept: number; r2: number } {
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

export async function waitForQuiet(): Promise<{ waitedS: number; load1: number }> {
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

export const loadavg = () => os.loadavg().map((x) => Math.round(x * 100) / 100);

export const fmt = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(0)} ms`);
export const fmtStats = (s: Stats) => `${fmt(s.median)} (${fmt(s.min)}–${fmt(s.max)})`;

export function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  return [line(rows[0]!), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.slice(1).map(line)].join("\n");
}

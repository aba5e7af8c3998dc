/**
 * The engine floor: kubectl server-side apply (dry-run and real) of the rendered local stack on the
 * local cluster, when it is running (never started or stopped here).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { childEnv, log, must, NODE, ROOT, run, stats, type Stats } from "./common";

export interface EngineResult {
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
  const r = spawnSync("bash", ["-c", 'source scripts/lib/env.sh >/dev/null 2>&1; command -v kubectl || true; printf "%s\\n" "$KUBECONFIG"'], {
    cwd: ROOT,
    encoding: "utf8",
  });
  const [kubectl, kubeconfig] = r.stdout.split("\n");
  if (!kubectl || !kubeconfig) return undefined;
  return { kubectl, env: childEnv({ KUBECONFIG: kubeconfig }) };
}

export function engine(runs: number): EngineResult {
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
      if (existing.split("\n").length !== ENGINE_NAMESPACES.length)
        return { status: `skipped: namespaces partly present (${existing.replace(/\n/g, ", ")}), another run is using the cluster` };
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

/**
 * Progress of the engine scripts (`npm run local`, `deploy`, `drift`): every step is announced on
 * stderr and reports how long it took; the toolchain and the local cluster are brought up the same
 * way by each of them.
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { clusterReachable, ROOT } from "./engine";

export interface Steps {
  /** One progress line on stderr, `[<name> HH:MM:SS] msg` (a function property: it may be passed on detached). */
  readonly log: (msg: string) => void;
  /** Runs `fn`, announcing it and printing how long it took. */
  step<T>(name: string, fn: () => T | Promise<T>): Promise<T>;
  /** Seconds since the script started, one decimal. */
  elapsed(): string;
}

export function steps(name: string): Steps {
  const t0 = Date.now();
  const log = (msg: string) => process.stderr.write(`[${name} ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
  return {
    log,
    async step<T>(what: string, fn: () => T | Promise<T>): Promise<T> {
      log(`==> ${what}`);
      const start = Date.now();
      const result = await fn();
      log(`<== ${what} in ${((Date.now() - start) / 1000).toFixed(1)}s`);
      return result;
    },
    elapsed: () => ((Date.now() - t0) / 1000).toFixed(1),
  };
}

/** Runs `scripts/<script>` with bash, output inherited; throws on a non-zero exit. */
export function runScript(script: string, args: readonly string[]): void {
  const r = spawnSync("bash", [path.join(ROOT, "scripts", script), ...args], { stdio: "inherit" });
  if (r.status !== 0) throw new Error(`scripts/${script} ${args.join(" ")} failed (exit ${r.status ?? r.signal})`);
}

/** Builds what is missing of the toolchain (seconds when cached) and starts the local cluster when none answers. */
export async function ensureLocalCluster(s: Steps): Promise<void> {
  await s.step("toolchain (Pulumi CLI, Kubernetes provider, cluster binaries; cached)", () => runScript("toolchain.sh", ["pulumi", "k8s-provider", "cluster"]));
  await s.step("local cluster", () => {
    if (clusterReachable()) s.log("   reachable");
    else runScript("cluster-up.sh", []);
  });
}

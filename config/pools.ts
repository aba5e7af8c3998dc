/**
 * Worker pools: each pool is the `workers` values with the pool's own fields merged in deeply
 * (a pool that sets only `resources.requests` keeps the `workers` limits), and every rule that
 * keeps a task from being lost is checked on the merged pool. A problem is reported at the
 * pool's key when the pool set the field involved, else once at the `workers` key it inherits.
 */
import { z } from "zod";
import { checkLimits, type DeepPartial } from "./fields";
import type { poolFields } from "./sections/workers";

/** Notice Azure gives a spot VM before evicting it (Scheduled Events `Preempt`). */
export const SPOT_EVICTION_NOTICE_SECONDS = 30;
/** KEDA names the HorizontalPodAutoscaler of a ScaledObject `keda-hpa-<name>`. */
const KEDA_HPA_PREFIX = "keda-hpa-";

type PoolValues = z.output<z.ZodObject<typeof poolFields>>;
/** A resolved worker pool: every field of `workers`, merged with the pool's own, and its queues. */
export type WorkerPool = PoolValues & { queues: string[] };
type Overrides = DeepPartial<PoolValues> & { queues?: string[] };
type Workers = DeepPartial<PoolValues> & { queue?: string; pools?: Record<string, Overrides | undefined>; keda?: unknown };

type Def = { type?: string; innerType?: z.ZodType; shape?: Record<string, z.ZodType> };
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** A field's schema without its defaults, objects made of optional fields (a pool's override). */
function override(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (let d = defOf(current); d.type === "default" || d.type === "prefault"; d = defOf(current)) current = d.innerType!;
  const d = defOf(current);
  if (d.type === "object" && d.shape) return z.strictObject(Object.fromEntries(Object.entries(d.shape).map(([k, v]) => [k, override(v).optional()])));
  return current;
}

/** The schema of every field a pool may override: the `workers` field types, no defaults. */
export function overridesOf<F extends Record<string, z.ZodType>>(fields: F): { [K in keyof F]: z.ZodOptional<z.ZodType<DeepPartial<z.output<F[K]>>>> } {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, override(v).optional()])) as never;
}

const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** `over` merged into `base`, objects recursively; lists and scalars of `over` replace. */
function deepMerge(base: unknown, over: unknown): unknown {
  if (over === undefined) return base;
  if (!isPlain(base) || !isPlain(over)) return over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = deepMerge(base[k], v);
  return out;
}

const INHERITED = [
  "replicas",
  "nodePool",
  "spot",
  "spotNodePool",
  "nodeName",
  "concurrency",
  "maxTasksPerChild",
  "timeLimitSeconds",
  "softTimeLimitSeconds",
  "resources",
  "terminationGracePeriodSeconds",
  "readinessProbe",
  "livenessProbe",
  "autoscaling",
  "disruptionBudget",
  "topologySpread",
] as const satisfies ReadonlyArray<keyof PoolValues>;

/** Each pool (`worker` when none is named), in name order, merged over the `workers` values. */
function merged(w: Workers): Array<{ name: string; own: Overrides | undefined; pool: DeepPartial<WorkerPool> }> {
  const base: Record<string, unknown> = {};
  for (const key of INHERITED) if (w[key] !== undefined) base[key] = w[key];
  const pools = w.pools ?? { worker: {} };
  return Object.keys(pools)
    .sort()
    .map((name) => {
      const own = w.pools === undefined ? undefined : pools[name];
      const pool = deepMerge(base, own ?? {}) as DeepPartial<WorkerPool>;
      return { name, own, pool: { ...pool, queues: own?.queues ?? (w.queue !== undefined ? [w.queue] : undefined) } };
    });
}

/** The resolved pools of valid `workers` values. */
export function resolvePools(w: PoolValues & { queue: string; pools?: Record<string, Overrides> | undefined }): Record<string, WorkerPool> {
  return Object.fromEntries(merged(w as Workers).map(({ name, pool }) => [name, pool as WorkerPool]));
}

/** Whether `own` (a pool's overrides) sets the field at `path`. */
function sets(own: unknown, path: readonly string[]): boolean {
  let current = own;
  for (const key of path) {
    if (!isPlain(current) || current[key] === undefined) return false;
    current = current[key];
  }
  return true;
}

/** Every rule on the merged pools; issues deduplicated, each at the key that was set. */
export function checkPools(w: Workers | undefined, ctx: z.RefinementCtx): void {
  if (w === undefined) return;
  const reported = new Set<string>();
  const pools = merged(w);
  for (const { name, own, pool: p } of pools) {
    /** Reports at `field` of the pool when the pool set any of `involved`, else once at `workers.<field>`. */
    const report = (field: readonly string[], involved: ReadonlyArray<readonly string[]>, message: string) => {
      const path = own !== undefined && [field, ...involved].some((f) => sets(own, f)) ? ["pools", name, ...field] : [...field];
      const key = `${path.join("\u0000")}\u0001${message}`;
      if (reported.has(key)) return;
      reported.add(key);
      ctx.addIssue({ code: "custom", path, message });
    };
    const hard = p.timeLimitSeconds;
    const grace = p.terminationGracePeriodSeconds;
    const soft = p.softTimeLimitSeconds;
    if (typeof soft === "number" && typeof hard === "number" && soft >= hard) {
      report(["softTimeLimitSeconds"], [["timeLimitSeconds"]], `must be below timeLimitSeconds (${hard})`);
    }
    if (typeof hard === "number" && typeof grace === "number" && hard >= grace) {
      report(
        ["timeLimitSeconds"],
        [["terminationGracePeriodSeconds"]],
        `must be below terminationGracePeriodSeconds (${grace} s): a task still running when the worker is stopped (rollout, cutover, scale-down, node drain) is killed at the end of the grace period and lost`,
      );
    }
    if (p.spot === true && p.spotNodePool === undefined) {
      report(
        ["spotNodePool"],
        [["spot"]],
        "is required when spot is on: every spot pool shares the AKS spot taint, so without a named pool the workers may land on any spot pool of the cluster, other teams' included",
      );
    }
    // On spot the drain is cut short: Azure deletes the VM 30 s after its eviction notice, whatever the grace period.
    if (p.spot === true && typeof hard === "number" && hard >= SPOT_EVICTION_NOTICE_SECONDS) {
      report(
        ["timeLimitSeconds"],
        [["spot"]],
        `must be below ${SPOT_EVICTION_NOTICE_SECONDS} on spot nodes: Azure evicts a spot node ${SPOT_EVICTION_NOTICE_SECONDS} s after its notice, whatever terminationGracePeriodSeconds says, so a longer task is lost; lower it or run the pool off spot`,
      );
    }
    const a = p.autoscaling;
    if (a?.mode === "keda" && a.minReplicas === 0 && (typeof hard !== "number" || typeof grace !== "number" || hard >= grace)) {
      report(
        ["autoscaling", "minReplicas"],
        [["timeLimitSeconds"], ["terminationGracePeriodSeconds"]],
        `is 0 (scale to zero), which stops the last worker while the queue is empty although it may still run a task: set timeLimitSeconds below terminationGracePeriodSeconds (${typeof grace === "number" ? grace : "?"} s) so every task ends within the drain, or keep minReplicas at 1`,
      );
    }
    if (typeof a?.minReplicas === "number" && typeof a.maxReplicas === "number" && a.minReplicas > a.maxReplicas) {
      report(["autoscaling", "minReplicas"], [["autoscaling", "maxReplicas"]], `minReplicas (${a.minReplicas}) must not exceed maxReplicas (${a.maxReplicas})`);
    }
    if (a?.mode === "hpa" && a.minReplicas === 0) {
      report(["autoscaling", "minReplicas"], [["autoscaling", "mode"]], "must be at least 1 with mode 'hpa' (only KEDA scales to zero)");
    }
    if (own !== undefined && isPlain(own.resources)) checkLimits(p.resources, ctx, ["pools", name, "resources"]);
    if (
      own !== undefined &&
      a?.mode === "hpa" &&
      name.startsWith(KEDA_HPA_PREFIX) &&
      pools.some((o) => `${KEDA_HPA_PREFIX}${o.name}` === name && o.pool.autoscaling?.mode === "keda")
    ) {
      ctx.addIssue({
        code: "custom",
        path: ["pools", name],
        message: `collides with the HorizontalPodAutoscaler KEDA creates for pool '${name.slice(KEDA_HPA_PREFIX.length)}' ('${name}'); choose another pool name`,
      });
    }
  }
  const seen = new Map<string, string>();
  for (const { name, pool } of pools) {
    for (const queue of pool.queues ?? []) {
      const other = seen.get(String(queue));
      if (other !== undefined)
        ctx.addIssue({
          code: "custom",
          path: ["pools", name, "queues"],
          message: `queue '${queue}' is already consumed by pool '${other}'; each pool needs its own queues`,
        });
      else seen.set(String(queue), name);
    }
  }
  if (pools.some(({ pool }) => pool.autoscaling?.mode === "keda") && w.keda === undefined) {
    ctx.addIssue({ code: "custom", path: ["keda"], message: "is required when a pool's autoscaling mode is 'keda' (address of the Redis broker)" });
  }
}

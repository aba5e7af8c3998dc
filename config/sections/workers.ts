/**
 * `workers`: the Celery workers. The fields a pool may override are declared once
 * (`poolFields`); `workers.pools.<name>` takes any subset of them, merged deeply over the
 * `workers` values (config/pools.ts), so the resolved config carries complete pools.
 */
import { z } from "zod";
import { ALWAYS, dnsLabel, dnsSubdomain, nonNegativeInt, positiveInt, probeTimings, resources } from "../fields";
import { checkPools, overridesOf, resolvePools } from "../pools";
import { autoscalingSchema, disruptionSchema, spreadSchema } from "./autoscaling";

export const queueName = () => z.string().regex(/^[A-Za-z0-9._:-]{1,200}$/, "must be 1-200 letters, digits, '.', '_', ':' or '-'");
const hostPort = z.string().regex(/^[A-Za-z0-9.-]+:\d{1,5}$/, "must be host:port, e.g. 'redis.example.com:6380'");
const celeryNodeName = () => z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "must be letters, digits, '_' or '-'");

/** Every field of a worker pool, with the defaults of the `workers` level. */
export const poolFields = {
  replicas: positiveInt().default(3).meta({ description: "Replicas (the minimum when autoscaled)." }),
  nodePool: dnsLabel().default("workers").meta({ description: "AKS agent pool (not used on spot)." }),
  spot: z.boolean().default(false).meta({
    description:
      "Run on AKS spot nodes: spot toleration + required spot node affinity, pinned to `spotNodePool`. Azure gives a spot node 30 s notice before eviction, so every task must end within it (`timeLimitSeconds` below 30).",
  }),
  spotNodePool: dnsLabel().optional().meta({
    description:
      "Agent pool of the spot nodes; required when `spot` is on: every spot pool of a cluster shares the spot taint and labels, so without it the workers could land on another team's spot pool.",
  }),
  nodeName: celeryNodeName().default("worker1").meta({ description: "Celery node name prefix (`-n <nodeName>@%h`)." }),
  concurrency: positiveInt().optional().meta({ description: "`--concurrency`; Celery's default (CPU count) when omitted." }),
  maxTasksPerChild: positiveInt().optional().meta({ description: "`--max-tasks-per-child`; no limit when omitted." }),
  timeLimitSeconds: positiveInt()
    .optional()
    .meta({ description: "`--time-limit` (hard), seconds; below `terminationGracePeriodSeconds`, so a task running at SIGTERM ends within the drain." }),
  softTimeLimitSeconds: positiveInt().optional().meta({ description: "`--soft-time-limit`, seconds; below `timeLimitSeconds`." }),
  resources: resources({ cpu: "100m", memory: "850Mi" }, { cpu: "200m", memory: "1Gi" }),
  terminationGracePeriodSeconds: positiveInt().default(120).meta({ description: "Time a worker gets to drain after SIGTERM (Celery's warm shutdown)." }),
  // Exec probes start a Python interpreter: under a 200m CPU limit, with tasks using the CPU,
  // that takes seconds. Rare and patient probes, so a busy worker is not restarted mid-task.
  readinessProbe: probeTimings(
    { initialDelaySeconds: 60, periodSeconds: 30, timeoutSeconds: 20, failureThreshold: 3 },
    "`worker_readiness.py` probe timings `{initialDelaySeconds, periodSeconds, timeoutSeconds, failureThreshold}`; each probe starts a Python interpreter.",
  ),
  livenessProbe: probeTimings(
    { initialDelaySeconds: 60, periodSeconds: 60, timeoutSeconds: 30, failureThreshold: 3 },
    "`worker_liveness.py` probe timings; patient, so a busy worker is not restarted mid-task.",
  ),
  autoscaling: autoscalingSchema,
  disruptionBudget: disruptionSchema,
  topologySpread: spreadSchema,
};

/** A pool: its queues and any subset of `poolFields`, without defaults (they come from `workers`). */
const poolSchema = z.strictObject({
  queues: z
    .array(queueName())
    .min(1, "needs at least one queue")
    .optional()
    .meta({ description: "Queues of the pool (`-Q`); `[workers.queue]` when omitted. No queue may belong to two pools." }),
  ...overridesOf(poolFields),
});

export const workersSchema = z
  .strictObject({
    color: z.enum(["blue", "green"]).default("blue").meta({ description: "Active colour; the namespace is `<namespaces.workersPrefix>-<color>`." }),
    drainingColor: z.enum(["blue", "green"]).optional().meta({
      description:
        "During a cutover, the previous colour: kept deployed, scaled to zero (draining) until a later change removes it; must differ from `color` (docs/operations.md).",
    }),
    queue: queueName().default("requests").meta({ description: "Broker queue consumed (`BROKER_REQUESTS_QUEUE`)." }),
    ...poolFields,
    pools: z.record(dnsLabel(), poolSchema).optional().meta({
      description:
        "Named Celery pools, each a Deployment in the colour namespace sharing the workers identity. Each pool takes any field of `workers` above (and `queues`), merged deeply over the `workers` values: a pool that sets only `resources.requests` keeps the `workers` limits. Omitted: one pool named `worker` (the chart's object names).",
    }),
    keda: z
      .strictObject({
        address: hostPort.meta({ description: "`host:port` of the Redis broker." }),
        databaseIndex: nonNegativeInt().default(0).meta({ description: "Must match `/<db>` of the broker URL." }),
        enableTLS: z.boolean().default(true).meta({ description: "TLS to Redis." }),
        passwordSecret: z
          .strictObject({
            name: dnsSubdomain().default("secret-api-workers").meta({ description: "Secret in the workers namespace." }),
            key: z
              .string()
              .regex(/^[-._a-zA-Z0-9]+$/, "must be a Secret key")
              .meta({ description: "Entry holding the Redis password." }),
          })
          .optional()
          .meta({ description: "Redis password, read through a KEDA TriggerAuthentication; no auth when omitted." }),
      })
      .optional()
      .meta({ description: "Redis the KEDA scaler reads queue lengths from; required when a pool uses `keda`." }),
  })
  .prefault({})
  .superRefine((w, ctx) => {
    checkPools(w, ctx);
    if (w?.drainingColor !== undefined && w.drainingColor === w.color) {
      ctx.addIssue({ code: "custom", path: ["drainingColor"], message: `must differ from color ('${w.color}'): it is the colour being drained` });
    }
  }, ALWAYS)
  .transform((w) => ({ ...w, pools: resolvePools(w) }))
  .meta({ description: "The Celery workers and their pools." });

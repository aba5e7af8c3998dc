/**
 * The stack configuration schema: every key, its type, its default and its rules.
 * This file is the single source of truth; `Pulumi.yaml`'s `config:` block and
 * `docs/configuration.md` are checked against it by tests.
 */
import { z } from "zod";
import { brokerUrlPort } from "./broker";
import { cronScheduleError } from "./cron";
import { parseQuantity } from "./quantity";

/** DNS-1123 label: namespaces, pool names, node pool label values. */
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** DNS-1123 subdomain: ConfigMap/Secret/object names. */
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** RFC 1123 host name, optionally with a single leading `*.` wildcard (Gateway API hostnames). */
const HOSTNAME = /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+$/;
/** Go duration as used by the ALB HealthCheckPolicy (`5s`, `1m30s`). */
const DURATION = /^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$/;
/** Environment variable names. */
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Container registry host (with optional port). */
const REGISTRY = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*(:[0-9]{1,5})?$/;
/** Image repository path (lower case, `/`-separated components). */
const REPOSITORY = /^[a-z0-9]+([._-][a-z0-9]+)*(\/[a-z0-9]+([._-][a-z0-9]+)*)*$/;
/** Image tag grammar. */
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** App Configuration key: anything but `%`, and not `.` / `..`. Labels additionally exclude `*` and `,`. */
const APPCONFIG_LABEL = /^[^*,%]*$/;

/**
 * Cross-field rules run even when a field already failed, so every problem is reported in one
 * pass. Their code must therefore cope with missing or invalid fields.
 */
const ALWAYS = { when: () => true } as const;

const dnsLabel = (_what: string) =>
  z.string().max(63).regex(DNS1123_LABEL, `must be a DNS-1123 label (lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters)`);
const dnsSubdomain = (_what: string) =>
  z.string().max(253).regex(DNS1123_SUBDOMAIN, `must be a DNS-1123 subdomain (lower-case letters, digits, '-' and '.')`);
const positiveInt = z.int().min(1);
const nonNegativeInt = z.int().min(0);
const uuid = (_what: string) => z.string().regex(UUID, `must be a GUID like 00000000-0000-0000-0000-000000000000`);
const quantity = (_what: string) =>
  z.string().refine((v) => (parseQuantity(v) ?? 0) > 0, `must be a positive Kubernetes quantity such as '100m', '0.5', '850Mi' or '1Gi'`);
const duration = z.string().regex(DURATION, "must be a duration such as '5s', '500ms' or '1m'");
const envMap = z.record(z.string().regex(ENV_NAME, "keys must be environment variable names ([A-Za-z_][A-Za-z0-9_]*)"), z.string());

/** CPU and memory for one side (requests or limits). */
const resourceAmounts = z.strictObject({
  cpu: quantity("cpu"),
  memory: quantity("memory"),
});

/** Requests and limits of one container. Limits must be ≥ requests. */
const resources = (requests: { cpu: string; memory: string }, limits: { cpu: string; memory: string }) =>
  z
    .strictObject({
      requests: resourceAmounts.prefault(requests),
      limits: resourceAmounts.prefault(limits),
    })
    .prefault({})
    .superRefine((r, ctx) => {
      for (const key of ["cpu", "memory"] as const) {
        const requested = r?.requests?.[key];
        const limit = r?.limits?.[key];
        if (typeof requested !== "string" || typeof limit !== "string") continue;
        const req = parseQuantity(requested);
        const lim = parseQuantity(limit);
        if (req !== undefined && lim !== undefined && lim < req) {
          ctx.addIssue({ code: "custom", path: ["limits", key], message: `must be at least requests.${key} (${requested})` });
        }
      }
    }, ALWAYS);

/** Probe timings, with the defaults of one probe. */
const probeTimings = (initialDelaySeconds: number, periodSeconds = 10, timeoutSeconds = 5, failureThreshold = 3) =>
  z
    .strictObject({
      initialDelaySeconds: nonNegativeInt.default(initialDelaySeconds),
      periodSeconds: positiveInt.default(periodSeconds),
      timeoutSeconds: positiveInt.default(timeoutSeconds),
      failureThreshold: positiveInt.default(failureThreshold),
    })
    .prefault({});

const imageSchema = z.strictObject({
  /** Registry host, e.g. `myacr.azurecr.io`. */
  registry: z.string().regex(REGISTRY, "must be a registry host name such as 'myacr.azurecr.io'"),
  /** Repository inside the registry. @default "pulseos" */
  repository: z.string().regex(REPOSITORY, "must be a lower-case repository path such as 'pulseos' or 'team/pulseos'").default("pulseos"),
  /** Immutable tag; `latest` is refused. */
  tag: z
    .string()
    .regex(TAG, "must be a valid image tag (letters, digits, '_', '.', '-'; at most 128 characters)")
    .refine((t) => t !== "latest", "must not be 'latest': pin a version so every rollout is reproducible"),
  /** Optional digest pinned next to the tag. */
  digest: z.string().regex(DIGEST, "must be 'sha256:' followed by 64 lower-case hex digits").optional(),
  /**
   * `Always`: tags are mutable in a registry, so the kubelet re-resolves the tag on every pod start
   * (a cheap manifest check; layers stay cached) and a node's cache never bypasses registry auth
   * (Checkov CKV_K8S_15, kube-score container-image-pull-policy; docs/security.md).
   * @default "Always"
   */
  pullPolicy: z.enum(["IfNotPresent", "Always"]).default("Always"),
});

const identityRef = z.strictObject({
  clientId: uuid("clientId"),
  /** Object (principal) ID; only reported as an output when given. */
  principalId: uuid("principalId").optional(),
});

const azureSchema = z
  .strictObject({
    /**
     * `managed`: create identities, credentials and App Configuration in Azure.
     * `external`: create nothing in Azure; take client IDs and the endpoint from config (clusters outside Azure).
     * @default "managed"
     */
    mode: z.enum(["managed", "external"]).default("managed"),
    /** Entra tenant ID, annotated on every service account. Required in `external` mode. */
    tenantId: uuid("tenantId").optional(),
    /** Resource group of the identities and the App Configuration store. */
    resourceGroupName: z.string().min(1).max(90).optional(),
    /** Azure region. */
    location: z.string().regex(/^[a-z0-9]+$/, "must be an Azure region name such as 'westeurope'").optional(),
    /** The AKS cluster: used to look up the OIDC issuer and (without a kubeconfig) the credentials. */
    aks: z
      .strictObject({
        resourceGroupName: z.string().min(1).max(90),
        clusterName: z.string().min(1).max(63),
        /** Issuer URL; looked up from the cluster when omitted. */
        oidcIssuerUrl: z.url({ protocol: /^https$/, error: "must be an https URL" }).optional(),
      })
      .optional(),
    /** Existing identities, `external` mode only. */
    identities: z
      .strictObject({
        apps: identityRef.optional(),
        workers: identityRef.optional(),
        exporter: identityRef.optional(),
      })
      .optional(),
    /** Tags on every Azure resource. @default {} */
    tags: z.record(z.string(), z.string()).default({}),
  })
  .prefault({});

const appConfigurationSchema = z
  .strictObject({
    /**
     * `create`: a new store; `existing`: an existing store found by name (managed mode) or by endpoint (external mode).
     * @default "create"
     */
    mode: z.enum(["create", "existing"]).default("create"),
    /** Store name (5-50 characters). Defaults to `appcs-pulse-os-<stack>`. */
    storeName: z.string().regex(/^[a-zA-Z0-9-]{5,50}$/, "must be 5-50 letters, digits or '-'").optional(),
    /** Resource group of an existing store. @default azure.resourceGroupName */
    resourceGroupName: z.string().min(1).max(90).optional(),
    /** Endpoint of an existing store (`external` mode). */
    endpoint: z.url({ protocol: /^https$/, error: "must be an https URL such as 'https://appcs-x.azconfig.io'" }).optional(),
    /** @default "standard" */
    sku: z.enum(["free", "developer", "standard", "premium"]).default("standard"),
    /** Label the workers read; key-values below are written under it. @default "custom-engine-workers" */
    label: z.string().min(1).max(255).regex(APPCONFIG_LABEL, "must not contain '*', ',' or '%'").default("custom-engine-workers"),
    /**
     * Key-values written to the store under `label`. The Kubernetes provider copies each key, minus
     * `keyPrefix`, verbatim into `configmap-custom-engine-workers`, which the workers read through
     * `envFrom`: so each key, after the prefix, must be an environment variable name. @default {}
     */
    keyValues: z.record(z.string().min(1).regex(/^[^%]+$/, "keys must not contain '%'"), z.string()).default({}),
    /** Key prefix selected (and trimmed) by the Kubernetes provider. @default "" (all keys under the label) */
    keyPrefix: z.string().regex(/^[^*,%]*$/, "must not contain '*', ',' or '%'").default(""),
    /** Refresh interval of the Kubernetes provider (`off` disables refresh). @default "1m" */
    refreshInterval: z.union([z.literal("off"), duration]).default("1m"),
    /**
     * Hold the workers back until the App Configuration provider reports its first sync complete
     * (`status.phase: COMPLETE`). `false` only where no provider controller runs. @default true
     */
    waitForSync: z.boolean().default(true),
  })
  .prefault({})
  .superRefine((a, ctx) => {
    const prefix = typeof a?.keyPrefix === "string" ? a.keyPrefix : "";
    const synced = new Map<string, string>();
    for (const key of Object.keys(a?.keyValues ?? {})) {
      const path = ["keyValues", key];
      if (!key.startsWith(prefix)) {
        ctx.addIssue({ code: "custom", path, message: `is written to the store but never synced: it does not start with appConfiguration.keyPrefix '${prefix}'` });
        continue;
      }
      const name = key.slice(prefix.length);
      if (!ENV_NAME.test(name)) {
        ctx.addIssue({ code: "custom", path, message: `becomes the ConfigMap key and environment variable '${name}' (after keyPrefix '${prefix}'), which must be an environment variable name ([A-Za-z_][A-Za-z0-9_]*; no ':', '/', '.' or '-'), e.g. '${prefix}${envNameFor(name)}'` });
        continue;
      }
      const other = synced.get(name);
      if (other !== undefined) ctx.addIssue({ code: "custom", path, message: `syncs to the same ConfigMap key '${name}' as '${other}'` });
      synced.set(name, key);
    }
  }, ALWAYS);

/** `Celery:LogLevel` -> `CELERY_LOG_LEVEL`: a suggestion for an invalid key. */
function envNameFor(key: string): string {
  const name = key.replace(/([a-z0-9])([A-Z])/g, "$1_$2").replace(/[^A-Za-z0-9_]+/g, "_").replace(/^_+|_+$/g, "").toUpperCase();
  return /^[0-9]/.test(name) ? `_${name}` : name || "NAME";
}

const kubernetesSchema = z
  .strictObject({
    /** Kubeconfig contents or path. When omitted in managed mode, the AKS user credentials are used. */
    kubeconfig: z.string().min(1).optional(),
    /** Kubeconfig context. */
    context: z.string().min(1).optional(),
    /**
     * How kubelogin signs in to an Entra ID–integrated AKS cluster when the kubeconfig comes from
     * AKS (managed mode without `kubeconfig`): `azurecli` (an `az login` session, locally or after
     * azure/login in CI), `workloadidentity` (federated CI credentials), `spn` (service principal
     * from the environment) or `devicecode` (interactive; stalls CI). @default "azurecli"
     */
    aksLogin: z.enum(["azurecli", "workloadidentity", "spn", "devicecode"]).default("azurecli"),
    /**
     * Stable identity of the cluster for the Kubernetes provider: only a change of this value
     * replaces the provider (and every object). @default "<aks resource group>/<aks cluster name>" or "default"
     */
    clusterIdentifier: z.string().min(1).optional(),
  })
  .prefault({});

const namespacesSchema = z
  .strictObject({
    /** @default "apps" */
    apps: dnsLabel("namespaces.apps").default("apps"),
    /** @default "exporter" */
    exporter: dnsLabel("namespaces.exporter").default("exporter"),
    /** Worker namespace prefix; the namespace is `<prefix>-<color>`. @default "workers" */
    workersPrefix: z.string().max(56).regex(DNS1123_LABEL, "must be a DNS-1123 label prefix").default("workers"),
  })
  .prefault({});

const settingsSchema = z
  .strictObject({
    /** Create the shared ConfigMap and Secret; `false` leaves them to exist already. @default true */
    create: z.boolean().default(true),
    /** Non-secret settings in `configmap-api-workers` (the broker queue is added from `workers.queue`). @default {} */
    values: envMap.default({}),
    /**
     * Entries of `settingsSecrets` the application cannot start without (e.g. `APP_SECRET_KEY`): a
     * missing one stops the program before any resource, instead of deploying an empty Secret. @default []
     */
    requiredSecrets: z.array(z.string().regex(ENV_NAME, "must be an environment variable name ([A-Za-z_][A-Za-z0-9_]*)")).default([]),
  })
  .prefault({});

const queueName = z.string().regex(/^[A-Za-z0-9._:-]{1,200}$/, "must be 1-200 letters, digits, '.', '_', ':' or '-'");
const CIDR = /^(\d{1,3}\.){3}\d{1,3}\/(\d|[12]\d|3[0-2])$|^[0-9a-fA-F:]+\/\d{1,3}$/;
const cidr = z.string().regex(CIDR, "must be a CIDR such as '10.0.0.0/16'");
const hostPort = z.string().regex(/^[A-Za-z0-9.-]+:\d{1,5}$/, "must be host:port, e.g. 'redis.example.com:6380'");

/** Optional autoscaling of one Deployment. */
const autoscalingSchema = z.strictObject({
  /** `keda`: ScaledObject on the Redis list length of the pool's queues; `hpa`: CPU HorizontalPodAutoscaler; `none`: fixed replicas. @default "none" */
  mode: z.enum(["none", "keda", "hpa"]).default("none"),
  /** @default 1 */
  minReplicas: nonNegativeInt.default(1),
  /** @default 10 */
  maxReplicas: positiveInt.default(10),
  /** HPA target average CPU utilisation (% of requests). @default 70 */
  cpuUtilization: z.int().min(1).max(100).default(70),
  /** KEDA: target waiting messages per replica. @default 10 */
  listLength: positiveInt.default(10),
  /** KEDA: messages needed to wake from zero. @default 0 */
  activationListLength: nonNegativeInt.default(0),
  /** KEDA polling interval, seconds. @default 30 */
  pollingInterval: positiveInt.default(30),
  /** KEDA cool-down before scaling to minReplicas, seconds. @default 300 */
  cooldownPeriod: positiveInt.default(300),
  /** Seconds of stable low load before removing replicas (drained workers lose no task). @default 300 */
  scaleDownStabilizationSeconds: nonNegativeInt.default(300),
});

/** Per-pool overrides; anything omitted is inherited from `workers`. */
const poolSchema = z.strictObject({
  /** Queues this pool consumes. @default [workers.queue] */
  queues: z.array(queueName).min(1, "needs at least one queue").optional(),
  replicas: positiveInt.optional(),
  nodePool: dnsLabel("nodePool").optional(),
  spot: z.boolean().optional(),
  spotNodePool: dnsLabel("spotNodePool").optional(),
  nodeName: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "must be letters, digits, '_' or '-'").optional(),
  concurrency: positiveInt.optional(),
  maxTasksPerChild: positiveInt.optional(),
  timeLimitSeconds: positiveInt.optional(),
  softTimeLimitSeconds: positiveInt.optional(),
  resources: resources({ cpu: "100m", memory: "850Mi" }, { cpu: "200m", memory: "1Gi" }).optional(),
  terminationGracePeriodSeconds: positiveInt.optional(),
  autoscaling: autoscalingSchema.optional(),
});

/** PodDisruptionBudget of a workload. */
const disruptionSchema = z
  .strictObject({
    /** @default true */
    enabled: z.boolean().default(true),
    /** Pods that may be voluntarily evicted at once. @default 1 */
    maxUnavailable: positiveInt.default(1),
  })
  .prefault({});

/** Topology spread of a workload's pods. */
const spreadSchema = z
  .strictObject({
    /** Across `topology.kubernetes.io/zone`. @default "ScheduleAnyway" */
    zone: z.enum(["off", "ScheduleAnyway", "DoNotSchedule"]).default("ScheduleAnyway"),
    /** Across nodes (`kubernetes.io/hostname`). @default "ScheduleAnyway" */
    host: z.enum(["off", "ScheduleAnyway", "DoNotSchedule"]).default("ScheduleAnyway"),
  })
  .prefault({});

const apiContainerSchema = (port: number, servicePort: number) =>
  z
    .strictObject({
      /** Container port. */
      port: z.int().min(1024).max(65535).default(port),
      /** Service port. */
      servicePort: z.int().min(1).max(65535).default(servicePort),
      resources: resources({ cpu: "100m", memory: "256Mi" }, { cpu: "500m", memory: "512Mi" }),
    })
    .prefault({});

const apiSchema = z
  .strictObject({
    /** @default 2 */
    replicas: positiveInt.default(2),
    /** @default "apps" */
    nodePool: dnsLabel("api.nodePool").default("apps"),
    execution: apiContainerSchema(8989, 80),
    management: apiContainerSchema(8888, 8080),
    readinessProbe: probeTimings(10),
    livenessProbe: probeTimings(30),
    /**
     * Holds off the liveness probe until the app answered once: a cold start (imports, migrations,
     * a throttled CPU) may take up to initialDelay + period x failures = 300 s without being killed.
     */
    startupProbe: probeTimings(0, 5, 3, 60),
    /**
     * Seconds a terminating API pod keeps serving before uvicorn gets SIGTERM (`preStop` sleep):
     * ALB for Containers keeps sending to a pod until it has seen the endpoint go, which takes a few
     * seconds; without it every rollout answers 502s. @default 10
     */
    preStopSleepSeconds: positiveInt.default(10),
    /** Must leave uvicorn time to finish requests after the preStop sleep. @default 45 */
    terminationGracePeriodSeconds: positiveInt.default(45),
    /** Optional CPU HPA (`mode: hpa`); `keda` is not available for the API. @default { mode: "none" } */
    autoscaling: autoscalingSchema.prefault({}),
    disruptionBudget: disruptionSchema,
    topologySpread: spreadSchema,
  })
  .prefault({})
  .superRefine((api, ctx) => {
    if (typeof api.preStopSleepSeconds === "number" && typeof api.terminationGracePeriodSeconds === "number" && api.preStopSleepSeconds + 5 > api.terminationGracePeriodSeconds) {
      ctx.addIssue({ code: "custom", path: ["terminationGracePeriodSeconds"], message: `must leave uvicorn at least 5 s after the preStop sleep (api.preStopSleepSeconds is ${api.preStopSleepSeconds})` });
    }
    if (api?.execution?.port !== undefined && api.execution.port === api.management?.port) {
      ctx.addIssue({ code: "custom", path: ["management", "port"], message: `must differ from execution.port (${api.execution.port}): both containers share the pod's network namespace` });
    }
  }, ALWAYS);

const workersSchema = z
  .strictObject({
    /** Active colour; the namespace is `<namespaces.workersPrefix>-<color>`. @default "blue" */
    color: z.enum(["blue", "green"]).default("blue"),
    /**
     * During a cutover: the previous colour, kept (scaled to zero, draining) until the next
     * change removes it. Must differ from `color`. @default none
     */
    drainingColor: z.enum(["blue", "green"]).optional(),
    /** Run on AKS spot nodes (toleration + required node affinity; `nodePool` is then not used). @default false */
    spot: z.boolean().default(false),
    /**
     * AKS agent pool of the spot nodes; required when `spot` is on. Every spot pool of a cluster
     * carries the same spot taint and labels, so without a named pool the workers could land on
     * any spot pool, other teams' included. A spot pool is its own agent pool (AKS gives spot
     * nodes their own scale set), which is why `nodePool` is not used then.
     */
    spotNodePool: dnsLabel("workers.spotNodePool").optional(),
    /** @default 3 */
    replicas: positiveInt.default(3),
    /** @default "workers" */
    nodePool: dnsLabel("workers.nodePool").default("workers"),
    /** Broker queue consumed (`BROKER_REQUESTS_QUEUE`). @default "requests" */
    queue: queueName.default("requests"),
    /** Celery node name prefix (`-n <name>@%h`). @default "worker1" */
    nodeName: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "must be letters, digits, '_' or '-'").default("worker1"),
    /** `--concurrency`; omitted = Celery's default (CPU count). */
    concurrency: positiveInt.optional(),
    /** `--max-tasks-per-child`; omitted = no limit. */
    maxTasksPerChild: positiveInt.optional(),
    /** `--time-limit` in seconds (hard). */
    timeLimitSeconds: positiveInt.optional(),
    /** `--soft-time-limit` in seconds; must be below the hard limit. */
    softTimeLimitSeconds: positiveInt.optional(),
    resources: resources({ cpu: "100m", memory: "850Mi" }, { cpu: "200m", memory: "1Gi" }),
    /** @default 120 */
    terminationGracePeriodSeconds: positiveInt.default(120),
    // Exec probes start a Python interpreter: under a 200m CPU limit, with tasks using the CPU,
    // that takes seconds. Rare and patient probes, so a busy worker is not restarted mid-task.
    readinessProbe: probeTimings(60, 30, 20, 3),
    livenessProbe: probeTimings(60, 60, 30, 3),
    /**
     * Named Celery pools, each a Deployment in the colour namespace sharing the workers identity.
     * Omitted = one pool named `worker` (the chart's Deployment) built from the fields above.
     * @default { worker: {} }
     */
    pools: z.record(dnsLabel("pool name"), poolSchema).optional(),
    /** Default autoscaling of every pool. @default { mode: "none" } */
    autoscaling: autoscalingSchema.prefault({}),
    /** Redis the KEDA scaler reads queue lengths from (required when a pool uses `keda`). */
    keda: z
      .strictObject({
        /** `host:port` of the broker. */
        address: hostPort,
        /** @default 0 */
        databaseIndex: nonNegativeInt.default(0),
        /** @default true */
        enableTLS: z.boolean().default(true),
        /** Secret entry (in the workers namespace) holding the Redis password; omitted = no auth. */
        passwordSecret: z.strictObject({ name: dnsSubdomain("passwordSecret.name").default("secret-api-workers"), key: z.string().regex(/^[-._a-zA-Z0-9]+$/, "must be a Secret key") }).optional(),
      })
      .optional(),
    disruptionBudget: disruptionSchema,
    topologySpread: spreadSchema,
  })
  .prefault({})
  .superRefine((w, ctx) => {
    const check = (soft: unknown, hard: unknown, path: (string | number)[]) => {
      if (typeof soft === "number" && typeof hard === "number" && soft >= hard) {
        ctx.addIssue({ code: "custom", path, message: `must be below timeLimitSeconds (${hard})` });
      }
    };
    check(w?.softTimeLimitSeconds, w?.timeLimitSeconds, ["softTimeLimitSeconds"]);
    const spotPool = (spot: unknown, pool: unknown, path: (string | number)[]) => {
      if (spot === true && pool === undefined) {
        ctx.addIssue({ code: "custom", path, message: "is required when spot is on: every spot pool shares the AKS spot taint, so without a named pool the workers may land on any spot pool of the cluster, other teams' included" });
      }
    };
    if (w?.pools === undefined) spotPool(w?.spot, w?.spotNodePool, ["spotNodePool"]);
    // KEDA scales to zero when the queue is empty, but a task a worker is running is no longer in
    // the queue: the last worker is stopped mid-task unless every task ends within its grace period.
    const scaleToZero = (autoscaling: unknown, timeLimit: unknown, grace: unknown, path: (string | number)[]) => {
      const a = autoscaling as { mode?: unknown; minReplicas?: unknown } | undefined;
      if (a?.mode !== "keda" || a.minReplicas !== 0) return;
      if (typeof timeLimit !== "number" || typeof grace !== "number" || timeLimit >= grace) {
        ctx.addIssue({ code: "custom", path, message: `is 0 (scale to zero), which stops the last worker while the queue is empty although it may still run a task: set timeLimitSeconds below terminationGracePeriodSeconds (${typeof grace === "number" ? grace : "?"} s) so every task ends within the drain, or keep minReplicas at 1` });
      }
    };
    if (w?.pools === undefined) scaleToZero(w?.autoscaling, w?.timeLimitSeconds, w?.terminationGracePeriodSeconds, ["autoscaling", "minReplicas"]);
    for (const [name, pool] of Object.entries(w?.pools ?? {})) {
      scaleToZero(pool?.autoscaling ?? w.autoscaling, pool?.timeLimitSeconds ?? w.timeLimitSeconds, pool?.terminationGracePeriodSeconds ?? w.terminationGracePeriodSeconds, ["pools", name, "autoscaling", "minReplicas"]);
    }
    for (const [name, pool] of Object.entries(w?.pools ?? {})) {
      spotPool(pool?.spot ?? w.spot, pool?.spotNodePool ?? w.spotNodePool, ["pools", name, "spotNodePool"]);
    }
    if (w?.drainingColor !== undefined && w.drainingColor === w.color) {
      ctx.addIssue({ code: "custom", path: ["drainingColor"], message: `must differ from color ('${w.color}'): it is the colour being drained` });
    }
    const seen = new Map<string, string>();
    for (const [name, pool] of Object.entries(w?.pools ?? {})) {
      check(pool?.softTimeLimitSeconds ?? w.softTimeLimitSeconds, pool?.timeLimitSeconds ?? w.timeLimitSeconds, ["pools", name, "softTimeLimitSeconds"]);
      for (const queue of pool?.queues ?? [w.queue]) {
        const other = seen.get(queue);
        if (other !== undefined) ctx.addIssue({ code: "custom", path: ["pools", name, "queues"], message: `queue '${queue}' is already consumed by pool '${other}'; each pool needs its own queues` });
        else seen.set(queue, name);
      }
    }
    const autoscalers = [w?.autoscaling, ...Object.values(w?.pools ?? {}).map((p) => p?.autoscaling)];
    for (const a of autoscalers) {
      if (a && typeof a.minReplicas === "number" && typeof a.maxReplicas === "number" && a.minReplicas > a.maxReplicas) {
        ctx.addIssue({ code: "custom", path: a === w?.autoscaling ? ["autoscaling", "minReplicas"] : ["pools"], message: `minReplicas (${a.minReplicas}) must not exceed maxReplicas (${a.maxReplicas})` });
      }
      if (a?.mode === "hpa" && a.minReplicas === 0) {
        ctx.addIssue({ code: "custom", path: a === w?.autoscaling ? ["autoscaling", "minReplicas"] : ["pools"], message: "must be at least 1 with mode 'hpa' (only KEDA scales to zero)" });
      }
    }
    if (autoscalers.some((a) => a?.mode === "keda") && w?.keda === undefined) {
      ctx.addIssue({ code: "custom", path: ["keda"], message: "is required when a pool's autoscaling mode is 'keda' (address of the Redis broker)" });
    }
  }, ALWAYS);

/** Network policies of the namespaces the program owns. */
const networkPolicySchema = z
  .strictObject({
    /** Default-deny plus the allowances below in every owned namespace. @default true */
    enabled: z.boolean().default(true),
    /**
     * Namespaces whose pods may reach the API ports: only for a gateway whose data plane runs in
     * the cluster. ALB for Containers does not: its traffic comes from `gatewayCidrs`.
     * @default [routing.gateway.namespace]
     */
    gatewayNamespaces: z.array(dnsLabel("namespace")).optional(),
    /**
     * The ALB for Containers association subnet: requests and health probes reach the API pods
     * from there, outside the cluster. Required when network policies are on; also the addresses
     * uvicorn trusts for X-Forwarded-* headers. @default []
     */
    gatewayCidrs: z.array(cidr).default([]),
    /** Broker address ranges and port the API and workers may reach. */
    broker: z
      .strictObject({
        cidrs: z.array(cidr).min(1, "needs at least one CIDR").default(["0.0.0.0/0"]),
        /**
         * Broker port. Must agree with `settings.values.BROKER_URL` when that names one.
         * @default the port of `settings.values.BROKER_URL`, else 6380 (Azure Cache for Redis TLS)
         */
        port: z.int().min(1).max(65535).optional(),
      })
      .prefault({}),
    /** Ranges reachable on 443 for Entra ID, App Configuration and other Azure endpoints. @default ["0.0.0.0/0"] */
    azureCidrs: z.array(cidr).min(1, "needs at least one CIDR").default(["0.0.0.0/0"]),
    /** Extra egress of the exporter (what it exports to). @default [] */
    exporterEgress: z.array(z.strictObject({ cidr, port: z.int().min(1).max(65535) })).default([]),
  })
  .prefault({});

const exporterSchema = z
  .strictObject({
    /** @default false */
    enabled: z.boolean().default(false),
    /** Cron schedule (5 fields or a descriptor such as `@daily`). @default "0 2 * * *" */
    schedule: z
      .string()
      .default("0 2 * * *")
      .superRefine((s, ctx) => {
        const error = cronScheduleError(s);
        if (error) ctx.addIssue({ code: "custom", message: `must be a cron schedule: ${error}` });
      }),
    /** IANA time zone of the schedule; omitted = the controller's (UTC on AKS). */
    timeZone: z.string().regex(/^[A-Za-z]+(?:[/_+-][A-Za-z0-9]+)*$/, "must be an IANA time zone such as 'Europe/Paris'").optional(),
    /** @default "apps" */
    nodePool: dnsLabel("exporter.nodePool").default("apps"),
    /** Create `configmap-datahub-exporter` from `args`; `false` leaves it (and its Secret) to exist. @default true */
    createConfig: z.boolean().default(true),
    /** Exporter arguments (environment of the job). @default {} */
    args: envMap.default({}),
    /**
     * Command-line arguments of `main_export.py`, after the script path. `$(NAME)` is replaced by
     * Kubernetes with NAME from `configmap-datahub-exporter` / `secret-datahub-exporter` (so a
     * secret never appears in the CronJob). @default [] (the script reads its settings from the environment)
     */
    arguments: z.array(z.string()).default([]),
    /** Entries of `exporterSecrets` the exporter cannot run without; a missing one stops the program. @default [] */
    requiredSecrets: z.array(z.string().regex(ENV_NAME, "must be an environment variable name ([A-Za-z_][A-Za-z0-9_]*)")).default([]),
    resources: resources({ cpu: "100m", memory: "256Mi" }, { cpu: "500m", memory: "512Mi" }),
    /** @default 2 */
    backoffLimit: nonNegativeInt.default(2),
    /** Kill a run after this many seconds. @default 3600 */
    activeDeadlineSeconds: positiveInt.default(3600),
    /** Skip a run that could not start within this many seconds. @default 300 */
    startingDeadlineSeconds: positiveInt.default(300),
    /** @default 3 */
    successfulJobsHistoryLimit: nonNegativeInt.default(3),
    /** @default 3 */
    failedJobsHistoryLimit: nonNegativeInt.default(3),
  })
  .prefault({});

const routingSchema = z
  .strictObject({
    /** Host names of the HTTPRoute; the first one is used for the URL outputs. */
    hostnames: z.array(z.string().max(253).regex(HOSTNAME, "must be a host name such as 'api.example.com' (optionally '*.example.com')")).min(1, "needs at least one host name"),
    /** Gateway the route attaches to. */
    gateway: z
      .strictObject({
        /** @default "https-gateway" */
        name: dnsSubdomain("routing.gateway.name").default("https-gateway"),
        /** @default "ingress" */
        namespace: dnsLabel("routing.gateway.namespace").default("ingress"),
        /**
         * Listener the route attaches to. Always one listener: without it the route would attach
         * to every listener that allows it, a plain-HTTP one included, and serve the API unencrypted.
         * @default "https"
         */
        sectionName: dnsLabel("routing.gateway.sectionName").default("https"),
      })
      .prefault({}),
    /** ALB for Containers health probes (HealthCheckPolicy). */
    healthCheck: z
      .strictObject({
        /** @default "5s" */
        interval: duration.default("5s"),
        /** @default "3s" */
        timeout: duration.default("3s"),
        /** @default 1 */
        healthyThreshold: positiveInt.default(1),
        /** @default 3 */
        unhealthyThreshold: positiveInt.default(3),
      })
      .prefault({}),
  });

/** The whole stack configuration (keys under the `pulse-os:` namespace). */
/**
 * Every `$(NAME)` in `exporter.arguments` names an entry of `exporter.args` or a secret entry
 * listed in `exporter.requiredSecrets` (whose presence the loader checks): Kubernetes passes an
 * unknown reference through literally, so a typo would reach the script as the text `$(NAME)`.
 */
function exporterArgumentRefs(c: { exporter?: { args?: Record<string, unknown>; arguments?: unknown[]; requiredSecrets?: unknown[] } | undefined }, ctx: z.RefinementCtx): void {
  const known = new Set([...Object.keys(c.exporter?.args ?? {}), ...(c.exporter?.requiredSecrets ?? []).map(String)]);
  (c.exporter?.arguments ?? []).forEach((arg, i) => {
    if (typeof arg !== "string") return;
    for (const m of arg.matchAll(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g)) {
      if (!known.has(m[1]!) && !arg.includes(`$$(${m[1]})`)) {
        ctx.addIssue({ code: "custom", path: ["exporter", "arguments", i], message: `refers to $(${m[1]}), which is neither in exporter.args nor in exporter.requiredSecrets: Kubernetes would pass '$(${m[1]})' literally` });
      }
    }
  });
}

export const stackConfigSchema = z
  .strictObject({
    image: imageSchema,
    /** UID/GID the containers run as; the images expect 1000. @default 1000 */
    runAsUser: z.int().min(1, "must be a non-root UID (1 or more)").max(2147483647).default(1000),
    azure: azureSchema,
    appConfiguration: appConfigurationSchema,
    kubernetes: kubernetesSchema,
    namespaces: namespacesSchema,
    settings: settingsSchema,
    api: apiSchema,
    workers: workersSchema,
    exporter: exporterSchema,
    routing: routingSchema,
    networkPolicy: networkPolicySchema,
  })
  .superRefine((cfg, ctx) => {
    // Runs even when fields failed (ALWAYS): every access is defensive.
    exporterArgumentRefs(cfg as DeepPartial<typeof cfg>, ctx);
    const c = cfg as DeepPartial<typeof cfg>;
    const require = (cond: boolean, path: (string | number)[], message: string) => {
      if (!cond) ctx.addIssue({ code: "custom", path, message });
    };
    const ns = c.namespaces ?? {};
    if (c.api?.autoscaling?.mode === "keda") {
      ctx.addIssue({ code: "custom", path: ["api", "autoscaling", "mode"], message: "must be 'none' or 'hpa' for the API (KEDA scales the workers on queue length)" });
    }
    if (c.api?.autoscaling?.mode === "hpa" && c.api.autoscaling.minReplicas === 0) {
      ctx.addIssue({ code: "custom", path: ["api", "autoscaling", "minReplicas"], message: "must be at least 1 with mode 'hpa'" });
    }
    const owned: Array<[string, string | undefined]> = [
      ["apps", ns.apps],
      ["workers", ns.workersPrefix !== undefined && c.workers?.color !== undefined ? `${ns.workersPrefix}-${c.workers.color}` : undefined],
    ];
    if (c.exporter?.enabled === true) owned.push(["exporter", ns.exporter]);
    for (let i = 0; i < owned.length; i++) {
      for (let j = i + 1; j < owned.length; j++) {
        const [first, a] = owned[i]!;
        const [second, b] = owned[j]!;
        if (a !== undefined && a === b) {
          ctx.addIssue({ code: "custom", path: ["namespaces", second === "workers" ? "workersPrefix" : second], message: `namespace '${b}' is already used by the ${first} namespace; each workload needs its own` });
        }
      }
    }
    const hostnames = c.routing?.hostnames;
    if (Array.isArray(hostnames) && typeof hostnames[0] === "string" && hostnames[0].startsWith("*.")) {
      ctx.addIssue({ code: "custom", path: ["routing", "hostnames", 0], message: "must be a concrete host name: the first host name builds the public API URLs (wildcards may follow it)" });
    }
    if (c.settings?.values !== undefined && typeof c.settings.values === "object" && "BROKER_REQUESTS_QUEUE" in c.settings.values) {
      ctx.addIssue({ code: "custom", path: ["settings", "values", "BROKER_REQUESTS_QUEUE"], message: "is set from workers.queue; set the queue there so the workers and the outputs agree" });
    }
    if (c.networkPolicy?.enabled !== false && Array.isArray(c.networkPolicy?.gatewayCidrs) && c.networkPolicy.gatewayCidrs.length === 0) {
      ctx.addIssue({ code: "custom", path: ["networkPolicy", "gatewayCidrs"], message: "needs the ALB for Containers association subnet when network policies are on: the gateway's requests and health probes come from that subnet, outside the cluster, so without it every backend is unhealthy (the gateway namespace alone allows nothing)" });
    }
    const urlPort = brokerUrlPort(typeof c.settings?.values?.["BROKER_URL"] === "string" ? c.settings.values["BROKER_URL"] : undefined);
    const policyPort = c.networkPolicy?.broker?.port;
    if (c.networkPolicy?.enabled !== false && policyPort !== undefined && urlPort !== undefined && policyPort !== urlPort) {
      ctx.addIssue({ code: "custom", path: ["networkPolicy", "broker", "port"], message: `must be the port settings.values.BROKER_URL connects to (${urlPort}), or the network policies block the broker; leave it unset to follow the URL` });
    }
    if (c.routing?.gateway?.namespace !== undefined && c.routing.gateway.namespace === ns.apps) {
      ctx.addIssue({ code: "custom", path: ["routing", "gateway", "namespace"], message: `must not be the apps namespace '${ns.apps}': the gateway namespace belongs to the platform` });
    }
    const azure = c.azure ?? {};
    const appConfig = c.appConfiguration ?? {};
    if (azure.mode === "managed") {
      require(azure.resourceGroupName !== undefined, ["azure", "resourceGroupName"], "is required when azure.mode is 'managed'");
      require(azure.location !== undefined, ["azure", "location"], "is required when azure.mode is 'managed'");
      require(azure.aks !== undefined, ["azure", "aks"], "is required when azure.mode is 'managed' (resourceGroupName and clusterName of the AKS cluster)");
      require(azure.identities === undefined, ["azure", "identities"], "is only allowed when azure.mode is 'external' (managed mode creates the identities)");
      require(appConfig.endpoint === undefined, ["appConfiguration", "endpoint"], "is only allowed when azure.mode is 'external' (managed mode reads the endpoint from the store)");
      if (appConfig.mode === "existing") {
        require(appConfig.storeName !== undefined, ["appConfiguration", "storeName"], "is required when appConfiguration.mode is 'existing'");
      }
    } else if (azure.mode === "external") {
      require(azure.tenantId !== undefined, ["azure", "tenantId"], "is required when azure.mode is 'external'");
      require(azure.identities?.apps !== undefined, ["azure", "identities", "apps"], "is required when azure.mode is 'external' (clientId of the apps identity)");
      require(azure.identities?.workers !== undefined, ["azure", "identities", "workers"], "is required when azure.mode is 'external' (clientId of the workers identity)");
      if (c.exporter?.enabled === true) {
        require(azure.identities?.exporter !== undefined, ["azure", "identities", "exporter"], "is required when azure.mode is 'external' and the exporter is enabled");
      }
      require(appConfig.endpoint !== undefined, ["appConfiguration", "endpoint"], "is required when azure.mode is 'external'");
      require(appConfig.mode === undefined || appConfig.mode === "existing", ["appConfiguration", "mode"], "must be 'existing' when azure.mode is 'external' (nothing is created in Azure)");
      require(Object.keys(appConfig.keyValues ?? {}).length === 0, ["appConfiguration", "keyValues"], "must be empty when azure.mode is 'external' (key-values are written through Azure)");
    }
  }, ALWAYS);

/** Every field optional, recursively (what a refinement may see when fields failed). */
type DeepPartial<T> = T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

/** Input shape (what a stack file may contain). */
export type StackConfigInput = z.input<typeof stackConfigSchema>;
/** Validated configuration with every default resolved. */
export type StackConfig = z.output<typeof stackConfigSchema>;
/** Top-level keys, in declaration order. */
export const CONFIG_KEYS = Object.keys(stackConfigSchema.shape) as Array<keyof StackConfig>;
/** Keys whose values must be given as Pulumi secrets. */
export const SECRET_CONFIG_KEYS = ["settingsSecrets", "exporterSecrets"] as const;

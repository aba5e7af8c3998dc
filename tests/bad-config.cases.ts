/**
 * A catalogue of invalid stack configurations and the exact messages they must produce.
 * Each case starts from a valid managed-mode config (`base`) and breaks one thing.
 */
export interface BadConfigCase {
  readonly name: string;
  /** Top-level keys to replace (the rest of the valid base stays). */
  readonly patch: Record<string, unknown>;
  /** Every problem reported, in order, exactly. */
  readonly expected: readonly string[];
}

const image = { registry: "myacr.azurecr.io", tag: "1.2.3" };
const azure = { resourceGroupName: "rg", location: "westeurope", aks: { resourceGroupName: "rg-aks", clusterName: "aks" } };
const routing = { hostnames: ["api.example.com"] };
const networkPolicy = { gatewayCidrs: ["10.225.0.0/24"] };
const external = {
  mode: "external",
  tenantId: "00000000-0000-0000-0000-000000000000",
  identities: { apps: { clientId: "11111111-1111-1111-1111-111111111111" }, workers: { clientId: "22222222-2222-2222-2222-222222222222" } },
};

export const BASE = { image, azure, routing, networkPolicy };

export const BAD_CONFIGS: readonly BadConfigCase[] = [
  { name: "image tag latest", patch: { image: { ...image, tag: "latest" } }, expected: ["pulse-os:image.tag: must not be 'latest': pin a version so every rollout is reproducible (got \"latest\")"] },
  { name: "image without a tag", patch: { image: { registry: "myacr.azurecr.io" } }, expected: ["pulse-os:image.tag: is required (a string) (not set)"] },
  { name: "registry with a scheme", patch: { image: { ...image, registry: "https://myacr.azurecr.io" } }, expected: ["pulse-os:image.registry: must be a registry host name such as 'myacr.azurecr.io' (got \"https://myacr.azurecr.io\")"] },
  { name: "repository with upper case", patch: { image: { ...image, repository: "Pulse/OS" } }, expected: ["pulse-os:image.repository: must be a lower-case repository path such as 'pulseos' or 'team/pulseos' (got \"Pulse/OS\")"] },
  { name: "digest that is not sha256", patch: { image: { ...image, digest: "md5:abc" } }, expected: ["pulse-os:image.digest: must be 'sha256:' followed by 64 lower-case hex digits (got \"md5:abc\")"] },
  { name: "unknown pull policy", patch: { image: { ...image, pullPolicy: "Never" } }, expected: ["pulse-os:image.pullPolicy: must be one of \"IfNotPresent\", \"Always\" (got \"Never\")"] },
  { name: "image given as a string", patch: { image: "myacr.azurecr.io/pulseos:1.2.3" }, expected: ["pulse-os:image: must be an object, got a string (got \"myacr.azurecr.io/pulseos:1.2.3\")"] },
  { name: "root UID", patch: { runAsUser: 0 }, expected: ["pulse-os:runAsUser: must be a non-root UID (1 or more) (got 0)"] },
  { name: "UID that is not a number", patch: { runAsUser: "one thousand" }, expected: ["pulse-os:runAsUser: must be a number, got a string (got \"one thousand\")"] },
  { name: "unknown worker colour", patch: { workers: { color: "purple" } }, expected: ["pulse-os:workers.color: must be one of \"blue\", \"green\" (got \"purple\")"] },
  { name: "spot flag as a string", patch: { workers: { spot: "true" } }, expected: ["pulse-os:workers.spot: must be a boolean, got a string (got \"true\")"] },
  { name: "zero worker replicas", patch: { workers: { replicas: 0 } }, expected: ["pulse-os:workers.replicas: must be at least 1 (got 0)"] },
  { name: "negative worker replicas", patch: { workers: { replicas: -2 } }, expected: ["pulse-os:workers.replicas: must be at least 1 (got -2)"] },
  { name: "fractional replicas", patch: { api: { replicas: 1.5 } }, expected: ["pulse-os:api.replicas: must be an integer, got a number (got 1.5)"] },
  { name: "memory limit below request", patch: { workers: { resources: { requests: { cpu: "100m", memory: "2Gi" }, limits: { cpu: "200m", memory: "1Gi" } } } }, expected: ["pulse-os:workers.resources.limits.memory: must be at least requests.memory (2Gi) (got \"1Gi\")"] },
  { name: "cpu limit below request", patch: { api: { execution: { resources: { requests: { cpu: "1", memory: "256Mi" }, limits: { cpu: "500m", memory: "512Mi" } } } } }, expected: ["pulse-os:api.execution.resources.limits.cpu: must be at least requests.cpu (1) (got \"500m\")"] },
  { name: "quantity that is not a quantity", patch: { workers: { resources: { requests: { cpu: "lots", memory: "850Mi" } } } }, expected: ["pulse-os:workers.resources.requests.cpu: must be a positive Kubernetes quantity such as '100m', '0.5', '850Mi' or '1Gi' (got \"lots\")"] },
  { name: "zero termination grace", patch: { workers: { terminationGracePeriodSeconds: 0 } }, expected: ["pulse-os:workers.terminationGracePeriodSeconds: must be at least 1 (got 0)"] },
  { name: "soft time limit above hard limit", patch: { workers: { timeLimitSeconds: 60, softTimeLimitSeconds: 90 } }, expected: ["pulse-os:workers.softTimeLimitSeconds: must be below timeLimitSeconds (60) (got 90)"] },
  { name: "node pool that is not DNS-1123", patch: { workers: { nodePool: "Workers_Pool" } }, expected: ["pulse-os:workers.nodePool: must be a DNS-1123 label (lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters) (got \"Workers_Pool\")"] },
  { name: "namespace that is not DNS-1123", patch: { namespaces: { apps: "Apps" } }, expected: ["pulse-os:namespaces.apps: must be a DNS-1123 label (lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters) (got \"Apps\")"] },
  { name: "two workloads in one namespace", patch: { namespaces: { exporter: "apps" }, exporter: { enabled: true } }, expected: ["pulse-os:namespaces.exporter: namespace 'apps' is already used by the apps namespace; each workload needs its own (got \"apps\")"] },
  { name: "same port for both API containers", patch: { api: { management: { port: 8989 } } }, expected: ["pulse-os:api.management.port: must differ from execution.port (8989): both containers share the pod's network namespace (got 8989)"] },
  { name: "privileged container port", patch: { api: { execution: { port: 80 } } }, expected: ["pulse-os:api.execution.port: must be at least 1024 (got 80)"] },
  { name: "cron schedule with 6 fields", patch: { exporter: { enabled: true, schedule: "0 0 2 * * *" } }, expected: ["pulse-os:exporter.schedule: must be a cron schedule: expected 5 fields (minute hour day-of-month month day-of-week), got 6 (got \"0 0 2 * * *\")"] },
  { name: "cron minute out of range", patch: { exporter: { enabled: true, schedule: "61 2 * * *" } }, expected: ["pulse-os:exporter.schedule: must be a cron schedule: minute '61' is outside 0-59 (got \"61 2 * * *\")"] },
  { name: "cron unknown descriptor", patch: { exporter: { enabled: true, schedule: "@fortnightly" } }, expected: ["pulse-os:exporter.schedule: must be a cron schedule: unknown descriptor '@fortnightly' (got \"@fortnightly\")"] },
  { name: "exporter flag as a string", patch: { exporter: { enabled: "yes" } }, expected: ["pulse-os:exporter.enabled: must be a boolean, got a string (got \"yes\")"] },
  { name: "hostname that is not a hostname", patch: { routing: { hostnames: ["api_example.com"] } }, expected: ["pulse-os:routing.hostnames.0: must be a host name such as 'api.example.com' (optionally '*.example.com') (got \"api_example.com\")"] },
  { name: "hostname with a scheme", patch: { routing: { hostnames: ["https://api.example.com"] } }, expected: ["pulse-os:routing.hostnames.0: must be a host name such as 'api.example.com' (optionally '*.example.com') (got \"https://api.example.com\")"] },
  { name: "no hostname", patch: { routing: { hostnames: [] } }, expected: ["pulse-os:routing.hostnames: needs at least one host name (got [])"] },
  { name: "wildcard as first hostname", patch: { routing: { hostnames: ["*.example.com"] } }, expected: ["pulse-os:routing.hostnames.0: must be a concrete host name: the first host name builds the public API URLs (wildcards may follow it) (got \"*.example.com\")"] },
  { name: "missing routing", patch: { routing: undefined }, expected: ["pulse-os:routing: is required (an object) (not set)"] },
  { name: "bad health-check interval", patch: { routing: { ...routing, healthCheck: { interval: "5 seconds" } } }, expected: ["pulse-os:routing.healthCheck.interval: must be a duration such as '5s', '500ms' or '1m' (got \"5 seconds\")"] },
  { name: "managed mode without a resource group", patch: { azure: { location: "westeurope", aks: azure.aks } }, expected: ["pulse-os:azure.resourceGroupName: is required when azure.mode is 'managed' (not set)"] },
  { name: "managed mode without the AKS cluster", patch: { azure: { resourceGroupName: "rg", location: "westeurope" } }, expected: ["pulse-os:azure.aks: is required when azure.mode is 'managed' (resourceGroupName and clusterName of the AKS cluster) (not set)"] },
  { name: "external mode without client IDs", patch: { azure: { mode: "external", tenantId: external.tenantId }, appConfiguration: { mode: "existing", endpoint: "https://x.azconfig.io" } }, expected: ["pulse-os:azure.identities.apps: is required when azure.mode is 'external' (clientId of the apps identity) (not set)", "pulse-os:azure.identities.workers: is required when azure.mode is 'external' (clientId of the workers identity) (not set)"] },
  { name: "external mode without an endpoint", patch: { azure: external, appConfiguration: { mode: "existing" } }, expected: ["pulse-os:appConfiguration.endpoint: is required when azure.mode is 'external' (not set)"] },
  { name: "external mode that creates a store", patch: { azure: external, appConfiguration: { endpoint: "https://x.azconfig.io" } }, expected: ["pulse-os:appConfiguration.mode: must be 'existing' when azure.mode is 'external' (nothing is created in Azure) (not set)"] },
  { name: "client ID that is not a GUID", patch: { azure: { ...external, identities: { apps: { clientId: "apps" }, workers: external.identities.workers } }, appConfiguration: { mode: "existing", endpoint: "https://x.azconfig.io" } }, expected: ["pulse-os:azure.identities.apps.clientId: must be a GUID like 00000000-0000-0000-0000-000000000000 (got \"apps\")"] },
  { name: "identities given in managed mode", patch: { azure: { ...azure, identities: external.identities } }, expected: ["pulse-os:azure.identities: is only allowed when azure.mode is 'external' (managed mode creates the identities) (got {\"apps\":{\"clientId\":\"11111111-1111-1111-1111-111111111111\"},\"workers\":{\"clien...)"] },
  { name: "existing store without a name", patch: { appConfiguration: { mode: "existing" } }, expected: ["pulse-os:appConfiguration.storeName: is required when appConfiguration.mode is 'existing' (not set)"] },
  { name: "App Configuration label with a wildcard", patch: { appConfiguration: { label: "workers*" } }, expected: ["pulse-os:appConfiguration.label: must not contain '*', ',' or '%' (got \"workers*\")"] },
  { name: "endpoint over http", patch: { azure: external, appConfiguration: { mode: "existing", endpoint: "http://x.azconfig.io" } }, expected: ["pulse-os:appConfiguration.endpoint: must be an https URL such as 'https://appcs-x.azconfig.io' (got \"http://x.azconfig.io\")"] },
  { name: "settings key that is not an env name", patch: { settings: { values: { "BROKER-URL": "redis://x" } } }, expected: ["pulse-os:settings.values.BROKER-URL: keys must be environment variable names ([A-Za-z_][A-Za-z0-9_]*) (got key \"BROKER-URL\")"] },
  { name: "queue set in the settings", patch: { settings: { values: { BROKER_REQUESTS_QUEUE: "other" } } }, expected: ["pulse-os:settings.values.BROKER_REQUESTS_QUEUE: is set from workers.queue; set the queue there so the workers and the outputs agree (got \"other\")"] },
  { name: "misspelt key", patch: { workers: { replica: 2 } }, expected: ["pulse-os:workers.replica: is not a known setting (got 2); allowed keys here: color, drainingColor, spot, spotNodePool, replicas, nodePool, queue, nodeName, concurrency, maxTasksPerChild, timeLimitSeconds, softTimeLimitSeconds, resources, terminationGracePeriodSeconds, readinessProbe, livenessProbe, pools, autoscaling, keda, disruptionBudget, topologySpread"] },
  { name: "unknown top-level key", patch: { worker: { replicas: 2 } }, expected: ["pulse-os:worker: is not a known setting (got {\"replicas\":2}); allowed keys here: image, runAsUser, azure, appConfiguration, kubernetes, namespaces, settings, api, workers, exporter, routing, networkPolicy, settingsSecrets, exporterSecrets"] },
  { name: "probe period of zero", patch: { api: { readinessProbe: { periodSeconds: 0 } } }, expected: ["pulse-os:api.readinessProbe.periodSeconds: must be at least 1 (got 0)"] },
  { name: "bad time zone", patch: { exporter: { enabled: true, timeZone: "Paris time" } }, expected: ["pulse-os:exporter.timeZone: must be an IANA time zone such as 'Europe/Paris' (got \"Paris time\")"] },
  { name: "draining colour equal to the active one", patch: { workers: { color: "blue", drainingColor: "blue" } }, expected: ["pulse-os:workers.drainingColor: must differ from color ('blue'): it is the colour being drained (got \"blue\")"] },
  { name: "two pools on one queue", patch: { workers: { pools: { a: { queues: ["q"] }, b: { queues: ["q"] } } } }, expected: ["pulse-os:workers.pools.b.queues: queue 'q' is already consumed by pool 'a'; each pool needs its own queues (got [\"q\"])"] },
  { name: "pool name that is not DNS-1123", patch: { workers: { pools: { High_Prio: {} } } }, expected: ["pulse-os:workers.pools.High_Prio: must be a DNS-1123 label (lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters) (got key \"High_Prio\")"] },
  { name: "KEDA without a broker address", patch: { workers: { autoscaling: { mode: "keda" } } }, expected: ["pulse-os:workers.keda: is required when a pool's autoscaling mode is 'keda' (address of the Redis broker) (not set)"] },
  { name: "autoscaling minimum above maximum", patch: { workers: { autoscaling: { mode: "hpa", minReplicas: 5, maxReplicas: 2 } } }, expected: ["pulse-os:workers.autoscaling.minReplicas: minReplicas (5) must not exceed maxReplicas (2) (got 5)"] },
  { name: "KEDA for the API", patch: { api: { autoscaling: { mode: "keda" } } }, expected: ["pulse-os:api.autoscaling.mode: must be 'none' or 'hpa' for the API (KEDA scales the workers on queue length) (got \"keda\")"] },
  { name: "API grace period that leaves uvicorn no time after the preStop sleep", patch: { api: { preStopSleepSeconds: 30, terminationGracePeriodSeconds: 30 } }, expected: ["pulse-os:api.terminationGracePeriodSeconds: must leave uvicorn at least 5 s after the preStop sleep (api.preStopSleepSeconds is 30) (got 30)"] },
  { name: "spot workers without a named spot pool", patch: { workers: { spot: true } }, expected: ["pulse-os:workers.spotNodePool: is required when spot is on: every spot pool shares the AKS spot taint, so without a named pool the workers may land on any spot pool of the cluster, other teams' included (not set)"] },
  { name: "a spot worker pool without a named spot pool", patch: { workers: { pools: { bulk: { spot: true } } } }, expected: ["pulse-os:workers.pools.bulk.spotNodePool: is required when spot is on: every spot pool shares the AKS spot taint, so without a named pool the workers may land on any spot pool of the cluster, other teams' included (not set)"] },
  { name: "App Configuration key that is no environment variable name", patch: { appConfiguration: { keyValues: { "Celery:LogLevel": "INFO", "a/b": "1" } } }, expected: [
    "pulse-os:appConfiguration.keyValues[\"Celery:LogLevel\"]: becomes the ConfigMap key and environment variable 'Celery:LogLevel' (after keyPrefix ''), which must be an environment variable name ([A-Za-z_][A-Za-z0-9_]*; no ':', '/', '.' or '-'), e.g. 'CELERY_LOG_LEVEL' (got \"INFO\")",
    "pulse-os:appConfiguration.keyValues[\"a/b\"]: becomes the ConfigMap key and environment variable 'a/b' (after keyPrefix ''), which must be an environment variable name ([A-Za-z_][A-Za-z0-9_]*; no ':', '/', '.' or '-'), e.g. 'A_B' (got \"1\")",
  ] },
  { name: "App Configuration key outside keyPrefix", patch: { appConfiguration: { keyPrefix: "pulse:", keyValues: { "pulse:LOG_LEVEL": "INFO", LOG_LEVEL: "DEBUG" } } }, expected: [
    "pulse-os:appConfiguration.keyValues.LOG_LEVEL: is written to the store but never synced: it does not start with appConfiguration.keyPrefix 'pulse:' (got \"DEBUG\")",
  ] },
  { name: "exporter argument referring to an unknown setting", patch: { exporter: { enabled: true, args: { DATAHUB_SERVER: "https://d.example.com" }, arguments: ["--server", "$(DATAHUB_SERVR)"] } }, expected: ["pulse-os:exporter.arguments.1: refers to $(DATAHUB_SERVR), which is neither in exporter.args nor in exporter.requiredSecrets: Kubernetes would pass '$(DATAHUB_SERVR)' literally (got \"$(DATAHUB_SERVR)\")"] },
  { name: "KEDA scale to zero while a task may outlive the drain", patch: { workers: { keda: { address: "redis.example.com:6380" }, autoscaling: { mode: "keda", minReplicas: 0 } } }, expected: ["pulse-os:workers.autoscaling.minReplicas: is 0 (scale to zero), which stops the last worker while the queue is empty although it may still run a task: set timeLimitSeconds below terminationGracePeriodSeconds (120 s) so every task ends within the drain, or keep minReplicas at 1 (got 0)"] },
  { name: "network policies without the gateway's subnet", patch: { networkPolicy: { enabled: true } }, expected: ["pulse-os:networkPolicy.gatewayCidrs: needs the ALB for Containers association subnet when network policies are on: the gateway's requests and health probes come from that subnet, outside the cluster, so without it every backend is unhealthy (the gateway namespace alone allows nothing) (not set)"] },
  { name: "broker port that disagrees with BROKER_URL", patch: { settings: { values: { BROKER_URL: "rediss://cache.example.com:6380/0" } }, networkPolicy: { ...networkPolicy, broker: { port: 6379 } } }, expected: ["pulse-os:networkPolicy.broker.port: must be the port settings.values.BROKER_URL connects to (6380), or the network policies block the broker; leave it unset to follow the URL (got 6379)"] },
  { name: "network policy CIDR that is not a CIDR", patch: { networkPolicy: { ...networkPolicy, broker: { cidrs: ["10.0.0.0"] } } }, expected: ["pulse-os:networkPolicy.broker.cidrs.0: must be a CIDR such as '10.0.0.0/16' (got \"10.0.0.0\")"] },
  { name: "unknown topology spread mode", patch: { workers: { topologySpread: { zone: "Always" } } }, expected: ["pulse-os:workers.topologySpread.zone: must be one of \"off\", \"ScheduleAnyway\", \"DoNotSchedule\" (got \"Always\")"] },
];

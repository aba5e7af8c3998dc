import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { APP_CONFIGURATION_TARGETS, APP_DIR, SHARED_SETTINGS } from "./lib/constants";
import { podTemplateLabels, selectorLabels, typeToken, workloadLabels, type WorkloadId } from "./lib/naming";
import { execProbe, podSpec, type ProbeTimings, type Resources } from "./lib/pod";

/** One Celery worker pool: a Deployment consuming one queue. */
export interface WorkerPoolArgs {
  /** Deployment name and `app.kubernetes.io/instance`; `worker` keeps the chart's object names. */
  readonly name: string;
  /** Broker queue (`BROKER_REQUESTS_QUEUE`). */
  readonly queue: string;
  /** Celery node name prefix (`-n <nodeName>@%h`). */
  readonly nodeName: string;
  readonly replicas: number;
  /** AKS node pool. */
  readonly nodePool: string;
  /** Run on spot nodes: toleration + required node affinity. */
  readonly spot: boolean;
  /** `--concurrency`. @default Celery's (CPU count) */
  readonly concurrency?: number;
  /** `--max-tasks-per-child`. @default no limit */
  readonly maxTasksPerChild?: number;
  /** `--time-limit` seconds. @default none */
  readonly timeLimitSeconds?: number;
  /** `--soft-time-limit` seconds. @default none */
  readonly softTimeLimitSeconds?: number;
  readonly resources: Resources;
  /** Drain time for in-flight tasks after SIGTERM (warm shutdown). */
  readonly terminationGracePeriodSeconds: number;
  readonly readinessProbe: ProbeTimings;
  readonly livenessProbe: ProbeTimings;
}

export interface CeleryWorkersArgs {
  readonly namespace: pulumi.Input<string>;
  readonly serviceAccountName: pulumi.Input<string>;
  /** `<registry>/<repository>:<tag>[@digest]`. */
  readonly image: string;
  /** @default "IfNotPresent" */
  readonly imagePullPolicy?: "IfNotPresent" | "Always";
  /** Image tag, used as `app.kubernetes.io/version`. */
  readonly version: string;
  readonly runAsUser: number;
  readonly pools: readonly WorkerPoolArgs[];
  /** Also read the App Configuration provider's ConfigMap/Secret (optional: they appear after the first sync). @default true */
  readonly appConfiguration?: boolean;
  /** Pod-template annotations (e.g. a settings checksum that rolls the pods). @default {} */
  readonly podAnnotations?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** The worker command: exec form so Celery itself receives SIGTERM and starts a warm shutdown. */
export function celeryCommand(pool: WorkerPoolArgs): string[] {
  const command = [
    "celery", "-A", "main_worker", "worker",
    "-P", "prefork",
    "-Q", `$(${SHARED_SETTINGS.queueVariable})`,
    "--events",
    "-n", `${pool.nodeName}@%h`,
  ];
  if (pool.concurrency !== undefined) command.push(`--concurrency=${pool.concurrency}`);
  if (pool.maxTasksPerChild !== undefined) command.push(`--max-tasks-per-child=${pool.maxTasksPerChild}`);
  if (pool.timeLimitSeconds !== undefined) command.push(`--time-limit=${pool.timeLimitSeconds}`);
  if (pool.softTimeLimitSeconds !== undefined) command.push(`--soft-time-limit=${pool.softTimeLimitSeconds}`);
  return command;
}

/**
 * Celery workers in the active colour's namespace: one Deployment per pool on the workers
 * node pool (or spot nodes), exec probes, a drain period matching Celery's warm shutdown.
 */
export class CeleryWorkers extends pulumi.ComponentResource {
  /** Deployment names, in pool order. */
  public readonly deploymentNames: pulumi.Output<string>[];

  constructor(name: string, args: CeleryWorkersArgs, opts?: pulumi.ComponentResourceOptions) {
    super(typeToken("workload", "CeleryWorkers"), name, {}, opts);
    const optional = [APP_CONFIGURATION_TARGETS.configMapName, APP_CONFIGURATION_TARGETS.secretName];
    const appConfig = args.appConfiguration ?? true;

    this.deploymentNames = args.pools.map((pool) => {
      const id: WorkloadId = { component: "worker", instance: pool.name };
      const deployment = new k8s.apps.v1.Deployment(`${name}-${pool.name}`, {
        metadata: { name: pool.name, namespace: args.namespace, labels: workloadLabels(id, args.version) },
        spec: {
          replicas: pool.replicas,
          revisionHistoryLimit: 5,
          // selector is immutable: never merge user or version labels here
          selector: { matchLabels: selectorLabels(id) },
          template: {
            metadata: { labels: podTemplateLabels(id, args.version), annotations: args.podAnnotations ?? {} },
            spec: podSpec({
              serviceAccountName: args.serviceAccountName,
              runAsUser: args.runAsUser,
              placement: { nodePool: pool.nodePool, spot: pool.spot },
              terminationGracePeriodSeconds: pool.terminationGracePeriodSeconds,
              containers: [{
                name: "worker",
                image: args.image,
                imagePullPolicy: args.imagePullPolicy ?? "IfNotPresent",
                command: celeryCommand(pool),
                // Explicit env wins over envFrom: the queue always matches this pool's config.
                env: { [SHARED_SETTINGS.queueVariable]: pool.queue },
                envFrom: {
                  configMaps: [SHARED_SETTINGS.configMapName, ...(appConfig ? [APP_CONFIGURATION_TARGETS.configMapName] : [])],
                  secrets: [SHARED_SETTINGS.secretName, ...(appConfig ? [APP_CONFIGURATION_TARGETS.secretName] : [])],
                  optional,
                },
                resources: pool.resources,
                readinessProbe: execProbe(["python", `${APP_DIR}/worker_readiness.py`], pool.readinessProbe),
                livenessProbe: execProbe(["python", `${APP_DIR}/worker_liveness.py`], pool.livenessProbe),
              }],
            }),
          },
        },
      }, { parent: this });
      return deployment.metadata.name;
    });

    this.registerOutputs({ deploymentNames: this.deploymentNames });
  }
}

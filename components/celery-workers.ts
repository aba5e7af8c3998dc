import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { APP_CONFIGURATION_TARGETS, APP_DIR, SHARED_SETTINGS } from "./lib/constants";
import { podTemplateLabels, selectorLabels, typeToken, workloadLabels, type WorkloadId } from "./lib/naming";
import { execProbe, podSpec, spreadConstraints, type ProbeTimings, type Resources, type SpreadArgs } from "./lib/pod";
import { cpuAutoscaler, kedaScaledObject, podDisruptionBudget, type AutoscalingArgs, type KedaRedisArgs } from "./lib/scaling";
import { replicasOf } from "./lib/replicas";
import { drainTimeouts } from "./lib/timeouts";
import type { WorkloadArgs } from "./lib/workload";

/** One Celery worker pool: a Deployment consuming one queue. */
export interface WorkerPoolArgs {
  /** Deployment name and `app.kubernetes.io/instance`; `worker` keeps the chart's object names. */
  readonly name: string;
  /** Broker queues (`BROKER_REQUESTS_QUEUE`, comma-separated). */
  readonly queues: readonly string[];
  /** Celery node name prefix (`-n <nodeName>@%h`). */
  readonly nodeName: string;
  readonly replicas: number;
  /** AKS node pool. */
  readonly nodePool: string;
  /** Run on spot nodes: toleration + required node affinity (then `nodePool` is not used). */
  readonly spot: boolean;
  /** Agent pool of the spot nodes (the config requires it when `spot` is on); omitted: any spot pool. */
  readonly spotNodePool?: string;
  /** `--concurrency`; omitted: Celery's (the CPU count). */
  readonly concurrency?: number;
  /** `--max-tasks-per-child`; omitted: no limit. */
  readonly maxTasksPerChild?: number;
  /** `--time-limit` seconds; omitted: none. */
  readonly timeLimitSeconds?: number;
  /** `--soft-time-limit` seconds; omitted: none. */
  readonly softTimeLimitSeconds?: number;
  readonly resources: Resources;
  /** Drain time for in-flight tasks after SIGTERM (warm shutdown). */
  readonly terminationGracePeriodSeconds: number;
  readonly readinessProbe: ProbeTimings;
  readonly livenessProbe: ProbeTimings;
  /** Autoscaler owning `replicas` (then omitted from the Deployment). */
  readonly autoscaling: AutoscalingArgs;
  /** PodDisruptionBudget. */
  readonly disruptionBudget: { readonly enabled: boolean; readonly maxUnavailable: number };
  /** Zone/host spread. */
  readonly topologySpread: SpreadArgs;
}

export interface CeleryWorkersArgs extends WorkloadArgs {
  readonly pools: readonly WorkerPoolArgs[];
  /** Also read the App Configuration provider's ConfigMap/Secret (optional: they appear after the first sync). */
  readonly appConfiguration: boolean;
  /** Pod-template annotations (e.g. a settings checksum that rolls the pods). */
  readonly podAnnotations: Readonly<Record<string, pulumi.Input<string>>>;
  /** Redis for KEDA scalers; required when a pool uses `keda`. */
  readonly keda?: KedaRedisArgs;
  /**
   * Draining colour during a blue/green cutover: every pool is scaled to zero (SIGTERM starts
   * Celery's warm shutdown) and keeps no HPA or disruption budget; a KEDA pool's ScaledObject is
   * kept, paused at zero, so KEDA cannot re-activate it.
   */
  readonly draining: boolean;
}

/** The worker command: exec form so Celery itself receives SIGTERM and starts a warm shutdown. */
export function celeryCommand(pool: WorkerPoolArgs): string[] {
  const command = [
    "celery",
    "-A",
    "main_worker",
    "worker",
    "-P",
    "prefork",
    "-Q",
    `$(${SHARED_SETTINGS.queueVariable})`,
    "--events",
    "-n",
    `${pool.nodeName}@%h`,
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
    const appConfig = args.appConfiguration;
    const draining = args.draining;
    this.deploymentNames = args.pools.map((pool) => {
      const id: WorkloadId = { component: "worker", instance: pool.name };
      const labels = workloadLabels(id, args.version);
      const selector = selectorLabels(id);
      const autoscaled = !draining && pool.autoscaling.mode !== "none";
      const scale = replicasOf(draining ? 0 : pool.replicas, autoscaled ? pool.autoscaling.minReplicas : undefined);
      const deployment = new k8s.apps.v1.Deployment(
        `${name}-${pool.name}`,
        {
          metadata: { name: pool.name, namespace: args.namespace, labels },
          spec: {
            replicas: scale.replicas,
            revisionHistoryLimit: 5,
            // selector is immutable: never merge user or version labels here
            selector: { matchLabels: selector },
            template: {
              metadata: { labels: podTemplateLabels(id, args.version), annotations: { ...args.podAnnotations } },
              spec: podSpec({
                restartPolicy: "Always",
                serviceAccountName: args.serviceAccountName,
                runAsUser: args.runAsUser,
                placement: { nodePool: pool.nodePool, spot: pool.spot, ...(pool.spotNodePool !== undefined ? { spotNodePool: pool.spotNodePool } : {}) },
                terminationGracePeriodSeconds: pool.terminationGracePeriodSeconds,
                topologySpreadConstraints: spreadConstraints(selector, pool.topologySpread),
                containers: [
                  {
                    name: "worker",
                    image: args.image,
                    imagePullPolicy: args.imagePullPolicy,
                    command: celeryCommand(pool),
                    // Explicit env wins over envFrom: the queues always match this pool's config.
                    env: { [SHARED_SETTINGS.queueVariable]: pool.queues.join(",") },
                    envFrom: {
                      configMaps: [SHARED_SETTINGS.configMapName, ...(appConfig ? [APP_CONFIGURATION_TARGETS.configMapName] : [])],
                      secrets: [SHARED_SETTINGS.secretName, ...(appConfig ? [APP_CONFIGURATION_TARGETS.secretName] : [])],
                      optional,
                    },
                    resources: pool.resources,
                    readinessProbe: execProbe(["python", `${APP_DIR}/worker_readiness.py`], pool.readinessProbe),
                    livenessProbe: execProbe(["python", `${APP_DIR}/worker_liveness.py`], pool.livenessProbe),
                  },
                ],
              }),
            },
          },
        },
        { parent: this, customTimeouts: drainTimeouts(pool.terminationGracePeriodSeconds), ...scale.opts },
      );

      const target = { namespace: args.namespace, name: pool.name, labels };
      if (!draining && pool.disruptionBudget.enabled) {
        podDisruptionBudget(`${name}-${pool.name}`, { ...target, selector, maxUnavailable: pool.disruptionBudget.maxUnavailable }, this);
      }
      if (autoscaled && pool.autoscaling.mode === "hpa") {
        cpuAutoscaler(`${name}-${pool.name}`, target, pool.autoscaling, this);
      }
      if (pool.autoscaling.mode === "keda") {
        if (!args.keda) throw new pulumi.ResourceError(`pool '${pool.name}' scales with KEDA but no Redis address was given`, this);
        // Draining: the same ScaledObject (same URN), paused at zero, so KEDA cannot re-activate the colour.
        kedaScaledObject(`${name}-${pool.name}`, { ...target, queues: pool.queues }, pool.autoscaling, args.keda, this, draining);
      }
      return deployment.metadata.name;
    });

    this.registerOutputs({ deploymentNames: this.deploymentNames });
  }
}

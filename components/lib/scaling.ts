/**
 * Disruption budgets and autoscalers, created as children of the workload component that owns
 * the Deployment.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { customResource, type CrdInput } from "./crds/custom-resource";
import type { AdvancedConfig, AuthenticationRef, HorizontalPodAutoscalerBehavior, RedisListTrigger } from "./crds/keda";

/** Autoscaling settings (validated in config). */
export interface AutoscalingArgs {
  readonly mode: "none" | "keda" | "hpa";
  readonly minReplicas: number;
  readonly maxReplicas: number;
  readonly cpuUtilization: number;
  readonly listLength: number;
  readonly activationListLength: number;
  readonly pollingInterval: number;
  readonly cooldownPeriod: number;
  readonly scaleDownStabilizationSeconds: number;
}

/** Redis the KEDA scaler reads list lengths from. */
export interface KedaRedisArgs {
  readonly address: string;
  readonly databaseIndex: number;
  readonly enableTLS: boolean;
  readonly passwordSecret?: { readonly name: string; readonly key: string };
}

interface Target {
  readonly namespace: pulumi.Input<string>;
  /** Deployment name. */
  readonly name: string;
  readonly labels: Record<string, string>;
}

/** A PDB allowing `maxUnavailable` voluntary evictions; unhealthy pods may always be evicted. */
export function podDisruptionBudget(
  name: string,
  target: Target & { readonly selector: Record<string, string>; readonly maxUnavailable: number },
  parent: pulumi.Resource,
): k8s.policy.v1.PodDisruptionBudget {
  return new k8s.policy.v1.PodDisruptionBudget(
    name,
    {
      metadata: { name: target.name, namespace: target.namespace, labels: target.labels },
      spec: {
        maxUnavailable: target.maxUnavailable,
        selector: { matchLabels: target.selector },
        // A pod that never became Ready must not block a node drain.
        unhealthyPodEvictionPolicy: "AlwaysAllow",
      },
    },
    { parent },
  );
}

/**
 * Scale-down is slow and one pod at a time: a removed worker drains its tasks first. The same
 * value feeds the HPA and KEDA's HPA settings (both autoscaling/v2 HorizontalPodAutoscalerBehavior).
 */
function behavior(a: AutoscalingArgs) {
  return {
    scaleUp: {
      stabilizationWindowSeconds: 0,
      selectPolicy: "Max",
      policies: [
        { type: "Percent", value: 100, periodSeconds: 30 },
        { type: "Pods", value: 4, periodSeconds: 30 },
      ],
    },
    scaleDown: { stabilizationWindowSeconds: a.scaleDownStabilizationSeconds, selectPolicy: "Min", policies: [{ type: "Pods", value: 1, periodSeconds: 60 }] },
  } satisfies HorizontalPodAutoscalerBehavior;
}

/** A CPU HorizontalPodAutoscaler (autoscaling/v2). */
export function cpuAutoscaler(name: string, target: Target, a: AutoscalingArgs, parent: pulumi.Resource): k8s.autoscaling.v2.HorizontalPodAutoscaler {
  return new k8s.autoscaling.v2.HorizontalPodAutoscaler(
    name,
    {
      metadata: { name: target.name, namespace: target.namespace, labels: target.labels },
      spec: {
        scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: target.name },
        minReplicas: a.minReplicas,
        maxReplicas: a.maxReplicas,
        metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: a.cpuUtilization } } }],
        behavior: behavior(a),
      },
    },
    { parent },
  );
}

/**
 * KEDA's annotation that pins a ScaledObject's target to a replica count and stops scaling it.
 * A draining colour keeps its ScaledObject paused at 0 instead of losing it: Pulumi deletes
 * objects at the end of an update, after the colour was scaled to zero, and in between KEDA would
 * re-activate it (its queue is the active colour's queue, never empty while work arrives).
 */
export const KEDA_PAUSED_REPLICAS = "autoscaling.keda.sh/paused-replicas";

/** Name of the trigger of the i-th queue in a `scalingModifiers` formula. */
const triggerName = (i: number) => `queue${i}`;

/**
 * A KEDA ScaledObject with one `redis` (list length) trigger per queue: with Celery's Redis
 * transport the list key is the queue name. Only waiting messages are counted, so scale-down
 * waits for the stabilisation window. With several queues, KEDA would scale on the busiest one
 * (the maximum of the triggers); a `scalingModifiers` formula scales on their sum instead, the
 * work the pool actually has waiting.
 */
export function kedaScaledObject(
  name: string,
  target: Target & { readonly queues: readonly string[] },
  a: AutoscalingArgs,
  redis: KedaRedisArgs,
  parent: pulumi.Resource,
  /** Pause at zero replicas (a draining colour): KEDA scales the target to 0 and stops scaling it. */
  pausedAtZero = false,
): pulumi.Resource[] {
  const created: pulumi.Resource[] = [];
  let authenticationRef: AuthenticationRef | undefined;
  if (redis.passwordSecret) {
    const auth = customResource(
      `${name}-auth`,
      {
        apiVersion: "keda.sh/v1alpha1",
        kind: "TriggerAuthentication",
        metadata: { name: `${target.name}-redis`, namespace: target.namespace, labels: target.labels },
        spec: { secretTargetRef: [{ parameter: "password", name: redis.passwordSecret.name, key: redis.passwordSecret.key }] },
      },
      { parent },
    );
    created.push(auth);
    authenticationRef = { name: `${target.name}-redis` };
  }
  const scaled = customResource(
    name,
    {
      apiVersion: "keda.sh/v1alpha1",
      kind: "ScaledObject",
      metadata: {
        name: target.name,
        namespace: target.namespace,
        labels: target.labels,
        ...(pausedAtZero ? { annotations: { [KEDA_PAUSED_REPLICAS]: "0" } } : {}),
      },
      spec: {
        scaleTargetRef: { name: target.name },
        minReplicaCount: a.minReplicas,
        maxReplicaCount: a.maxReplicas,
        pollingInterval: a.pollingInterval,
        cooldownPeriod: a.cooldownPeriod,
        advanced: {
          horizontalPodAutoscalerConfig: { behavior: behavior(a) },
          ...(target.queues.length > 1
            ? ({
                scalingModifiers: {
                  formula: target.queues.map((_, i) => triggerName(i)).join(" + "),
                  target: String(a.listLength),
                  activationTarget: String(a.activationListLength),
                  metricType: "AverageValue",
                },
              } satisfies CrdInput<AdvancedConfig>)
            : {}),
        },
        triggers: target.queues.map((queue, i): CrdInput<RedisListTrigger> => ({
          type: "redis",
          ...(target.queues.length > 1 ? ({ name: triggerName(i) } satisfies Partial<CrdInput<RedisListTrigger>>) : {}),
          metadata: {
            address: redis.address,
            listName: queue,
            listLength: String(a.listLength),
            activationListLength: String(a.activationListLength),
            databaseIndex: String(redis.databaseIndex),
            enableTLS: String(redis.enableTLS),
          },
          ...(authenticationRef ? { authenticationRef } : {}),
        })),
      },
    },
    { parent, dependsOn: created },
  );
  created.push(scaled);
  return created;
}

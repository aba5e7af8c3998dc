/**
 * Maps the validated stack config onto component args. Pure: no Pulumi config reads and no
 * resources, so it is unit-testable on its own.
 */
import type { AzurePlatformArgs } from "../components/azure-platform";
import type { WorkerPoolArgs } from "../components/celery-workers";
import type { KubernetesProviderArgs } from "../components/lib/kubernetes-provider";
import type { Topology } from "../components/lib/topology";
import type { ProgramConfig, StackConfig } from "../config";

/** `<registry>/<repository>:<tag>[@<digest>]`. */
export function imageReference(image: StackConfig["image"]): string {
  const ref = `${image.registry}/${image.repository}:${image.tag}`;
  return image.digest !== undefined ? `${ref}@${image.digest}` : ref;
}

export function azurePlatformArgs(cfg: ProgramConfig, topo: Topology): AzurePlatformArgs {
  const azure = cfg.azure;
  if (azure.mode !== "managed") throw new Error("azurePlatformArgs needs azure.mode 'managed'");
  return {
    stack: cfg.stack,
    resourceGroupName: azure.resourceGroupName,
    location: azure.location,
    aks: azure.aks,
    topology: topo,
    appConfiguration: {
      mode: cfg.appConfiguration.mode,
      ...(cfg.appConfiguration.storeName !== undefined ? { storeName: cfg.appConfiguration.storeName } : {}),
      ...(cfg.appConfiguration.resourceGroupName !== undefined ? { resourceGroupName: cfg.appConfiguration.resourceGroupName } : {}),
      sku: cfg.appConfiguration.sku,
      label: cfg.appConfiguration.label,
      keyValues: cfg.appConfiguration.keyValues,
      purgeProtection: cfg.appConfiguration.purgeProtection,
    },
    tags: azure.tags,
    protect: azure.protect,
  };
}

export function kubernetesProviderArgs(cfg: ProgramConfig): KubernetesProviderArgs {
  const aks = cfg.azure.mode === "managed" ? cfg.azure.aks : undefined;
  return {
    ...(cfg.kubernetes.kubeconfig !== undefined ? { kubeconfig: cfg.kubernetes.kubeconfig } : {}),
    ...(cfg.kubernetes.context !== undefined ? { context: cfg.kubernetes.context } : {}),
    ...(aks !== undefined ? { aks: { resourceGroupName: aks.resourceGroupName, clusterName: aks.clusterName, login: cfg.kubernetes.aksLogin } } : {}),
    clusterIdentifier: cfg.kubernetes.clusterIdentifier ?? (aks ? `${aks.resourceGroupName}/${aks.clusterName}` : "default"),
  };
}

/**
 * The worker pools of the stack. Without `workers.pools`, one pool named `worker` (the chart's
 * Deployment) built from the `workers` fields; with it, each pool inherits every field it does
 * not set from `workers`. Pools are in name order so the registration order is stable.
 */
export function workerPools(cfg: StackConfig): WorkerPoolArgs[] {
  const w = cfg.workers;
  const pools = w.pools ?? { worker: {} };
  return Object.keys(pools)
    .sort()
    .map((name) => {
      const p = pools[name]!;
      const pick = <K extends keyof typeof p & keyof typeof w>(key: K) => (p[key] !== undefined ? p[key] : w[key]);
      const optional = (key: "concurrency" | "maxTasksPerChild" | "timeLimitSeconds" | "softTimeLimitSeconds") => {
        const v = pick(key);
        return v !== undefined ? { [key]: v } : {};
      };
      return {
        name,
        queues: p.queues ?? [w.queue],
        nodeName: p.nodeName ?? w.nodeName,
        replicas: p.replicas ?? w.replicas,
        nodePool: p.nodePool ?? w.nodePool,
        spot: p.spot ?? w.spot,
        ...((p.spotNodePool ?? w.spotNodePool) !== undefined ? { spotNodePool: (p.spotNodePool ?? w.spotNodePool)! } : {}),
        ...optional("concurrency"),
        ...optional("maxTasksPerChild"),
        ...optional("timeLimitSeconds"),
        ...optional("softTimeLimitSeconds"),
        resources: p.resources ?? w.resources,
        terminationGracePeriodSeconds: p.terminationGracePeriodSeconds ?? w.terminationGracePeriodSeconds,
        readinessProbe: w.readinessProbe,
        livenessProbe: w.livenessProbe,
        autoscaling: p.autoscaling ?? w.autoscaling,
        disruptionBudget: w.disruptionBudget,
        topologySpread: w.topologySpread,
      };
    });
}

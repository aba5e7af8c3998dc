/**
 * Maps the validated stack config onto component args. Pure: no Pulumi config reads and no
 * resources, so it is unit-testable on its own.
 */
import type { AzurePlatformArgs, AzureSide } from "../components/azure-platform";
import type { WorkerPoolArgs } from "../components/celery-workers";
import type { KubernetesWorkloadsArgs } from "../components/kubernetes-workloads";
import type { KubernetesProviderArgs } from "../components/lib/kubernetes-provider";
import { SHARED_SETTINGS } from "../components/lib/constants";
import type { Topology } from "../components/lib/topology";
import type { ProgramConfig, StackConfig } from "../config";

/** `<registry>/<repository>:<tag>[@<digest>]`. */
export function imageReference(image: StackConfig["image"]): string {
  const ref = `${image.registry}/${image.repository}:${image.tag}`;
  return image.digest !== undefined ? `${ref}@${image.digest}` : ref;
}

export function azurePlatformArgs(cfg: ProgramConfig, topo: Topology): AzurePlatformArgs {
  return {
    stack: cfg.stack,
    resourceGroupName: cfg.azure.resourceGroupName!,
    location: cfg.azure.location!,
    aks: cfg.azure.aks!,
    topology: topo,
    appConfiguration: {
      mode: cfg.appConfiguration.mode,
      ...(cfg.appConfiguration.storeName !== undefined ? { storeName: cfg.appConfiguration.storeName } : {}),
      ...(cfg.appConfiguration.resourceGroupName !== undefined ? { resourceGroupName: cfg.appConfiguration.resourceGroupName } : {}),
      sku: cfg.appConfiguration.sku,
      label: cfg.appConfiguration.label,
      keyValues: cfg.appConfiguration.keyValues,
    },
    tags: cfg.azure.tags,
  };
}

export function kubernetesProviderArgs(cfg: ProgramConfig): KubernetesProviderArgs {
  const aks = cfg.azure.mode === "managed" ? cfg.azure.aks : undefined;
  return {
    ...(cfg.kubernetes.kubeconfig !== undefined ? { kubeconfig: cfg.kubernetes.kubeconfig } : {}),
    ...(cfg.kubernetes.context !== undefined ? { context: cfg.kubernetes.context } : {}),
    ...(aks !== undefined ? { aks: { resourceGroupName: aks.resourceGroupName, clusterName: aks.clusterName } } : {}),
    clusterIdentifier: cfg.kubernetes.clusterIdentifier ?? (aks ? `${aks.resourceGroupName}/${aks.clusterName}` : "default"),
  };
}

/** The worker pools of the stack. Today one pool, named like the chart's Deployment (`worker`). */
export function workerPools(cfg: StackConfig): WorkerPoolArgs[] {
  const w = cfg.workers;
  return [{
    name: "worker",
    queue: w.queue,
    nodeName: w.nodeName,
    replicas: w.replicas,
    nodePool: w.nodePool,
    spot: w.spot,
    ...(w.concurrency !== undefined ? { concurrency: w.concurrency } : {}),
    ...(w.maxTasksPerChild !== undefined ? { maxTasksPerChild: w.maxTasksPerChild } : {}),
    ...(w.timeLimitSeconds !== undefined ? { timeLimitSeconds: w.timeLimitSeconds } : {}),
    ...(w.softTimeLimitSeconds !== undefined ? { softTimeLimitSeconds: w.softTimeLimitSeconds } : {}),
    resources: w.resources,
    terminationGracePeriodSeconds: w.terminationGracePeriodSeconds,
    readinessProbe: w.readinessProbe,
    livenessProbe: w.livenessProbe,
  }];
}

export function kubernetesWorkloadsArgs(cfg: ProgramConfig, topo: Topology, azure: AzureSide): KubernetesWorkloadsArgs {
  const e = cfg.exporter;
  return {
    image: imageReference(cfg.image),
    imagePullPolicy: cfg.image.pullPolicy,
    version: cfg.image.tag,
    runAsUser: cfg.runAsUser,
    topology: topo,
    azure,
    settings: {
      create: cfg.settings.create,
      values: { ...cfg.settings.values, [SHARED_SETTINGS.queueVariable]: cfg.workers.queue },
      secrets: cfg.settingsSecrets,
    },
    api: cfg.api,
    workerPools: workerPools(cfg),
    ...(e.enabled
      ? {
          exporter: {
            schedule: e.schedule,
            ...(e.timeZone !== undefined ? { timeZone: e.timeZone } : {}),
            nodePool: e.nodePool,
            resources: e.resources,
            backoffLimit: e.backoffLimit,
            activeDeadlineSeconds: e.activeDeadlineSeconds,
            startingDeadlineSeconds: e.startingDeadlineSeconds,
            successfulJobsHistoryLimit: e.successfulJobsHistoryLimit,
            failedJobsHistoryLimit: e.failedJobsHistoryLimit,
            createConfig: e.createConfig,
            args: e.args,
            secrets: cfg.exporterSecrets,
          },
        }
      : {}),
    routing: cfg.routing,
    appConfiguration: {
      label: cfg.appConfiguration.label,
      keyPrefix: cfg.appConfiguration.keyPrefix,
      refreshInterval: cfg.appConfiguration.refreshInterval,
    },
  };
}

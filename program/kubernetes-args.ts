/**
 * Maps the validated stack config onto the Kubernetes tiers' args (components/api-tier.ts,
 * worker-color.ts, exporter-tier.ts). Pure: no config reads and no resources. Every value is
 * resolved here from the config (whose schema holds the defaults); components never default.
 */
import type { Output } from "@pulumi/pulumi";
import type { AzureSide } from "../components/azure-platform";
import type { ExporterTierArgs } from "../components/exporter-tier";
import type { KubernetesWorkloadsArgs } from "../components/kubernetes-workloads";
import { EXPORTER_SETTINGS, SHARED_SETTINGS, type WorkloadKind } from "../components/lib/constants";
import { SETTINGS_CHECKSUM_ANNOTATION, settingsChecksum } from "../components/lib/settings";
import type { Topology, WorkloadPlacement } from "../components/lib/topology";
import type { EgressAllowance } from "../components/network-policies";
import type { WorkloadImage } from "../components/lib/workload";
import type { WorkerColorArgs } from "../components/worker-color";
import type { SettingsBundle, WorkloadNamespaceArgs } from "../components/workload-namespace";
import type { ProgramConfig } from "../config";
import { brokerPort } from "../config/broker";
import { imageReference, workerPools } from "./args";

/** The namespace args of one workload: placement, identity, settings. */
function namespaceArgs(
  placement: WorkloadPlacement,
  kind: WorkloadKind,
  azure: AzureSide,
  settings: readonly SettingsBundle[],
  drainSeconds?: number,
): WorkloadNamespaceArgs {
  const identity = azure.identities[kind];
  // Config refuses an enabled exporter without its identity; this only guards the program itself.
  if (identity === undefined) throw new Error(`no identity for the ${kind} workload (azure.identities.${kind})`);
  return {
    namespace: placement.namespace,
    serviceAccountName: placement.serviceAccount,
    clientId: identity.clientId,
    tenantId: azure.tenantId,
    settings,
    ...(drainSeconds !== undefined ? { drainSeconds } : {}),
  };
}

export function kubernetesWorkloadsArgs(cfg: ProgramConfig, topo: Topology, azure: AzureSide): KubernetesWorkloadsArgs {
  const image: WorkloadImage = { image: imageReference(cfg.image), imagePullPolicy: cfg.image.pullPolicy, version: cfg.image.tag, runAsUser: cfg.runAsUser };

  const values = { ...cfg.settings.values, [SHARED_SETTINGS.queueVariable]: cfg.workers.queue };
  const shared: SettingsBundle[] = cfg.settings.create
    ? [
        {
          id: "settings",
          configMapName: SHARED_SETTINGS.configMapName,
          data: values,
          secretName: SHARED_SETTINGS.secretName,
          ...(cfg.settingsSecrets !== undefined ? { secretData: cfg.settingsSecrets } : {}),
        },
      ]
    : [];
  const podAnnotations: Record<string, Output<string>> = cfg.settings.create
    ? { [SETTINGS_CHECKSUM_ANNOTATION]: settingsChecksum(values, cfg.settingsSecrets) }
    : {};

  const np = cfg.networkPolicy;
  const azureEgress: EgressAllowance[] = [{ cidrs: np.azureCidrs, ports: [443] }];
  const brokerEgress: EgressAllowance[] = [{ cidrs: np.broker.cidrs, ports: [brokerPort(np.broker.port, cfg.settings.values)] }];
  const egress = (rules: EgressAllowance[]) => (np.enabled ? { networkPolicy: { egress: rules } } : {});

  const pools = workerPools(cfg);
  const drainSeconds = Math.max(...pools.map((p) => p.terminationGracePeriodSeconds));
  const keda = cfg.workers.keda
    ? {
        keda: {
          address: cfg.workers.keda.address,
          databaseIndex: cfg.workers.keda.databaseIndex,
          enableTLS: cfg.workers.keda.enableTLS,
          ...(cfg.workers.keda.passwordSecret ? { passwordSecret: cfg.workers.keda.passwordSecret } : {}),
        },
      }
    : {};
  const workerColor = (placement: WorkloadPlacement, draining: boolean): WorkerColorArgs => ({
    namespace: namespaceArgs(placement, "workers", azure, shared, drainSeconds),
    workers: { ...image, pools, podAnnotations, appConfiguration: true, draining, ...keda },
    ...(draining
      ? {}
      : {
          appConfigurationSync: {
            endpoint: azure.appConfigurationEndpoint,
            label: cfg.appConfiguration.label,
            keyPrefix: cfg.appConfiguration.keyPrefix,
            refreshInterval: cfg.appConfiguration.refreshInterval,
            waitForSync: cfg.appConfiguration.waitForSync,
          },
        }),
    ...egress([...brokerEgress, ...azureEgress]),
  });

  return {
    api: {
      namespace: namespaceArgs(topo.apps, "apps", azure, shared),
      // uvicorn trusts X-Forwarded-* from where the gateway's requests come from: its subnet.
      deployment: { ...image, ...cfg.api, forwardedAllowIps: np.gatewayCidrs, podAnnotations },
      route: { hostnames: cfg.routing.hostnames, gateway: cfg.routing.gateway, healthCheck: cfg.routing.healthCheck },
      ...(np.enabled
        ? {
            networkPolicy: {
              ingress: [
                {
                  namespaces: np.gatewayNamespaces ?? [cfg.routing.gateway.namespace],
                  cidrs: np.gatewayCidrs,
                  ports: [cfg.api.execution.port, cfg.api.management.port],
                },
              ],
              egress: [...brokerEgress, ...azureEgress],
            },
          }
        : {}),
    },
    workers: workerColor(topo.workers, false),
    ...(topo.drainingWorkers ? { drainingWorkers: workerColor(topo.drainingWorkers, true) } : {}),
    ...(topo.exporter && cfg.exporter.enabled
      ? {
          exporter: exporterArgs(
            cfg,
            topo.exporter,
            azure,
            image,
            np.enabled ? [...azureEgress, ...np.exporterEgress.map((e) => ({ cidrs: [e.cidr], ports: [e.port] }))] : undefined,
          ),
        }
      : {}),
  };
}

function exporterArgs(
  cfg: ProgramConfig,
  placement: WorkloadPlacement,
  azure: AzureSide,
  image: WorkloadImage,
  egress: EgressAllowance[] | undefined,
): ExporterTierArgs {
  const e = cfg.exporter;
  const settings: SettingsBundle[] = e.createConfig
    ? [
        {
          id: "args",
          configMapName: EXPORTER_SETTINGS.configMapName,
          data: { ...e.args },
          secretName: EXPORTER_SETTINGS.secretName,
          ...(cfg.exporterSecrets !== undefined ? { secretData: cfg.exporterSecrets } : {}),
        },
      ]
    : [];
  return {
    namespace: namespaceArgs(placement, "exporter", azure, settings),
    cronJob: {
      ...image,
      schedule: e.schedule,
      ...(e.timeZone !== undefined ? { timeZone: e.timeZone } : {}),
      nodePool: e.nodePool,
      resources: e.resources,
      backoffLimit: e.backoffLimit,
      activeDeadlineSeconds: e.activeDeadlineSeconds,
      startingDeadlineSeconds: e.startingDeadlineSeconds,
      successfulJobsHistoryLimit: e.successfulJobsHistoryLimit,
      failedJobsHistoryLimit: e.failedJobsHistoryLimit,
      arguments: e.arguments,
    },
    ...(egress !== undefined ? { networkPolicy: { egress } } : {}),
  };
}

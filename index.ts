/**
 * Pulse-OS on AKS: read and validate config, build the Azure side, build the Kubernetes side,
 * export the output contract (docs/outputs.md).
 */
import { guardCompiledProgram } from "./program/build-stamp";
import { AzurePlatform, externalAzureSide, type AzureSide } from "./components/azure-platform";
import { KubernetesWorkloads } from "./components/kubernetes-workloads";
import { kubernetesProvider } from "./components/lib/kubernetes-provider";
import { topology } from "./components/lib/topology";
import { loadConfig } from "./config";
import { azurePlatformArgs, kubernetesProviderArgs, kubernetesWorkloadsArgs } from "./program/args";
import { stackOutputs } from "./program/outputs";

guardCompiledProgram(__filename); // pulumi runs bin/index.js (Pulumi.yaml): refuse a stale build

const cfg = loadConfig();
const topo = topology(cfg);

const azure: AzureSide = cfg.azure.mode === "managed"
  ? new AzurePlatform("azure", azurePlatformArgs(cfg, topo))
  : externalAzureSide({
      tenantId: cfg.azure.tenantId!,
      identities: cfg.azure.identities ?? {},
      appConfigurationEndpoint: cfg.appConfiguration.endpoint!,
    });

const provider = kubernetesProvider("aks", kubernetesProviderArgs(cfg));
const workloads = new KubernetesWorkloads("pulse-os", kubernetesWorkloadsArgs(cfg, topo, azure), { providers: { kubernetes: provider } });

export const {
  contractVersion,
  appsNamespace,
  workersNamespace,
  exporterNamespace,
  exporterEnabled,
  activeWorkerColor,
  executionApiUrl,
  managementApiUrl,
  appsIdentityClientId,
  appsIdentityPrincipalId,
  workersIdentityClientId,
  workersIdentityPrincipalId,
  exporterIdentityClientId,
  exporterIdentityPrincipalId,
  appConfigurationEndpoint,
  brokerQueue,
  imageReference,
} = stackOutputs(cfg, topo, azure, workloads);

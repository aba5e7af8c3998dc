/**
 * The whole Pulse-OS program as one function: read and validate config, build the Azure side,
 * build the Kubernetes side, return the output contract (docs/outputs.md).
 *
 * `index.ts` calls it for `pulumi up` with the CLI; the Automation API runner
 * (`scripts/local.ts`, the e2e suite, the benchmark) passes it as an inline program, so both
 * paths register exactly the same resources with the same URNs.
 */
import { AzurePlatform, externalAzureSide, type AzureSide } from "../components/azure-platform";
import { KubernetesWorkloads } from "../components/kubernetes-workloads";
import { kubernetesProvider } from "../components/lib/kubernetes-provider";
import { topology } from "../components/lib/topology";
import { loadConfig } from "../config";
import { azurePlatformArgs, kubernetesProviderArgs } from "./args";
import { kubernetesWorkloadsArgs } from "./kubernetes-args";
import { stackOutputs, type StackOutputs } from "./outputs";

export function pulseOs(): StackOutputs {
  const cfg = loadConfig();
  const topo = topology(cfg);

  const azure: AzureSide =
    cfg.azure.mode === "managed"
      ? new AzurePlatform("azure", azurePlatformArgs(cfg, topo))
      : externalAzureSide({
          tenantId: cfg.azure.tenantId,
          identities: cfg.azure.identities,
          // Required in external mode: a cross-section rule of config/ (appConfiguration.endpoint).
          appConfigurationEndpoint: cfg.appConfiguration.endpoint!,
        });

  const provider = kubernetesProvider("aks", kubernetesProviderArgs(cfg));
  // Identity before pods: every Kubernetes object waits for the federated credentials, the Data
  // Reader assignment and the key-values, so first token exchanges and the first sync find them.
  const workloads = new KubernetesWorkloads("pulse-os", kubernetesWorkloadsArgs(cfg, topo, azure), {
    providers: { kubernetes: provider },
    dependsOn: [...azure.ready],
  });
  return stackOutputs(cfg, topo, azure, workloads);
}

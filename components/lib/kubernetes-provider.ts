import * as containerservice from "@pulumi/azure-native/containerservice";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { withAksLogin, type AksLoginMode } from "./kubeconfig";

export interface KubernetesProviderArgs {
  /** Kubeconfig contents or path. @default the AKS user credentials of `aks`, else the ambient kubeconfig */
  readonly kubeconfig?: string;
  /** Kubeconfig context. @default the kubeconfig's current context */
  readonly context?: string;
  /** AKS cluster to read credentials from when there is no kubeconfig, and how kubelogin signs in. */
  readonly aks?: { readonly resourceGroupName: string; readonly clusterName: string; readonly login: AksLoginMode };
  /**
   * Stable identity of the cluster: only a change of this value replaces the provider, so a
   * rotated credential or a moved kubeconfig does not replace every object.
   */
  readonly clusterIdentifier: string;
}

/**
 * The one Kubernetes provider of the program. ConfigMaps and Secrets are updated in place
 * (`enableConfigMapMutable`/`enableSecretMutable`): they carry fixed names the pods refer to,
 * and a replace would delete them under running pods; the settings checksum rolls the pods.
 */
export function kubernetesProvider(name: string, args: KubernetesProviderArgs): k8s.Provider {
  let kubeconfig: pulumi.Input<string> | undefined = args.kubeconfig;
  // Neither given: the provider uses the ambient kubeconfig (KUBECONFIG or ~/.kube/config).
  if (kubeconfig === undefined && args.aks !== undefined) {
    kubeconfig = pulumi.secret(
      containerservice
        .listManagedClusterUserCredentialsOutput({ resourceGroupName: args.aks.resourceGroupName, resourceName: args.aks.clusterName })
        .apply((creds) => {
          const first = creds.kubeconfigs[0];
          if (first === undefined) throw new Error(`AKS cluster '${args.aks!.clusterName}' returned no user kubeconfig`);
          // AKS's kubeconfig logs in with device code: switch to the stack's login mode.
          return withAksLogin(Buffer.from(first.value, "base64").toString("utf8"), args.aks!.login);
        }),
    );
  }
  return new k8s.Provider(name, {
    ...(kubeconfig !== undefined ? { kubeconfig } : {}),
    ...(args.context !== undefined ? { context: args.context } : {}),
    clusterIdentifier: args.clusterIdentifier,
    enableServerSideApply: true,
    enableConfigMapMutable: true,
    enableSecretMutable: true,
  });
}

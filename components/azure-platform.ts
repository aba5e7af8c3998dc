import * as containerservice from "@pulumi/azure-native/containerservice";
import * as pulumi from "@pulumi/pulumi";
import { AppConfigurationStore } from "./app-configuration-store";
import type { WorkloadKind } from "./lib/constants";
import { azureName, typeToken } from "./lib/naming";
import type { Topology, WorkloadPlacement } from "./lib/topology";
import { WorkloadIdentity } from "./workload-identity";

/** Client and principal ID of one workload identity. */
export interface IdentityRef {
  readonly clientId: pulumi.Output<string>;
  /** Empty string when unknown (external mode without a principalId in config). */
  readonly principalId: pulumi.Output<string>;
}

/** One identity per workload: the API and the workers always, the exporter when it is enabled. */
export type Identities<T> = { readonly apps: T; readonly workers: T; readonly exporter?: T };

/** What the Kubernetes side needs from Azure, however it was obtained. */
export interface AzureSide {
  readonly tenantId: pulumi.Output<string>;
  readonly identities: Identities<IdentityRef>;
  readonly appConfigurationEndpoint: pulumi.Output<string>;
  /**
   * What the Kubernetes side must wait for: the federated credentials (first token exchanges),
   * the Data Reader assignment and the key-values (the first App Configuration sync). Empty when
   * the Azure side exists already.
   */
  readonly ready: readonly pulumi.Resource[];
}

export interface AzurePlatformArgs {
  /** Stack name, used in Azure resource names. */
  readonly stack: string;
  readonly resourceGroupName: string;
  readonly location: string;
  /** The AKS cluster whose OIDC issuer the credentials trust. */
  readonly aks: { readonly resourceGroupName: string; readonly clusterName: string; readonly oidcIssuerUrl?: string };
  /** Namespaces and service accounts of the workloads (the credential subjects). */
  readonly topology: Topology;
  readonly appConfiguration: {
    readonly mode: "create" | "existing";
    /** @default `appcs-pulse-os-<stack>` */
    readonly storeName?: string;
    /** @default resourceGroupName */
    readonly resourceGroupName?: string;
    readonly sku: string;
    readonly label: string;
    readonly keyValues: Readonly<Record<string, string>>;
    /** Purge protection of a created store (it cannot be turned off again). */
    readonly purgeProtection: boolean;
  };
  readonly tags: Readonly<Record<string, string>>;
  /**
   * Pulumi `protect` on the stateful resources (the store and the identities): a destroy or a
   * replace stops instead of deleting them (docs/operations.md says how to lift it).
   */
  readonly protect: boolean;
}

/**
 * Everything the program creates in Azure: one user-assigned identity per workload with its
 * federated credential, and the App Configuration store the workers read (Data Reader).
 */
export class AzurePlatform extends pulumi.ComponentResource implements AzureSide {
  public readonly tenantId: pulumi.Output<string>;
  public readonly identities: Identities<IdentityRef>;
  public readonly appConfigurationEndpoint: pulumi.Output<string>;
  public readonly ready: readonly pulumi.Resource[];
  /** The OIDC issuer the credentials trust. */
  public readonly oidcIssuerUrl: pulumi.Output<string>;

  constructor(name: string, args: AzurePlatformArgs, opts?: pulumi.ComponentResourceOptions) {
    super(typeToken("azure", "AzurePlatform"), name, {}, opts);
    const tags = { app: "pulse-os", stack: args.stack, ...args.tags };

    this.oidcIssuerUrl =
      args.aks.oidcIssuerUrl !== undefined
        ? pulumi.output(args.aks.oidcIssuerUrl)
        : containerservice
            .getManagedClusterOutput({ resourceGroupName: args.aks.resourceGroupName, resourceName: args.aks.clusterName }, { parent: this })
            .apply((cluster) => {
              const issuer = cluster.oidcIssuerProfile?.issuerURL;
              if (!issuer || cluster.securityProfile?.workloadIdentity?.enabled !== true) {
                throw new pulumi.ResourceError(
                  `AKS cluster '${args.aks.clusterName}' must have the OIDC issuer and workload identity enabled (az aks update --enable-oidc-issuer --enable-workload-identity)`,
                  this,
                );
              }
              return issuer;
            });

    const identity = (kind: WorkloadKind, subjects: readonly WorkloadPlacement[]) =>
      new WorkloadIdentity(
        `${name}-${kind}`,
        {
          resourceGroupName: args.resourceGroupName,
          location: args.location,
          identityName: azureName("id", args.stack, kind),
          issuer: this.oidcIssuerUrl,
          subjects,
          tags,
          protect: args.protect,
        },
        { parent: this },
      );
    const ref = (id: WorkloadIdentity): IdentityRef => ({ clientId: id.clientId, principalId: id.principalId });
    const apps = identity("apps", [args.topology.apps]);
    // The draining colour keeps its credential until the cutover ends: its pods may still be
    // finishing tasks that call Azure.
    const workers = identity("workers", args.topology.drainingWorkers ? [args.topology.workers, args.topology.drainingWorkers] : [args.topology.workers]);
    const exporter = args.topology.exporter && identity("exporter", [args.topology.exporter]);
    this.identities = { apps: ref(apps), workers: ref(workers), ...(exporter ? { exporter: ref(exporter) } : {}) };
    this.tenantId = apps.tenantId;

    const store = new AppConfigurationStore(
      `${name}-appconfig`,
      {
        mode: args.appConfiguration.mode,
        resourceGroupName: args.appConfiguration.resourceGroupName ?? args.resourceGroupName,
        location: args.location,
        storeName: args.appConfiguration.storeName ?? azureName("appcs", args.stack),
        sku: args.appConfiguration.sku,
        label: args.appConfiguration.label,
        keyValues: args.appConfiguration.keyValues,
        readers: [{ name: "workers", principalId: this.identities.workers.principalId }],
        tags,
        protect: args.protect,
        purgeProtection: args.appConfiguration.purgeProtection,
      },
      { parent: this },
    );
    this.appConfigurationEndpoint = store.endpoint;
    // Depending on this component waits for every Azure resource in it.
    this.ready = [this];

    this.registerOutputs({
      tenantId: this.tenantId,
      appConfigurationEndpoint: this.appConfigurationEndpoint,
      oidcIssuerUrl: this.oidcIssuerUrl,
    });
  }
}

/** The Azure side of a stack whose Azure resources exist already (`azure.mode: external`). */
export function externalAzureSide(args: {
  readonly tenantId: string;
  readonly identities: Identities<{ readonly clientId: string; readonly principalId?: string }>;
  readonly appConfigurationEndpoint: string;
}): AzureSide {
  const ref = (id: { readonly clientId: string; readonly principalId?: string }): IdentityRef => ({
    clientId: pulumi.output(id.clientId),
    principalId: pulumi.output(id.principalId ?? ""),
  });
  const { apps, workers, exporter } = args.identities;
  return {
    tenantId: pulumi.output(args.tenantId),
    identities: { apps: ref(apps), workers: ref(workers), ...(exporter ? { exporter: ref(exporter) } : {}) },
    appConfigurationEndpoint: pulumi.output(args.appConfigurationEndpoint),
    ready: [],
  };
}

import * as appconfiguration from "@pulumi/azure-native/appconfiguration";
import * as authorization from "@pulumi/azure-native/authorization";
import * as pulumi from "@pulumi/pulumi";
import { AZURE_ROLES } from "./lib/constants";
import { typeToken } from "./lib/naming";

/** A principal granted App Configuration Data Reader on the store. */
export interface StoreReader {
  /** Logical name suffix of the role assignment (stable: part of the URN). */
  readonly name: string;
  /** Principal (object) ID of a managed identity. */
  readonly principalId: pulumi.Input<string>;
}

export interface AppConfigurationStoreArgs {
  /** `create` a store, or use an `existing` one found by name. */
  readonly mode: "create" | "existing";
  /** Resource group of the store. */
  readonly resourceGroupName: pulumi.Input<string>;
  /** Azure region (create mode). */
  readonly location: pulumi.Input<string>;
  /** Store name. */
  readonly storeName: string;
  /** SKU (create mode). */
  readonly sku: string;
  /** Label the key-values are written under (the one the workers' provider selects). */
  readonly label: string;
  /** Key-values to write. */
  readonly keyValues: Readonly<Record<string, string>>;
  /** Principals granted App Configuration Data Reader on the store. */
  readonly readers: readonly StoreReader[];
  /** Tags (create mode). */
  readonly tags: Readonly<Record<string, string>>;
  /** Pulumi `protect` on a created store. */
  readonly protect: boolean;
  /**
   * Azure purge protection of a created store: a deleted store stays recoverable for its retention
   * period and cannot be purged. Azure never lets it be turned off again.
   */
  readonly purgeProtection: boolean;
}

/** The Pulumi logical name of a key-value: stable, readable, unique per key. */
export function keyValueResourceName(name: string, key: string): string {
  return `${name}-kv-${key.replace(/[^A-Za-z0-9._-]/g, "_")}`;
}

/**
 * An Azure App Configuration store (created, or an existing one), its key-values under the
 * workers' label, and Data Reader role assignments. A created store disables local (access-key)
 * auth and uses pass-through data-plane auth, so ARM can still write key-values
 * (pulumi-azure-native#4323); the deploying identity then needs App Configuration Data Owner.
 */
export class AppConfigurationStore extends pulumi.ComponentResource {
  /** `https://<name>.azconfig.io`. */
  public readonly endpoint: pulumi.Output<string>;
  /** ARM ID of the store. */
  public readonly storeId: pulumi.Output<string>;

  constructor(name: string, args: AppConfigurationStoreArgs, opts?: pulumi.ComponentResourceOptions) {
    super(typeToken("config", "AppConfigurationStore"), name, {}, opts);
    let storeName: pulumi.Output<string>;
    if (args.mode === "create") {
      const store = new appconfiguration.ConfigurationStore(
        name,
        {
          resourceGroupName: args.resourceGroupName,
          location: args.location,
          configStoreName: args.storeName,
          sku: { name: args.sku },
          disableLocalAuth: true,
          publicNetworkAccess: appconfiguration.PublicNetworkAccess.Enabled,
          dataPlaneProxy: {
            authenticationMode: appconfiguration.AuthenticationMode.Pass_through,
            privateLinkDelegation: appconfiguration.PrivateLinkDelegation.Disabled,
          },
          tags: { ...args.tags },
          enablePurgeProtection: args.purgeProtection,
        },
        { parent: this, protect: args.protect },
      );
      this.endpoint = store.endpoint;
      this.storeId = store.id;
      storeName = store.name;
    } else {
      const store = appconfiguration.getConfigurationStoreOutput(
        { resourceGroupName: args.resourceGroupName, configStoreName: args.storeName },
        { parent: this },
      );
      this.endpoint = store.endpoint;
      this.storeId = store.id;
      storeName = store.name;
    }

    // Sorted so the registration order (and the preview) does not depend on object key order.
    for (const key of Object.keys(args.keyValues).sort()) {
      new appconfiguration.KeyValue(
        keyValueResourceName(name, key),
        {
          resourceGroupName: args.resourceGroupName,
          configStoreName: storeName,
          // "key$label": without the label the key would land under the null label.
          keyValueName: `${key}$${args.label}`,
          value: args.keyValues[key]!,
        },
        { parent: this },
      );
    }

    const client = authorization.getClientConfigOutput({ parent: this });
    for (const reader of args.readers) {
      new authorization.RoleAssignment(
        `${name}-reader-${reader.name}`,
        {
          scope: this.storeId,
          principalId: reader.principalId,
          principalType: authorization.PrincipalType.ServicePrincipal,
          roleDefinitionId: pulumi.interpolate`/subscriptions/${client.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${AZURE_ROLES.appConfigurationDataReader}`,
          description: `Pulse-OS ${reader.name}: read App Configuration key-values`,
        },
        { parent: this },
      );
    }

    this.registerOutputs({ endpoint: this.endpoint, storeId: this.storeId });
  }
}

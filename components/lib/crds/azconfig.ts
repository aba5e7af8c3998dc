/**
 * `azconfig.io/v1` types the program creates: `AzureAppConfigurationProvider` of the Azure App
 * Configuration Kubernetes Provider, hand-typed from `cluster/crds/azconfig.io_azureappconfigurationproviders.yaml`
 * (itself written from the provider's documented v1 API). Field names, optionality and enums
 * follow its openAPIV3Schema; tests/crd-schemas.test.ts checks every path the program sets against
 * it. docs/decisions.md "Typed custom resources".
 */

/** Shape of the generated ConfigMap's (or Secret's) data. */
export interface DataOptions {
  /** `default`: one key per key-value; otherwise one `key` holding a json/yaml/properties document. @default "default" */
  readonly type?: "default" | "json" | "yaml" | "properties";
  /** Data key of the document; required unless `type` is `default`. */
  readonly key?: string;
  /** Splits key names into nested objects (json/yaml). */
  readonly separator?: string;
}

/** The ConfigMap the key-values are written to. */
export interface ConfigMapTarget {
  /** Name of the ConfigMap, in the provider's namespace. */
  readonly configMapName: string;
  readonly configMapData?: DataOptions;
}

/** Workload identity: set exactly one of the three. */
export interface WorkloadIdentityParameters {
  /** Service account (annotated with the identity's client ID) the provider authenticates as. */
  readonly serviceAccountName?: string;
  /** Client ID of the identity (global mode, deprecated by the provider). */
  readonly managedIdentityClientId?: string;
  /** ConfigMap key holding the client ID. */
  readonly managedIdentityClientIdReference?: { readonly configMap: string; readonly key: string };
}

/** How the provider authenticates to App Configuration: at most one method. */
export interface AzureAppConfigurationProviderAuth {
  /** Client ID of the VMSS/kubelet user-assigned identity (not workload identity). */
  readonly managedIdentityClientId?: string;
  /** Secret with keys azure_client_id, azure_client_secret, azure_tenant_id. */
  readonly servicePrincipalReference?: string;
  readonly workloadIdentity?: WorkloadIdentityParameters;
}

/** Key-values selected: a key filter (and label filter), or a snapshot alone. */
export interface Selector {
  /** Key filter; `*` as last character matches a prefix. Required unless `snapshotName` is set. */
  readonly keyFilter?: string;
  /** Exact label (no wildcards); unset selects the null label. */
  readonly labelFilter?: string;
  readonly snapshotName?: string;
  /** At most 5 `tag=value` filters. */
  readonly tagFilters?: string[];
}

/** A key-value whose change triggers a refresh of everything selected. */
export interface KeyValueMonitoring {
  readonly key: string;
  readonly label?: string;
}

/** Periodic refresh of the key-values. */
export interface DynamicConfigurationRefreshParameters {
  /** @default false */
  readonly enabled?: boolean;
  /** A duration such as `30s`. @default "30s" */
  readonly interval?: string;
  /** Refresh only when one of these sentinel keys changed. */
  readonly monitoring?: { readonly keyValues: KeyValueMonitoring[] };
}

/** Which key-values are synced, and how. */
export interface AzureAppConfigurationKeyValueOptions {
  readonly selectors?: Selector[];
  /** Prefixes removed from key names. */
  readonly trimKeyPrefixes?: string[];
  readonly refresh?: DynamicConfigurationRefreshParameters;
}

/** Enabled flag and interval of a secret or feature-flag refresh. */
export interface RefreshSettings {
  /** @default false */
  readonly enabled?: boolean;
  /** A duration such as `1h`. */
  readonly interval?: string;
}

/** The Secret Key Vault references are resolved into. */
export interface SecretTarget {
  readonly secretName: string;
  readonly secretData?: DataOptions;
}

/** Authentication to one Key Vault. */
export interface KeyVaultReferenceAuth {
  readonly uri: string;
  readonly managedIdentityClientId?: string;
  readonly servicePrincipalReference?: string;
  readonly workloadIdentity?: WorkloadIdentityParameters;
}

/** Default (and per-vault) authentication to Key Vault. */
export interface AzureKeyVaultAuth {
  readonly managedIdentityClientId?: string;
  readonly servicePrincipalReference?: string;
  readonly workloadIdentity?: WorkloadIdentityParameters;
  /** At most 50. */
  readonly keyVaults?: KeyVaultReferenceAuth[];
}

/** Resolution of Key Vault references into a Secret. */
export interface SecretReference {
  readonly target: SecretTarget;
  readonly auth?: AzureKeyVaultAuth;
  readonly refresh?: RefreshSettings;
}

/** Feature flags synced into the ConfigMap. */
export interface FeatureFlagOptions {
  readonly selectors: Selector[];
  readonly refresh?: RefreshSettings;
}

/** Desired state: exactly one of `endpoint` or `connectionStringReference`. */
export interface AzureAppConfigurationProviderSpec {
  /** `https://<store>.azconfig.io`. */
  readonly endpoint?: string;
  /** Secret with key azure_app_configuration_connection_string (no `auth` then). */
  readonly connectionStringReference?: string;
  /** @default true */
  readonly replicaDiscoveryEnabled?: boolean;
  /** @default false */
  readonly loadBalancingEnabled?: boolean;
  readonly target: ConfigMapTarget;
  readonly auth?: AzureAppConfigurationProviderAuth;
  readonly configuration?: AzureAppConfigurationKeyValueOptions;
  readonly secret?: SecretReference;
  readonly featureFlag?: FeatureFlagOptions;
}

/** Syncs App Configuration key-values (and Key Vault references) into a ConfigMap (and Secret). */
export interface AzureAppConfigurationProvider {
  readonly apiVersion: "azconfig.io/v1";
  readonly kind: "AzureAppConfigurationProvider";
  readonly spec: AzureAppConfigurationProviderSpec;
}

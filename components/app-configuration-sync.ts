import * as pulumi from "@pulumi/pulumi";
import { APP_CONFIGURATION_TARGETS, WAIT_FOR_ANNOTATION } from "./lib/constants";
import type { AzureAppConfigurationKeyValueOptions, AzureAppConfigurationProviderAuth } from "./lib/crds/azconfig";
import { customResource, type CrdInput } from "./lib/crds/custom-resource";
import { commonLabels, typeToken } from "./lib/naming";

export interface AppConfigurationSyncArgs {
  /** Namespace of the consuming pods (the generated ConfigMap/Secret land here). */
  readonly namespace: pulumi.Input<string>;
  /** Annotated service account in that namespace the provider authenticates as. */
  readonly serviceAccountName: pulumi.Input<string>;
  /** `https://<store>.azconfig.io`. */
  readonly endpoint: pulumi.Input<string>;
  /** Exact label selected (App Configuration: no wildcards in label filters). */
  readonly label: string;
  /** Key prefix selected and trimmed; "" selects every key under the label. */
  readonly keyPrefix: string;
  /** Refresh interval, or "off". */
  readonly refreshInterval: string;
  /**
   * Wait (and so hold back everything that depends on this component, the workers) until the
   * provider reports its first sync complete.
   */
  readonly waitForSync: boolean;
}

/** What the engine waits for: the provider's status phase after a successful sync. */
export const SYNC_COMPLETE = "jsonpath={.status.phase}=COMPLETE";

/**
 * `AzureAppConfigurationProvider` (azconfig.io/v1): syncs the key-values under the workers'
 * label into `configmap-custom-engine-workers`, and Key Vault references into
 * `secret-custom-engine-workers`, authenticating as the workers' service account
 * (`auth.workloadIdentity.serviceAccountName`, not the deprecated global client-id mode).
 *
 * The workers depend on this component, and the engine waits until the provider reports its
 * sync complete (`pulumi.com/waitFor`), so a new colour's pods never start without the synced
 * ConfigMap (they reference it as optional: without the gate they would run without it, silently).
 */
export class AppConfigurationSync extends pulumi.ComponentResource {
  /** Provider object name. */
  public readonly providerName: pulumi.Output<string>;

  constructor(name: string, args: AppConfigurationSyncArgs, opts?: pulumi.ComponentResourceOptions) {
    super(typeToken("config", "AppConfigurationSync"), name, {}, opts);
    const prefix = args.keyPrefix;
    const interval = args.refreshInterval;
    const auth: CrdInput<AzureAppConfigurationProviderAuth> = { workloadIdentity: { serviceAccountName: args.serviceAccountName } };
    const configuration: CrdInput<AzureAppConfigurationKeyValueOptions> = {
      selectors: [{ keyFilter: `${prefix}*`, labelFilter: args.label }],
      ...(prefix !== "" ? ({ trimKeyPrefixes: [prefix] } satisfies CrdInput<AzureAppConfigurationKeyValueOptions>) : {}),
      ...(interval !== "off" ? ({ refresh: { enabled: true, interval } } satisfies CrdInput<AzureAppConfigurationKeyValueOptions>) : {}),
    };

    const provider = customResource(
      name,
      {
        apiVersion: "azconfig.io/v1",
        kind: "AzureAppConfigurationProvider",
        metadata: {
          name: APP_CONFIGURATION_TARGETS.providerName,
          namespace: args.namespace,
          labels: commonLabels(),
          ...(args.waitForSync ? { annotations: { [WAIT_FOR_ANNOTATION]: SYNC_COMPLETE } } : {}),
        },
        spec: {
          endpoint: args.endpoint,
          target: { configMapName: APP_CONFIGURATION_TARGETS.configMapName },
          auth,
          configuration,
          secret: { target: { secretName: APP_CONFIGURATION_TARGETS.secretName }, auth },
        },
      },
      { parent: this, ...(args.waitForSync ? { customTimeouts: { create: "10m", update: "10m" } } : {}) },
    );
    this.providerName = provider.metadata.name;
    this.registerOutputs({ providerName: this.providerName });
  }
}

/**
 * `keda.sh/v1alpha1` types the program creates: `ScaledObject` and `TriggerAuthentication`,
 * hand-typed from the CRDs of github.com/kedacore/keda/v2 v2.21.0 (the version `tools/crds/go.mod`
 * pins and the local cluster installs). Field names, optionality and enums follow their
 * openAPIV3Schema; doc comments are the Go types' docs, shortened. The `redis` trigger's metadata
 * keys come from that release's scaler (`pkg/scalers/redis_scaler.go`): the CRD only says
 * "map of strings". docs/decisions.md "Typed custom resources".
 */

/** One HPA scaling policy (autoscaling/v2 HPAScalingPolicy). */
export interface HPAScalingPolicy {
  /** `Pods` or `Percent`. */
  readonly type: string;
  /** Change permitted by the policy (> 0). */
  readonly value: number;
  /** Window the policy holds for (1-1800 s). */
  readonly periodSeconds: number;
}

/** Scaling rules for one direction (autoscaling/v2 HPAScalingRules). */
export interface HPAScalingRules {
  /** Window of past recommendations considered (0-3600 s). */
  readonly stabilizationWindowSeconds?: number;
  /** `Max`, `Min` or `Disabled`. @default "Max" */
  readonly selectPolicy?: string;
  readonly policies?: HPAScalingPolicy[];
  /** Ratio tolerance, a quantity such as `0.05` (alpha HPAConfigurableTolerance feature). */
  readonly tolerance?: number | string;
}

/** Scaling behaviour of the HPA KEDA manages (autoscaling/v2 HorizontalPodAutoscalerBehavior). */
export interface HorizontalPodAutoscalerBehavior {
  readonly scaleUp?: HPAScalingRules;
  readonly scaleDown?: HPAScalingRules;
}

/** Settings of the HPA KEDA creates. */
export interface HorizontalPodAutoscalerConfig {
  readonly behavior?: HorizontalPodAutoscalerBehavior;
  /** Name of the HPA. @default "keda-hpa-<scaledobject>" */
  readonly name?: string;
}

/** Scales on a formula over the triggers' metrics (the triggers need names). */
export interface ScalingModifiers {
  /** Expression over trigger names, e.g. `queue0 + queue1`. */
  readonly formula?: string;
  /** Target value of the formula, as a string. */
  readonly target?: string;
  readonly activationTarget?: string;
  readonly metricType?: "AverageValue" | "Value";
}

/** Advanced scaling options. */
export interface AdvancedConfig {
  readonly horizontalPodAutoscalerConfig?: HorizontalPodAutoscalerConfig;
  /** Restore the target's replica count when the ScaledObject is deleted. */
  readonly restoreToOriginalReplicaCount?: boolean;
  readonly scalingModifiers?: ScalingModifiers;
}

/** Replicas used while a trigger keeps failing. */
export interface Fallback {
  /** Consecutive failures before falling back. */
  readonly failureThreshold: number;
  readonly replicas: number;
  /** @default "static" */
  readonly behavior?: "static" | "currentReplicas" | "currentReplicasIfHigher" | "currentReplicasIfLower" | "scalingModifiers";
}

/** The object scaled (a Deployment unless `apiVersion`/`kind` say otherwise). */
export interface ScaleTarget {
  readonly name: string;
  /** @default "apps/v1" */
  readonly apiVersion?: string;
  /** @default "Deployment" */
  readonly kind?: string;
  /** Container whose environment the triggers may read. */
  readonly envSourceContainerName?: string;
}

/** The TriggerAuthentication (or ClusterTriggerAuthentication) a trigger authenticates with. */
export interface AuthenticationRef {
  readonly name: string;
  /** @default "TriggerAuthentication" */
  readonly kind?: "TriggerAuthentication" | "ClusterTriggerAuthentication";
}

/** A scaler and its parameters. */
export interface ScaleTrigger {
  /** Scaler type, e.g. `redis`. */
  readonly type: string;
  /** Name used in `scalingModifiers.formula`. */
  readonly name?: string;
  /** Scaler parameters. */
  readonly metadata: { readonly [key: string]: string };
  readonly authenticationRef?: AuthenticationRef;
  /** `AverageValue` (default for most scalers), `Value` or `Utilization`. */
  readonly metricType?: string;
  /** Serve the HPA the last polled value instead of querying the scaler again. */
  readonly useCachedMetrics?: boolean;
}

/** Parameters of KEDA's `redis` (list length) scaler; every value is a string. */
export type RedisListMetadata = {
  /** `host:port`; or `host` and `port`. */
  readonly address?: string;
  readonly host?: string;
  readonly port?: string;
  /** Environment variable of the target container holding the address. */
  readonly addressFromEnv?: string;
  readonly username?: string;
  readonly usernameFromEnv?: string;
  /** Prefer a TriggerAuthentication `password` parameter. */
  readonly passwordFromEnv?: string;
  /** The list whose length is read. */
  readonly listName: string;
  /** Target list length per replica. @default "5" */
  readonly listLength?: string;
  /** Length above which the target is activated (scaled from 0). @default "0" */
  readonly activationListLength?: string;
  /** @default "0" */
  readonly databaseIndex?: string;
  /** "true" for TLS. */
  readonly enableTLS?: string;
  /** Skip TLS certificate verification. @default "false" */
  readonly unsafeSsl?: string;
};

/** A `redis` list-length trigger. */
export interface RedisListTrigger extends ScaleTrigger {
  readonly type: "redis";
  readonly metadata: RedisListMetadata;
}

/**
 * Desired state of a ScaledObject. `T` narrows the triggers to the scalers a program uses, so
 * their metadata keys are checked too.
 */
export interface ScaledObjectSpec<T extends ScaleTrigger = ScaleTrigger> {
  readonly scaleTargetRef: ScaleTarget;
  /** Seconds between trigger polls (>= 1). @default 30 */
  readonly pollingInterval?: number;
  /** Seconds after the last active trigger before scaling to 0. @default 300 */
  readonly cooldownPeriod?: number;
  /** Seconds after creation before the first scale to 0. @default 0 */
  readonly initialCooldownPeriod?: number;
  /** Replicas while no trigger is active (must be below `minReplicaCount`). */
  readonly idleReplicaCount?: number;
  /** @default 0 */
  readonly minReplicaCount?: number;
  /** @default 100 */
  readonly maxReplicaCount?: number;
  readonly advanced?: AdvancedConfig;
  /** At least one. */
  readonly triggers: T[];
  readonly fallback?: Fallback;
}

/** KEDA ScaledObject: scales a Deployment on external metrics (an HPA KEDA manages). */
export interface ScaledObject<T extends ScaleTrigger = ScaleTrigger> {
  readonly apiVersion: "keda.sh/v1alpha1";
  readonly kind: "ScaledObject";
  readonly spec: ScaledObjectSpec<T>;
}

/** A trigger parameter read from a Secret or ConfigMap key in the same namespace. */
export interface AuthTargetRef {
  /** Trigger parameter name, e.g. `password`. */
  readonly parameter: string;
  readonly name: string;
  readonly key: string;
}

/** A trigger parameter read from an environment variable of the scale target's container. */
export interface AuthEnvironment {
  readonly parameter: string;
  readonly name: string;
  readonly containerName?: string;
}

/** Platform identity KEDA authenticates with. */
export interface AuthPodIdentity {
  readonly provider: "azure-workload" | "gcp" | "aws" | "aws-eks" | "none";
  /** Client ID of the identity (azure-workload). */
  readonly identityId?: string;
  /** Tenant of the identity; needs `identityId`. */
  readonly identityTenantId?: string;
  /** Authority host; needs `identityTenantId`. */
  readonly identityAuthorityHost?: string;
  /** AWS role to assume (exclusive with `identityOwner`). */
  readonly roleArn?: string;
  /** AWS: whose identity is used in auto discovery. */
  readonly identityOwner?: "keda" | "workload";
  /** AWS external ID when assuming `roleArn`. */
  readonly externalID?: string;
}

/** A trigger parameter from a Key Vault secret. */
export interface AzureKeyVaultSecret {
  readonly parameter: string;
  readonly name: string;
  readonly version?: string;
}

/** Trigger parameters read from Azure Key Vault (with a pod identity here; credentials are not typed). */
export interface AzureKeyVault {
  readonly vaultUri: string;
  readonly secrets: AzureKeyVaultSecret[];
  readonly podIdentity?: AuthPodIdentity;
}

/**
 * Desired state of a TriggerAuthentication: where trigger parameters come from. The CRD's
 * other external stores (awsSecretManager, gcpSecretManager, hashiCorpVault, oauth2,
 * azureServicePrincipal, Key Vault `credentials`/`cloud`) are not typed: add them when used.
 */
export interface TriggerAuthenticationSpec {
  readonly secretTargetRef?: AuthTargetRef[];
  readonly configMapTargetRef?: AuthTargetRef[];
  readonly env?: AuthEnvironment[];
  readonly podIdentity?: AuthPodIdentity;
  /** Parameters holding a token of this service account. */
  readonly boundServiceAccountToken?: { readonly parameter: string; readonly serviceAccountName: string }[];
  /** File (JSON map of strings) holding the parameters. */
  readonly filePath?: string;
  readonly azureKeyVault?: AzureKeyVault;
}

/** KEDA TriggerAuthentication: credentials of a scaler, referenced by `authenticationRef`. */
export interface TriggerAuthentication {
  readonly apiVersion: "keda.sh/v1alpha1";
  readonly kind: "TriggerAuthentication";
  readonly spec: TriggerAuthenticationSpec;
}

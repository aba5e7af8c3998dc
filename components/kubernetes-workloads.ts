import * as pulumi from "@pulumi/pulumi";
import { createHash } from "node:crypto";
import { ApiDeployment, type ApiSurfaceArgs } from "./api-deployment";
import { ApiRoute, type HealthCheckArgs } from "./api-route";
import { AppConfigurationSync } from "./app-configuration-sync";
import type { AzureSide } from "./azure-platform";
import { CeleryWorkers, type WorkerPoolArgs } from "./celery-workers";
import { NamespaceNetworkPolicies, type EgressAllowance } from "./network-policies";
import type { AutoscalingArgs, KedaRedisArgs } from "./lib/scaling";
import type { SpreadArgs } from "./lib/pod";
import { DataHubExporter, type DataHubExporterArgs } from "./datahub-exporter";
import { EXPORTER_SETTINGS, SHARED_SETTINGS } from "./lib/constants";
import { typeToken } from "./lib/naming";
import type { ProbeTimings } from "./lib/pod";
import { takeOwnership } from "./lib/ownership";
import type { Topology } from "./lib/topology";
import { WorkloadNamespace, type SettingsBundle } from "./workload-namespace";

/** Settings shared by the API and the workers. */
export interface SharedSettingsArgs {
  /** `false`: the ConfigMap/Secret exist already and are left alone. */
  readonly create: boolean;
  readonly values: Readonly<Record<string, string>>;
  /** Secret entries (a Pulumi secret); undefined when there are none. */
  readonly secrets?: pulumi.Input<Record<string, string>>;
}

export interface KubernetesWorkloadsArgs {
  /** Full image reference. */
  readonly image: string;
  readonly imagePullPolicy: "IfNotPresent" | "Always";
  /** Image tag (`app.kubernetes.io/version`). */
  readonly version: string;
  readonly runAsUser: number;
  /** Namespaces and service accounts. */
  readonly topology: Topology;
  /** Identities, tenant and App Configuration endpoint. */
  readonly azure: AzureSide;
  readonly settings: SharedSettingsArgs;
  readonly api: {
    readonly replicas: number;
    readonly nodePool: string;
    readonly execution: ApiSurfaceArgs;
    readonly management: ApiSurfaceArgs;
    readonly readinessProbe: ProbeTimings;
    readonly livenessProbe: ProbeTimings;
    readonly startupProbe: ProbeTimings;
    readonly preStopSleepSeconds: number;
    readonly terminationGracePeriodSeconds: number;
    /** The gateway's source ranges, trusted for `X-Forwarded-*`. */
    readonly forwardedAllowIps: readonly string[];
    readonly autoscaling: AutoscalingArgs;
    readonly disruptionBudget: { readonly enabled: boolean; readonly maxUnavailable: number };
    readonly topologySpread: SpreadArgs;
  };
  readonly workerPools: readonly WorkerPoolArgs[];
  /** Redis for KEDA scalers. @default none */
  readonly keda?: KedaRedisArgs;
  /** Network policies; omitted = none. */
  readonly networkPolicy?: {
    readonly gatewayNamespaces: readonly string[];
    readonly gatewayCidrs: readonly string[];
    readonly broker: { readonly cidrs: readonly string[]; readonly port: number };
    readonly azureCidrs: readonly string[];
    readonly exporterEgress: readonly EgressAllowance[];
  };
  /** Omitted when the exporter is disabled. */
  readonly exporter?: Omit<DataHubExporterArgs, "namespace" | "serviceAccountName" | "image" | "imagePullPolicy" | "version" | "runAsUser"> & {
    /** `false`: its ConfigMap/Secret exist already. */
    readonly createConfig: boolean;
    readonly args: Readonly<Record<string, string>>;
    /** Secret entries (a Pulumi secret); undefined when there are none. */
    readonly secrets?: pulumi.Input<Record<string, string>>;
  };
  readonly routing: {
    readonly hostnames: readonly string[];
    readonly gateway: { readonly name: string; readonly namespace: string; readonly sectionName: string };
    readonly healthCheck: HealthCheckArgs;
  };
  readonly appConfiguration: { readonly label: string; readonly keyPrefix: string; readonly refreshInterval: string; readonly waitForSync: boolean };
}

/**
 * A pod-template annotation that changes whenever the settings do, so pods roll on a change.
 * Secret entries contribute their names only: a hash of a secret value would sit in plain text
 * in the state and in every diff, and a secret input would turn the whole pod spec into
 * `[secret]` in previews. Rotating a secret value therefore needs a rollout restart
 * (docs/operations.md).
 */
function checksum(values: Readonly<Record<string, string>>, secrets: pulumi.Input<Record<string, string>> | undefined): pulumi.Output<string> {
  return pulumi.unsecret(pulumi.output(secrets ?? {}).apply((s) => {
    const canonical = JSON.stringify([Object.keys(values).sort().map((k) => [k, values[k]]), Object.keys(s).sort()]);
    return createHash("sha256").update(canonical).digest("hex");
  }));
}

/**
 * Everything the program deploys into the cluster: the owned namespaces with their service
 * accounts and settings, the API with its Services and route, the workers in the active
 * colour, the App Configuration sync and, when enabled, the exporter.
 */
export class KubernetesWorkloads extends pulumi.ComponentResource {
  public readonly appsNamespace: pulumi.Output<string>;
  public readonly workersNamespace: pulumi.Output<string>;
  /** Undefined when the exporter is disabled. */
  public readonly exporterNamespace?: pulumi.Output<string>;

  constructor(name: string, args: KubernetesWorkloadsArgs, opts?: pulumi.ComponentResourceOptions) {
    super(typeToken("kubernetes", "KubernetesWorkloads"), name, {}, { ...opts, transformations: [...(opts?.transformations ?? []), takeOwnership] });
    const t = args.topology;
    const identity = (kind: "apps" | "workers" | "exporter") => {
      const ref = args.azure.identities[kind];
      if (!ref) throw new pulumi.ResourceError(`no identity for the ${kind} workload`, this);
      return ref.clientId;
    };
    const shared: SettingsBundle[] = args.settings.create
      ? [{
          id: "settings",
          configMapName: SHARED_SETTINGS.configMapName,
          data: { ...args.settings.values },
          secretName: SHARED_SETTINGS.secretName,
          ...(args.settings.secrets !== undefined ? { secretData: args.settings.secrets } : {}),
        }]
      : [];
    const podAnnotations: Record<string, pulumi.Input<string>> = args.settings.create
      ? { "pulse-os/settings-checksum": checksum(args.settings.values, args.settings.secrets) }
      : {};
    const common = { image: args.image, imagePullPolicy: args.imagePullPolicy, version: args.version, runAsUser: args.runAsUser };

    const apps = new WorkloadNamespace("apps", {
      namespace: t.apps.namespace,
      serviceAccountName: t.apps.serviceAccount,
      clientId: identity("apps"),
      tenantId: args.azure.tenantId,
      settings: shared,
    }, { parent: this });
    this.appsNamespace = apps.namespace;

    const api = new ApiDeployment("api", {
      ...common,
      namespace: apps.namespace,
      serviceAccountName: apps.serviceAccountName,
      ...args.api,
      podAnnotations,
    }, { parent: this, dependsOn: apps.ready });

    new ApiRoute("api-route", {
      namespace: apps.namespace,
      hostnames: args.routing.hostnames,
      gateway: args.routing.gateway,
      services: api.services,
      healthCheck: args.routing.healthCheck,
    }, { parent: this, dependsOn: [api] });

    const np = args.networkPolicy;
    const azureEgress: EgressAllowance[] = np ? [{ cidrs: np.azureCidrs, ports: [443] }] : [];
    const brokerEgress: EgressAllowance[] = np ? [{ cidrs: np.broker.cidrs, ports: [np.broker.port] }] : [];
    if (np) {
      new NamespaceNetworkPolicies(`${t.apps.namespace}-netpol`, {
        namespace: apps.namespace,
        ingress: [{ namespaces: np.gatewayNamespaces, cidrs: np.gatewayCidrs, ports: [args.api.execution.port, args.api.management.port] }],
        egress: [...brokerEgress, ...azureEgress],
      }, { parent: this });
    }

    // Worker objects are keyed by their namespace (i.e. colour): a cutover creates the new
    // colour's objects next to the old ones instead of renaming them in place.
    const workerColor = (placement: typeof t.workers) => {
      const ns = new WorkloadNamespace(placement.namespace, {
        namespace: placement.namespace,
        serviceAccountName: placement.serviceAccount,
        clientId: identity("workers"),
        tenantId: args.azure.tenantId,
        settings: shared,
        drainSeconds: Math.max(...args.workerPools.map((p) => p.terminationGracePeriodSeconds)),
      }, { parent: this });
      if (np) {
        new NamespaceNetworkPolicies(`${placement.namespace}-netpol`, { namespace: ns.namespace, egress: [...brokerEgress, ...azureEgress] }, { parent: this });
      }
      return ns;
    };

    const workers = workerColor(t.workers);
    this.workersNamespace = workers.namespace;

    const sync = new AppConfigurationSync("appconfig-sync", {
      namespace: workers.namespace,
      serviceAccountName: workers.serviceAccountName,
      endpoint: args.azure.appConfigurationEndpoint,
      ...args.appConfiguration,
    }, { parent: this, dependsOn: workers.ready });

    const active = new CeleryWorkers(t.workers.namespace, {
      ...common,
      namespace: workers.namespace,
      serviceAccountName: workers.serviceAccountName,
      pools: args.workerPools,
      podAnnotations,
      ...(args.keda ? { keda: args.keda } : {}),
    }, { parent: this, dependsOn: [...workers.ready, sync] });

    if (t.drainingWorkers) {
      const old = workerColor(t.drainingWorkers);
      // Scaled to zero only once the active colour's Deployments are Ready.
      new CeleryWorkers(t.drainingWorkers.namespace, {
        ...common,
        namespace: old.namespace,
        serviceAccountName: old.serviceAccountName,
        pools: args.workerPools,
        podAnnotations,
        ...(args.keda ? { keda: args.keda } : {}),
        draining: true,
      }, { parent: this, dependsOn: [...old.ready, active] });
    }

    if (args.exporter && t.exporter) {
      const { createConfig, args: exporterArgs, secrets, ...cron } = args.exporter;
      const exporterNs = new WorkloadNamespace("exporter", {
        namespace: t.exporter.namespace,
        serviceAccountName: t.exporter.serviceAccount,
        clientId: identity("exporter"),
        tenantId: args.azure.tenantId,
        settings: createConfig
          ? [{ id: "args", configMapName: EXPORTER_SETTINGS.configMapName, data: { ...exporterArgs }, secretName: EXPORTER_SETTINGS.secretName, ...(secrets !== undefined ? { secretData: secrets } : {}) }]
          : [],
      }, { parent: this });
      this.exporterNamespace = exporterNs.namespace;
      if (np) {
        new NamespaceNetworkPolicies(`${t.exporter.namespace}-netpol`, {
          namespace: exporterNs.namespace,
          egress: [...azureEgress, ...np.exporterEgress],
        }, { parent: this });
      }
      new DataHubExporter("exporter", {
        ...common,
        ...cron,
        namespace: exporterNs.namespace,
        serviceAccountName: exporterNs.serviceAccountName,
      }, { parent: this, dependsOn: exporterNs.ready });
    }

    this.registerOutputs({ appsNamespace: this.appsNamespace, workersNamespace: this.workersNamespace });
  }
}

import * as pulumi from "@pulumi/pulumi";
import { DataHubExporter, type DataHubExporterArgs } from "./datahub-exporter";
import { movedFrom, requireKubernetesProvider } from "./lib/composition";
import { typeToken } from "./lib/naming";
import { NamespaceNetworkPolicies, type NamespaceNetworkPoliciesArgs } from "./network-policies";
import { WorkloadNamespace, type WorkloadNamespaceArgs } from "./workload-namespace";

export interface ExporterTierArgs {
  /** The exporter's namespace, service account and its arguments' ConfigMap/Secret. */
  readonly namespace: WorkloadNamespaceArgs;
  /** The CronJob; it runs in `namespace` as its service account. */
  readonly cronJob: Omit<DataHubExporterArgs, "namespace" | "serviceAccountName">;
  /** Default-deny plus the listed egress; omitted: no NetworkPolicies. */
  readonly networkPolicy?: Omit<NamespaceNetworkPoliciesArgs, "namespace">;
}

/** The DataHub exporter tier: its namespace, the CronJob and the namespace's NetworkPolicies. */
export class ExporterTier extends pulumi.ComponentResource {
  /** Namespace name, resolved once it exists. */
  public readonly namespace: pulumi.Output<string>;

  constructor(name: string, args: ExporterTierArgs, opts?: pulumi.ComponentResourceOptions) {
    super(typeToken("kubernetes", "ExporterTier"), name, {}, opts);
    requireKubernetesProvider(this, "ExporterTier");
    const ns = args.namespace.namespace;
    // Before the tiers, these children sat directly under KubernetesWorkloads with these names.
    const namespace = new WorkloadNamespace(`${name}-namespace`, args.namespace, { parent: this, aliases: movedFrom(opts?.parent, "exporter") });
    this.namespace = namespace.namespace;

    if (args.networkPolicy) {
      new NamespaceNetworkPolicies(
        `${name}-netpol`,
        { ...args.networkPolicy, namespace: ns },
        { parent: this, dependsOn: [namespace], aliases: movedFrom(opts?.parent, `${ns}-netpol`) },
      );
    }

    new DataHubExporter(
      `${name}-cronjob`,
      {
        ...args.cronJob,
        namespace: ns,
        serviceAccountName: args.namespace.serviceAccountName,
      },
      { parent: this, dependsOn: namespace.ready, aliases: movedFrom(opts?.parent, "exporter") },
    );

    this.registerOutputs({ namespace: this.namespace });
  }
}

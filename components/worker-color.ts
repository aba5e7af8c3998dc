import * as pulumi from "@pulumi/pulumi";
import { AppConfigurationSync, type AppConfigurationSyncArgs } from "./app-configuration-sync";
import { CeleryWorkers, type CeleryWorkersArgs } from "./celery-workers";
import { movedFrom, requireKubernetesProvider } from "./lib/composition";
import { typeToken } from "./lib/naming";
import { NamespaceNetworkPolicies, type NamespaceNetworkPoliciesArgs } from "./network-policies";
import { WorkloadNamespace, type WorkloadNamespaceArgs } from "./workload-namespace";

export interface WorkerColorArgs {
  /** The colour's namespace (`workers-blue`, `workers-green`, …), service account and settings. */
  readonly namespace: WorkloadNamespaceArgs;
  /** The Celery pools; they run in `namespace` as its service account. */
  readonly workers: Omit<CeleryWorkersArgs, "namespace" | "serviceAccountName">;
  /**
   * The App Configuration sync into this namespace; the workers wait for its first sync.
   * Omitted for a draining colour (its pods are going away).
   */
  readonly appConfigurationSync?: Omit<AppConfigurationSyncArgs, "namespace" | "serviceAccountName">;
  /** Default-deny plus the listed egress; omitted: no NetworkPolicies. */
  readonly networkPolicy?: Omit<NamespaceNetworkPoliciesArgs, "namespace">;
}

/**
 * One colour of the blue/green workers: its namespace, the App Configuration sync (active colour
 * only), the Celery Deployments and the namespace's NetworkPolicies. Every object is keyed by the
 * colour's namespace, so a cutover creates the new colour next to the old one instead of
 * renaming objects in place.
 */
export class WorkerColor extends pulumi.ComponentResource {
  /** Namespace name, resolved once it exists. */
  public readonly namespace: pulumi.Output<string>;
  /** The Celery Deployments (another colour may wait for them). */
  public readonly workers: CeleryWorkers;

  constructor(name: string, args: WorkerColorArgs, opts?: pulumi.ComponentResourceOptions) {
    super(typeToken("kubernetes", "WorkerColor"), name, {}, opts);
    requireKubernetesProvider(this, "WorkerColor");
    const ns = args.namespace.namespace;
    const placement = { namespace: ns, serviceAccountName: args.namespace.serviceAccountName };
    // Before the tiers, these children sat directly under KubernetesWorkloads, named after the namespace.
    const namespace = new WorkloadNamespace(`${name}-namespace`, args.namespace, { parent: this, aliases: movedFrom(opts?.parent, ns) });
    this.namespace = namespace.namespace;

    if (args.networkPolicy) {
      new NamespaceNetworkPolicies(
        `${name}-netpol`,
        { ...args.networkPolicy, namespace: ns },
        { parent: this, dependsOn: [namespace], aliases: movedFrom(opts?.parent, `${ns}-netpol`) },
      );
    }

    const sync = args.appConfigurationSync
      ? [
          new AppConfigurationSync(
            `${name}-appconfig-sync`,
            { ...args.appConfigurationSync, ...placement },
            { parent: this, dependsOn: namespace.ready, aliases: movedFrom(opts?.parent, "appconfig-sync") },
          ),
        ]
      : [];

    this.workers = new CeleryWorkers(
      `${name}-celery`,
      { ...args.workers, ...placement },
      { parent: this, dependsOn: [...namespace.ready, ...sync], aliases: movedFrom(opts?.parent, ns) },
    );

    this.registerOutputs({ namespace: this.namespace });
  }
}

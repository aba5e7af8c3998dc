import * as pulumi from "@pulumi/pulumi";
import { ApiTier, type ApiTierArgs } from "./api-tier";
import { ExporterTier, type ExporterTierArgs } from "./exporter-tier";
import { requireKubernetesProvider } from "./lib/composition";
import { typeToken } from "./lib/naming";
import { takeOwnership } from "./lib/ownership";
import { WorkerColor, type WorkerColorArgs } from "./worker-color";

export interface KubernetesWorkloadsArgs {
  /** The API tier. */
  readonly api: ApiTierArgs;
  /** The active worker colour. */
  readonly workers: WorkerColorArgs;
  /** The colour being drained during a blue/green cutover (its pools at zero); omitted otherwise. */
  readonly drainingWorkers?: WorkerColorArgs;
  /** The DataHub exporter; omitted when it is disabled. */
  readonly exporter?: ExporterTierArgs;
}

/**
 * Everything the program deploys into the cluster, as three tiers: the API, the workers (one
 * component per colour) and the exporter. This component only composes them: it requires the
 * Kubernetes provider, takes ownership of every object (server-side apply force), and orders the
 * cutover (the draining colour scales to zero only once the active colour's Deployments are Ready).
 */
export class KubernetesWorkloads extends pulumi.ComponentResource {
  public readonly appsNamespace: pulumi.Output<string>;
  public readonly workersNamespace: pulumi.Output<string>;
  /** The draining colour's namespace during a cutover; undefined otherwise. */
  public readonly drainingWorkersNamespace?: pulumi.Output<string>;
  /** Undefined when the exporter is disabled. */
  public readonly exporterNamespace?: pulumi.Output<string>;

  constructor(name: string, args: KubernetesWorkloadsArgs, opts?: pulumi.ComponentResourceOptions) {
    super(typeToken("kubernetes", "KubernetesWorkloads"), name, {}, { ...opts, transformations: [...(opts?.transformations ?? []), takeOwnership] });
    requireKubernetesProvider(this, "KubernetesWorkloads");

    this.appsNamespace = new ApiTier(`${name}-api`, args.api, { parent: this }).namespace;

    const active = new WorkerColor(`${name}-${args.workers.namespace.namespace}`, args.workers, { parent: this });
    this.workersNamespace = active.namespace;
    if (args.drainingWorkers) {
      const draining = new WorkerColor(`${name}-${args.drainingWorkers.namespace.namespace}`, args.drainingWorkers, {
        parent: this,
        dependsOn: [active.workers],
      });
      this.drainingWorkersNamespace = draining.namespace;
    }

    if (args.exporter) {
      this.exporterNamespace = new ExporterTier(`${name}-exporter`, args.exporter, { parent: this }).namespace;
    }

    this.registerOutputs({ appsNamespace: this.appsNamespace, workersNamespace: this.workersNamespace });
  }
}

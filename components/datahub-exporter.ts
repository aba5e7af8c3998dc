import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { APP_DIR, EXPORTER_SETTINGS } from "./lib/constants";
import { podTemplateLabels, typeToken, workloadLabels, type WorkloadId } from "./lib/naming";
import { KUBERNETES_DEFAULT_GRACE_SECONDS, podSpec, type Resources } from "./lib/pod";
import type { WorkloadArgs } from "./lib/workload";

export interface DataHubExporterArgs extends WorkloadArgs {
  /** Cron schedule. */
  readonly schedule: string;
  /** IANA time zone; omitted: the controller's. */
  readonly timeZone?: string;
  /** AKS node pool. */
  readonly nodePool: string;
  readonly resources: Resources;
  readonly backoffLimit: number;
  readonly activeDeadlineSeconds: number;
  readonly startingDeadlineSeconds: number;
  readonly successfulJobsHistoryLimit: number;
  readonly failedJobsHistoryLimit: number;
  /** Arguments of `main_export.py` (`$(NAME)` expanded from its ConfigMap/Secret). */
  readonly arguments: readonly string[];
}

/**
 * The DataHub exporter: a CronJob running `main_export.py` with its arguments from
 * `configmap-datahub-exporter` / `secret-datahub-exporter`, never two runs at once.
 */
export class DataHubExporter extends pulumi.ComponentResource {
  /** CronJob name. */
  public readonly cronJobName: pulumi.Output<string>;

  constructor(name: string, args: DataHubExporterArgs, opts?: pulumi.ComponentResourceOptions) {
    super(typeToken("workload", "DataHubExporter"), name, {}, opts);
    const id: WorkloadId = { component: "exporter", instance: "datahub-exporter" };
    const cronJob = new k8s.batch.v1.CronJob(
      name,
      {
        metadata: { name: "datahub-exporter", namespace: args.namespace, labels: workloadLabels(id, args.version) },
        spec: {
          schedule: args.schedule,
          ...(args.timeZone !== undefined ? { timeZone: args.timeZone } : {}),
          concurrencyPolicy: "Forbid",
          startingDeadlineSeconds: args.startingDeadlineSeconds,
          successfulJobsHistoryLimit: args.successfulJobsHistoryLimit,
          failedJobsHistoryLimit: args.failedJobsHistoryLimit,
          jobTemplate: {
            metadata: { labels: workloadLabels(id, args.version) },
            spec: {
              backoffLimit: args.backoffLimit,
              activeDeadlineSeconds: args.activeDeadlineSeconds,
              template: {
                metadata: { labels: podTemplateLabels(id, args.version) },
                spec: podSpec({
                  serviceAccountName: args.serviceAccountName,
                  runAsUser: args.runAsUser,
                  placement: { nodePool: args.nodePool },
                  restartPolicy: "Never",
                  terminationGracePeriodSeconds: KUBERNETES_DEFAULT_GRACE_SECONDS,
                  containers: [
                    {
                      name: "exporter",
                      image: args.image,
                      imagePullPolicy: args.imagePullPolicy,
                      command: ["python", `${APP_DIR}/main_export.py`],
                      args: args.arguments,
                      envFrom: { configMaps: [EXPORTER_SETTINGS.configMapName], secrets: [EXPORTER_SETTINGS.secretName] },
                      resources: args.resources,
                    },
                  ],
                }),
              },
            },
          },
        },
      },
      { parent: this },
    );
    this.cronJobName = cronJob.metadata.name;
    this.registerOutputs({ cronJobName: this.cronJobName });
  }
}

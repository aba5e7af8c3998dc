import type * as pulumi from "@pulumi/pulumi";

/** What every workload component (API, workers, exporter) needs to build its pods. */
export interface WorkloadArgs {
  /** Namespace (an Output of the Namespace, so the workload waits for it). */
  readonly namespace: pulumi.Input<string>;
  /** The workload-identity service account the pods run as. */
  readonly serviceAccountName: pulumi.Input<string>;
  /** `<registry>/<repository>:<tag>[@digest]`. */
  readonly image: string;
  /** @default "Always" */
  readonly imagePullPolicy?: "IfNotPresent" | "Always";
  /** Image tag, used as `app.kubernetes.io/version`. */
  readonly version: string;
  /** Non-root UID/GID of every container. */
  readonly runAsUser: number;
}

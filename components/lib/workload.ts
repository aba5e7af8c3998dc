import type * as pulumi from "@pulumi/pulumi";

/** The image every workload runs and the user it runs as. */
export interface WorkloadImage {
  /** `<registry>/<repository>:<tag>[@digest]`. */
  readonly image: string;
  readonly imagePullPolicy: "IfNotPresent" | "Always";
  /** Image tag, used as `app.kubernetes.io/version`. */
  readonly version: string;
  /** Non-root UID/GID of every container. */
  readonly runAsUser: number;
}

/** What every workload component (API, workers, exporter) needs to build its pods. */
export interface WorkloadArgs extends WorkloadImage {
  /** Namespace name (a plain string: the pod spec stays known in previews). */
  readonly namespace: pulumi.Input<string>;
  /** The workload-identity service account the pods run as. */
  readonly serviceAccountName: pulumi.Input<string>;
}

import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { POD_SECURITY_LEVEL, WORKLOAD_IDENTITY } from "./lib/constants";
import { commonLabels, typeToken } from "./lib/naming";
import { drainTimeouts } from "./lib/timeouts";

/** A ConfigMap + Secret pair consumed through `envFrom`. */
export interface SettingsBundle {
  /** Logical-name suffix (stable: part of the URN). */
  readonly id: string;
  readonly configMapName: string;
  readonly data: Readonly<Record<string, string>>;
  readonly secretName: string;
  /**
   * Secret entries; keep them a Pulumi secret. Omitted when there are none: the Secret is then
   * created without `stringData` (an empty `stringData` is write-only on the server, so every
   * preview would propose to add it again).
   */
  readonly secretData?: pulumi.Input<Record<string, string>>;
}

export interface WorkloadNamespaceArgs {
  /** Namespace name (DNS-1123 label). */
  readonly namespace: string;
  /** Service account of the namespace's workload. */
  readonly serviceAccountName: string;
  /** Client ID of the workload's user-assigned identity. */
  readonly clientId: pulumi.Input<string>;
  /** Entra tenant of the identity. */
  readonly tenantId: pulumi.Input<string>;
  /** Settings the workload reads; omitted or empty when they exist already. */
  readonly settings?: readonly SettingsBundle[];
  /**
   * Longest grace period of the namespace's pods: deleting the namespace waits for them to
   * drain, so its delete timeout is derived from it. Omitted: the provider's timeout.
   */
  readonly drainSeconds?: number;
}

/**
 * A namespace the program owns: Pod Security Admission `restricted` (enforced, audited and
 * warned), the workload's service account annotated for Entra Workload ID, and optionally its
 * settings. Workloads depend on {@link ready} so the service account exists before any pod
 * (the workload-identity webhook rejects pods whose service account is missing).
 */
export class WorkloadNamespace extends pulumi.ComponentResource {
  /** Namespace name, resolved once the namespace exists. */
  public readonly namespace: pulumi.Output<string>;
  /** Service account name, resolved once it exists. */
  public readonly serviceAccountName: pulumi.Output<string>;
  /** Objects a workload in this namespace must wait for. */
  public readonly ready: pulumi.Resource[];

  constructor(name: string, args: WorkloadNamespaceArgs, opts?: pulumi.ComponentResourceOptions) {
    super(typeToken("workload", "WorkloadNamespace"), name, {}, opts);
    const labels = commonLabels();
    const ns = new k8s.core.v1.Namespace(
      name,
      {
        metadata: {
          name: args.namespace,
          labels: {
            ...labels,
            "pod-security.kubernetes.io/enforce": POD_SECURITY_LEVEL,
            "pod-security.kubernetes.io/enforce-version": "latest",
            "pod-security.kubernetes.io/audit": POD_SECURITY_LEVEL,
            "pod-security.kubernetes.io/warn": POD_SECURITY_LEVEL,
          },
        },
      },
      { parent: this, ...(args.drainSeconds !== undefined ? { customTimeouts: drainTimeouts(args.drainSeconds) } : {}) },
    );
    this.namespace = ns.metadata.name;

    const sa = new k8s.core.v1.ServiceAccount(
      `${name}-sa`,
      {
        metadata: {
          name: args.serviceAccountName,
          // Plain names (with an explicit dependency), so previews show them even before the namespace exists.
          namespace: args.namespace,
          labels,
          annotations: {
            [WORKLOAD_IDENTITY.clientIdAnnotation]: args.clientId,
            [WORKLOAD_IDENTITY.tenantIdAnnotation]: args.tenantId,
          },
        },
        // Pods mount the webhook's projected token, never the legacy API token.
        automountServiceAccountToken: false,
      },
      { parent: this, dependsOn: [ns] },
    );
    this.serviceAccountName = sa.metadata.name;
    this.ready = [sa];

    for (const bundle of args.settings ?? []) {
      const cm = new k8s.core.v1.ConfigMap(
        `${name}-${bundle.id}-config`,
        {
          metadata: { name: bundle.configMapName, namespace: args.namespace, labels },
          data: { ...bundle.data },
        },
        { parent: this, dependsOn: [ns] },
      );
      const secret = new k8s.core.v1.Secret(
        `${name}-${bundle.id}-secret`,
        {
          metadata: { name: bundle.secretName, namespace: args.namespace, labels },
          type: "Opaque",
          ...(bundle.secretData !== undefined ? { stringData: bundle.secretData } : {}),
        },
        { parent: this, dependsOn: [ns] },
      );
      this.ready.push(cm, secret);
    }

    this.registerOutputs({ namespace: this.namespace, serviceAccountName: this.serviceAccountName });
  }
}

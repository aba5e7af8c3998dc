/**
 * Where each workload runs: namespace and service account. Both the Azure side (federated
 * credential subjects) and the Kubernetes side (namespaces, service accounts, pods) read this,
 * so a subject can never point at a namespace the pods do not run in.
 */
import { SERVICE_ACCOUNTS, serviceAccountSubject, type WorkloadKind } from "./constants";
import { workerNamespaceName } from "./naming";

/** Namespace and service account of one workload. */
export interface WorkloadPlacement {
  readonly namespace: string;
  readonly serviceAccount: string;
  /** `system:serviceaccount:<namespace>:<serviceAccount>`. */
  readonly subject: string;
}

/** What the topology is derived from (a subset of the stack config). */
export interface TopologyInput {
  readonly namespaces: { readonly apps: string; readonly exporter: string; readonly workersPrefix: string };
  readonly workers: { readonly color: "blue" | "green"; readonly drainingColor?: "blue" | "green" | undefined };
  readonly exporter: { readonly enabled: boolean };
}

export type Topology = { readonly [K in Exclude<WorkloadKind, "exporter">]: WorkloadPlacement } & {
  /** Present only when the exporter is enabled. */
  readonly exporter?: WorkloadPlacement;
  /** The previous worker colour during a blue/green cutover (draining, scaled to zero). */
  readonly drainingWorkers?: WorkloadPlacement;
};

function placement(namespace: string, kind: WorkloadKind): WorkloadPlacement {
  const serviceAccount = SERVICE_ACCOUNTS[kind];
  return { namespace, serviceAccount, subject: serviceAccountSubject(namespace, serviceAccount) };
}

export function topology(cfg: TopologyInput): Topology {
  const draining = cfg.workers.drainingColor;
  return {
    apps: placement(cfg.namespaces.apps, "apps"),
    workers: placement(workerNamespaceName(cfg.namespaces.workersPrefix, cfg.workers.color), "workers"),
    ...(cfg.exporter.enabled ? { exporter: placement(cfg.namespaces.exporter, "exporter") } : {}),
    ...(draining !== undefined ? { drainingWorkers: placement(workerNamespaceName(cfg.namespaces.workersPrefix, draining), "workers") } : {}),
  };
}

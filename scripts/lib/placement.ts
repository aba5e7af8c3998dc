/**
 * Where the program's pods landed: one row per pod with its workload, node pool, zone and node.
 * Read from the cluster with kubectl (inspection only; the engine does every change).
 */
import { kubectlJson } from "./engine";

export interface PodPlacement {
  readonly namespace: string;
  /** `app.kubernetes.io/instance` of the pod (the workload's own name). */
  readonly workload: string;
  readonly pod: string;
  readonly ready: boolean;
  /** AKS agent pool of the node (`kubernetes.azure.com/agentpool`), "" when unscheduled. */
  readonly pool: string;
  /** `topology.kubernetes.io/zone` of the node. */
  readonly zone: string;
  /** `kubernetes.azure.com/scalesetpriority` of the node (`spot` or ""). */
  readonly priority: string;
  readonly node: string;
}

/** The fields read here of `kubectl get -o json` lists of nodes and pods. */
interface KubeList<T> {
  readonly items: readonly T[];
}
interface KubeNode {
  readonly metadata: { readonly name: string; readonly labels?: Readonly<Record<string, string>> };
}
interface KubePod {
  readonly metadata: {
    readonly name: string;
    readonly namespace: string;
    readonly labels?: Readonly<Record<string, string>>;
    readonly deletionTimestamp?: string;
  };
  readonly spec: { readonly nodeName?: string };
  readonly status?: { readonly conditions?: readonly { readonly type: string; readonly status: string }[] };
}

/** Every live pod labelled `app.kubernetes.io/part-of=pulse-os`, sorted by namespace, workload, pod. */
export function podPlacements(): PodPlacement[] {
  const nodes = new Map<string, Readonly<Record<string, string>>>(
    kubectlJson<KubeList<KubeNode>>(["get", "nodes"]).items.map((n) => [n.metadata.name, n.metadata.labels ?? {}]),
  );
  const pods = kubectlJson<KubeList<KubePod>>(["get", "pods", "-A", "-l", "app.kubernetes.io/part-of=pulse-os"]).items.filter(
    (p) => !p.metadata.deletionTimestamp,
  );
  return pods
    .map((p): PodPlacement => {
      const nodeName = p.spec.nodeName ?? "";
      const labels = nodes.get(nodeName) ?? {};
      const ready = (p.status?.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True");
      return {
        namespace: p.metadata.namespace,
        workload: p.metadata.labels?.["app.kubernetes.io/instance"] ?? "",
        pod: p.metadata.name,
        ready,
        pool: labels["kubernetes.azure.com/agentpool"] ?? "",
        zone: labels["topology.kubernetes.io/zone"] ?? "",
        priority: labels["kubernetes.azure.com/scalesetpriority"] ?? "",
        node: nodeName,
      };
    })
    .sort((a, b) => `${a.namespace}/${a.workload}/${a.pod}`.localeCompare(`${b.namespace}/${b.workload}/${b.pod}`));
}

/** A plain-text table (fixed-width columns) of the rows. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

export function placementTable(rows: readonly PodPlacement[]): string {
  return table(
    ["NAMESPACE", "WORKLOAD", "POD", "READY", "POOL", "ZONE", "NODE"],
    rows.map((r) => [r.namespace, r.workload, r.pod, r.ready ? "yes" : "no", r.pool + (r.priority === "spot" ? " (spot)" : ""), r.zone, r.node]),
  );
}

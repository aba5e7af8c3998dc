/**
 * Records every change of the worker Deployments' desired and ready replicas, as the API server
 * reports them (a kubectl watch): an ordered event log, so "green was Ready before blue scaled to
 * zero" and "never zero Ready workers" are judged on the real sequence, not on samples taken at
 * some polling rate.
 */
import { spawn } from "node:child_process";
import * as path from "node:path";
import { CLUSTER_KUBECONFIG, TOOLCHAIN_BIN } from "../../../scripts/lib/engine";

export interface ReplicaEvent {
  readonly namespace: string;
  readonly name: string;
  /** `spec.replicas`. */
  readonly desired: number;
  /** `status.readyReplicas` (0 when absent). */
  readonly ready: number;
}

export interface ReadinessWatch {
  /** Resolves once the watch has listed the Deployments that exist (before any change is made). */
  readonly started: Promise<void>;
  stop(): void;
  events(): readonly ReplicaEvent[];
  /** Indexes of the events after which no worker Deployment had a Ready replica. */
  momentsWithoutReadyWorkers(): number[];
}

const TEMPLATE = '{.metadata.namespace} {.metadata.name} {.spec.replicas} {.status.readyReplicas}{"\\n"}';

export function watchWorkerReadiness(namespaces: readonly string[]): ReadinessWatch {
  const log: ReplicaEvent[] = [];
  const child = spawn(
    path.join(TOOLCHAIN_BIN, "kubectl"),
    ["get", "deployments", "-A", "-l", "app.kubernetes.io/component=worker", "--watch", "-o", `jsonpath=${TEMPLATE}`],
    { env: { ...process.env, KUBECONFIG: CLUSTER_KUBECONFIG }, stdio: ["ignore", "pipe", "ignore"] },
  );
  let buffer = "";
  let markStarted: () => void = () => undefined;
  const started = new Promise<void>((resolve) => (markStarted = resolve));
  child.stdout.on("data", (chunk: Buffer) => {
    buffer += chunk.toString("utf8");
    let nl: number;
    while ((nl = buffer.indexOf("\n")) >= 0) {
      const [namespace, name, desired, ready] = buffer.slice(0, nl).trim().split(/\s+/);
      buffer = buffer.slice(nl + 1);
      if (namespace === undefined || name === undefined || !namespaces.includes(namespace)) continue;
      log.push({ namespace, name, desired: Number(desired ?? 0) || 0, ready: Number(ready ?? 0) || 0 });
      markStarted();
    }
  });
  return {
    started,
    stop: () => child.kill(),
    events: () => [...log],
    momentsWithoutReadyWorkers: () => {
      const latest = new Map<string, number>();
      const empty: number[] = [];
      log.forEach((e, i) => {
        latest.set(`${e.namespace}/${e.name}`, e.ready);
        if ([...latest.values()].every((n) => n === 0)) empty.push(i);
      });
      return empty;
    },
  };
}

import type { MockRunResult } from "../../program/mock-runtime";
import { k8sObjects } from "./invariants";

/** dev's workers block, as in Pulumi.dev.yaml. */
export const devWorkers = { color: "blue", spot: true, spotNodePool: "spot", replicas: 1, concurrency: 2, maxTasksPerChild: 100 };

/** Every Kubernetes object of `kind` in a run. */
export const byKind = (r: MockRunResult, kind: string) => k8sObjects(r).filter((o) => o["kind"] === kind);

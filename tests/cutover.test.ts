/** Blue/green worker cutover under mocks: the draining colour, its credentials, its KEDA objects. */
import type { MockRunResult } from "../program/mock-runtime";
import { k8sObjects } from "./helpers/invariants";
import { k8sObject, runVariant, urnContract } from "./helpers/stack";
import { byKind, devWorkers } from "./helpers/variants";

describe("blue/green cutover", () => {
  let cutover: MockRunResult;
  let done: MockRunResult;
  beforeAll(async () => {
    cutover = await runVariant("dev", { workers: { ...devWorkers, color: "green", drainingColor: "blue" } });
    done = await runVariant("dev", { workers: { ...devWorkers, color: "green" } });
  });

  it("keeps the draining colour deployed but scaled to zero, without PDB or autoscaler", () => {
    expect(k8sObject(cutover, "Deployment", "worker", "workers-green")["spec"].replicas).toBe(1);
    expect(k8sObject(cutover, "Deployment", "worker", "workers-blue")["spec"].replicas).toBe(0);
    expect(byKind(cutover, "PodDisruptionBudget").map((p) => p["metadata"].namespace)).toEqual(["apps", "workers-green"]);
  });

  it("keeps both federated credentials during the cutover, and only the active one after", () => {
    const subjects = (r: MockRunResult) =>
      r.resources
        .filter((x) => x.type === "azure-native:managedidentity:FederatedIdentityCredential" && x.name.startsWith("azure-workers-"))
        .map((x) => x.inputs["subject"])
        .sort();
    expect(subjects(cutover)).toEqual([
      "system:serviceaccount:workers-blue:sa-workers-workloadidentity",
      "system:serviceaccount:workers-green:sa-workers-workloadidentity",
    ]);
    expect(subjects(done)).toEqual(["system:serviceaccount:workers-green:sa-workers-workloadidentity"]);
  });

  it("moves the App Configuration sync and the outputs to the active colour", () => {
    expect(byKind(cutover, "AzureAppConfigurationProvider").map((p) => p["metadata"].namespace)).toEqual(["workers-green"]);
    expect(cutover.outputs).toMatchObject({ activeWorkerColor: "green", workersNamespace: "workers-green" });
  });

  it("removes every object of the old colour when the draining colour is dropped", () => {
    const blue = (r: MockRunResult) => k8sObjects(r).filter((o) => o["metadata"].namespace === "workers-blue" || o["metadata"].name === "workers-blue");
    expect(blue(cutover).length).toBeGreaterThan(5);
    expect(blue(done)).toEqual([]);
  });

  it("keys worker objects by colour, so a cutover creates the new colour beside the old instead of renaming it", () => {
    const urns = urnContract(cutover.resources).filter((u) => u.includes("workers-"));
    expect(urns).toEqual(
      expect.arrayContaining([
        "kubernetes:apps/v1:Deployment::pulse-os-workers-blue-celery-worker",
        "kubernetes:apps/v1:Deployment::pulse-os-workers-green-celery-worker",
        "kubernetes:core/v1:Namespace::pulse-os-workers-blue-namespace",
        "kubernetes:core/v1:Namespace::pulse-os-workers-green-namespace",
      ]),
    );
  });
});

describe("a KEDA-scaled colour during a cutover", () => {
  let active: MockRunResult;
  let cutover: MockRunResult;
  const kedaWorkers = {
    ...devWorkers,
    timeLimitSeconds: 25,
    keda: { address: "redis.example.com:6380" },
    autoscaling: { mode: "keda", minReplicas: 1, maxReplicas: 10 },
  };
  beforeAll(async () => {
    active = await runVariant("dev", { workers: kedaWorkers });
    cutover = await runVariant("dev", { workers: { ...kedaWorkers, color: "green", drainingColor: "blue" } });
  });

  it("keeps the draining colour's ScaledObject, paused at zero, as an update of the same resource (KEDA cannot re-activate it before it is deleted)", () => {
    const urn = (r: MockRunResult) =>
      r.resources.find((x) => x.type === "kubernetes:keda.sh/v1alpha1:ScaledObject" && x.inputs["metadata"].namespace === "workers-blue")!;
    expect(urn(active).name).toBe(urn(cutover).name);
    expect(urn(active).inputs["metadata"].annotations?.["autoscaling.keda.sh/paused-replicas"]).toBeUndefined();
    expect(urn(cutover).inputs["metadata"].annotations["autoscaling.keda.sh/paused-replicas"]).toBe("0");
    expect(k8sObject(cutover, "Deployment", "worker", "workers-blue")["spec"].replicas).toBe(0);
    expect(k8sObject(cutover, "ScaledObject", "worker", "workers-green")["metadata"].annotations?.["autoscaling.keda.sh/paused-replicas"]).toBeUndefined();
  });
});

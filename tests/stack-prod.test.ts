import type { MockRunResult } from "../program/mock-runtime";
import { describeStackInvariants } from "./helpers/invariants";
import { k8sObject, runStack } from "./helpers/stack";

let result: MockRunResult;
beforeAll(async () => {
  result = await runStack("prod");
});

describeStackInvariants(() => result);

describe("the prod stack (compared with dev)", () => {
  it("runs the workers green, in workers-green, on regular nodes: no spot toleration or affinity", () => {
    const worker = k8sObject(result, "Deployment", "worker", "workers-green");
    const spec = worker["spec"].template.spec;
    expect(spec.nodeSelector).toEqual({ "kubernetes.azure.com/agentpool": "workers" });
    expect(spec.tolerations).toBeUndefined();
    expect(spec.affinity).toBeUndefined();
    expect(result.outputs["activeWorkerColor"]).toBe("green");
    expect(result.outputs["workersNamespace"]).toBe("workers-green");
  });

  it("uses production sizes", () => {
    expect(k8sObject(result, "Deployment", "api", "apps")["spec"].replicas).toBe(3);
    const worker = k8sObject(result, "Deployment", "worker", "workers-green")["spec"];
    expect(worker.replicas).toBe(6);
    expect(worker.template.spec.terminationGracePeriodSeconds).toBe(960);
    expect(worker.template.spec.containers[0].resources).toEqual({ requests: { cpu: "500m", memory: "1536Mi" }, limits: { cpu: "1", memory: "2Gi" } });
    expect(worker.template.spec.containers[0].command).toEqual(expect.arrayContaining(["--time-limit=900", "--soft-time-limit=840"]));
  });

  it("federates the workers identity with workers-green, where its pods run", () => {
    const fic = result.resources.find((r) => r.type === "azure-native:managedidentity:FederatedIdentityCredential" && r.name.startsWith("azure-workers-"))!;
    expect(fic.name).toBe("azure-workers-workers-green");
    expect(fic.inputs["subject"]).toBe("system:serviceaccount:workers-green:sa-workers-workloadidentity");
  });

  it("schedules the exporter in the configured time zone", () => {
    expect(k8sObject(result, "CronJob", "datahub-exporter", "exporter")["spec"]).toMatchObject({ schedule: "0 2 * * *", timeZone: "Europe/Paris" });
  });
});

describe("the prod stack's stateful resources", () => {
  it("are protected (the store and the identities), and the store has purge protection", () => {
    const protectedNames = result.resources
      .filter((r) => r.protect)
      .map((r) => `${r.type}::${r.name}`)
      .sort();
    expect(protectedNames).toEqual([
      "azure-native:appconfiguration:ConfigurationStore::azure-appconfig",
      "azure-native:managedidentity:UserAssignedIdentity::azure-apps",
      "azure-native:managedidentity:UserAssignedIdentity::azure-exporter",
      "azure-native:managedidentity:UserAssignedIdentity::azure-workers",
    ]);
    const store = result.resources.find((r) => r.type === "azure-native:appconfiguration:ConfigurationStore")!;
    expect(store.inputs["enablePurgeProtection"]).toBe(true);
  });
});

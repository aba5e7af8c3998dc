import type { MockRunResult } from "../program/mock-runtime";
import { describeStackInvariants } from "./helpers/invariants";
import { k8sObject, runStack } from "./helpers/stack";

let result: MockRunResult;
beforeAll(async () => {
  result = await runStack("local");
});

describeStackInvariants(() => result);

describe("the local stack (azure.mode external)", () => {
  it("creates nothing in Azure and calls no Azure function", () => {
    expect(result.resources.filter((r) => r.type.startsWith("azure-native:"))).toEqual([]);
    expect(result.invokes).toEqual([]);
  });

  it("annotates the service accounts with the client IDs and tenant from config", () => {
    const sa = k8sObject(result, "ServiceAccount", "sa-workers-workloadidentity", "workers-blue");
    expect(sa["metadata"].annotations).toEqual({
      "azure.workload.identity/client-id": "22222222-2222-2222-2222-222222222222",
      "azure.workload.identity/tenant-id": "00000000-0000-0000-0000-000000000000",
      "pulumi.com/patchForce": "true",
    });
  });

  it("uses the ambient kubeconfig with a stable cluster identifier", () => {
    const provider = result.resources.find((r) => r.type === "pulumi:providers:kubernetes")!;
    expect(provider.inputs["kubeconfig"]).toBeUndefined();
    expect(provider.inputs["clusterIdentifier"]).toBe("local-simulated-aks");
  });

  it("reports the endpoint from config and leaves out the principal IDs it does not know (no empty-string sentinel)", () => {
    expect(result.outputs["appConfigurationEndpoint"]).toBe("https://appcs-pulse-os-local.azconfig.io");
    expect(result.outputs["appsIdentityPrincipalId"]).toBeUndefined();
    expect(result.outputs["workersIdentityPrincipalId"]).toBeUndefined();
  });

  it("creates the Secrets without stringData when no secret entry is configured (an empty stringData is write-only on the server: every preview would propose it again)", () => {
    for (const [name, ns] of [
      ["secret-api-workers", "apps"],
      ["secret-api-workers", "workers-blue"],
      ["secret-datahub-exporter", "exporter"],
    ] as const) {
      expect(Object.keys(k8sObject(result, "Secret", name, ns))).not.toContain("stringData");
    }
  });

  it("lets the API and the workers reach the broker on the port of its URL (redis://…:6379), not on the default 6380", () => {
    for (const ns of ["apps", "workers-blue"]) {
      const ports = k8sObject(result, "NetworkPolicy", "allow-pulse-os", ns)["spec"].egress.flatMap((e: { ports: { port: number }[] }) =>
        e.ports.map((p) => p.port),
      );
      expect(ports).toContain(6379);
      expect(ports).not.toContain(6380);
    }
  });
});

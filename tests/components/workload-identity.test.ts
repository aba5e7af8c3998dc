import * as managedidentity from "@pulumi/azure-native/managedidentity";
import { recorded, promiseOf, settle } from "../helpers/mocks";
import { WorkloadIdentity } from "../../components/workload-identity";

const subject = (namespace: string) => ({ namespace, serviceAccount: "sa", subject: `system:serviceaccount:${namespace}:sa` });

describe("WorkloadIdentity", () => {
  it("creates one identity and one credential per subject, trusting the AKS issuer for the token-exchange audience", async () => {
    const from = recorded.length;
    const id = new WorkloadIdentity("wid", {
      resourceGroupName: "rg",
      location: "westeurope",
      identityName: "id-x",
      issuer: "https://issuer/",
      subjects: [subject("a"), subject("b")],
      tags: {},
      protect: false,
    });
    await settle();
    const mine = recorded.slice(from);
    expect(mine.map((r) => `${r.type}::${r.name}`)).toEqual([
      "pulse-os:identity:WorkloadIdentity::wid",
      "azure-native:managedidentity:UserAssignedIdentity::wid",
      "azure-native:managedidentity:FederatedIdentityCredential::wid-a",
      "azure-native:managedidentity:FederatedIdentityCredential::wid-b",
    ]);
    expect(mine[2]!.inputs).toEqual({
      resourceGroupName: "rg",
      resourceName: "id-x",
      federatedIdentityCredentialResourceName: "a-sa",
      issuer: "https://issuer/",
      subject: "system:serviceaccount:a:sa",
      audiences: ["api://AzureADTokenExchange"],
    });
    expect(await promiseOf(id.clientId)).toBe("client-wid");
    expect(await promiseOf(id.principalId)).toBe("principal-wid");
  });

  it("creates the credentials of one identity one after another (Azure rejects parallel writes with 409)", () => {
    const Original = managedidentity.FederatedIdentityCredential;
    const spy = jest
      .spyOn(managedidentity, "FederatedIdentityCredential")
      .mockImplementation((...args: ConstructorParameters<typeof Original>) => new Original(...args));
    new WorkloadIdentity("chain", {
      resourceGroupName: "rg",
      location: "westeurope",
      identityName: "id-c",
      issuer: "https://issuer/",
      subjects: [subject("a"), subject("b"), subject("c")],
      tags: {},
      protect: false,
    });
    const deps = spy.mock.calls.map((call) => (call[2]?.dependsOn as unknown[]) ?? []);
    expect(deps[0]).toEqual([]);
    expect(deps[1]).toEqual([spy.mock.results[0]!.value]);
    expect(deps[2]).toEqual([spy.mock.results[1]!.value]);
    spy.mockRestore();
  });

  it("refuses more than 20 credentials on one identity", () => {
    const subjects = Array.from({ length: 21 }, (_, i) => subject(`ns${i}`));
    expect(
      () =>
        new WorkloadIdentity("many", {
          resourceGroupName: "rg",
          location: "westeurope",
          identityName: "id-m",
          issuer: "https://issuer/",
          subjects,
          tags: {},
          protect: false,
        }),
    ).toThrow("'subjects' allows at most 20 federated credentials per identity, got 21");
  });
});

import { recorded, promiseOf, settle } from "../helpers/mocks";
import { AppConfigurationStore, keyValueResourceName, type AppConfigurationStoreArgs } from "../../components/app-configuration-store";

const base: AppConfigurationStoreArgs = {
  mode: "create",
  resourceGroupName: "rg",
  location: "westeurope",
  storeName: "appcs-x",
  sku: "standard",
  label: "lbl",
  keyValues: {},
  readers: [],
  tags: {},
  protect: false,
  purgeProtection: false,
};

describe("AppConfigurationStore", () => {
  it("creates a store without local auth, with pass-through data-plane auth and the given SKU", async () => {
    const from = recorded.length;
    const store = new AppConfigurationStore("appcs", base);
    await settle();
    const created = recorded.slice(from).find((r) => r.type === "azure-native:appconfiguration:ConfigurationStore")!;
    expect(created.inputs).toMatchObject({
      configStoreName: "appcs-x",
      sku: { name: "standard" },
      disableLocalAuth: true,
      publicNetworkAccess: "Enabled",
      dataPlaneProxy: { authenticationMode: "Pass-through", privateLinkDelegation: "Disabled" },
    });
    expect(created.inputs["enablePurgeProtection"]).toBe(false);
    expect(await promiseOf(store.endpoint)).toBe("https://appcs-x.azconfig.io");
  });

  it("turns purge protection on when asked", async () => {
    const from = recorded.length;
    new AppConfigurationStore("purge", { ...base, storeName: "appcs-p", purgeProtection: true });
    await settle();
    const created = recorded.slice(from).find((r) => r.type === "azure-native:appconfiguration:ConfigurationStore")!;
    expect(created.inputs).toMatchObject({ enablePurgeProtection: true });
  });

  it("writes each key-value as 'key$label', in key order, so nothing lands under the null label", async () => {
    const from = recorded.length;
    new AppConfigurationStore("kv", { ...base, storeName: "appcs-kv", label: "workers", keyValues: { "b:key": "2", "a/key": "1" } });
    await settle();
    const kvs = recorded.slice(from).filter((r) => r.type === "azure-native:appconfiguration:KeyValue");
    expect(kvs.map((r) => [r.name, r.inputs["keyValueName"], r.inputs["value"]])).toEqual([
      ["kv-kv-a_key", "a/key$workers", "1"],
      ["kv-kv-b_key", "b:key$workers", "2"],
    ]);
    expect(keyValueResourceName("kv", "Celery:Broker Url")).toBe("kv-kv-Celery_Broker_Url");
  });

  it("grants App Configuration Data Reader to each reader as a service principal", async () => {
    const from = recorded.length;
    new AppConfigurationStore("rbac", { ...base, mode: "existing", storeName: "appcs-old", label: "l", readers: [{ name: "workers", principalId: "p-1" }] });
    await settle();
    const role = recorded.slice(from).find((r) => r.type === "azure-native:authorization:RoleAssignment")!;
    expect(role.name).toBe("rbac-reader-workers");
    expect(role.inputs).toMatchObject({
      principalId: "p-1",
      principalType: "ServicePrincipal",
      scope: "/stores/appcs-old",
      roleDefinitionId: "/subscriptions/sub-1/providers/Microsoft.Authorization/roleDefinitions/516239f1-63e1-4d78-a4de-a74fb236a071",
    });
    expect(recorded.slice(from).some((r) => r.type === "azure-native:appconfiguration:ConfigurationStore")).toBe(false);
  });
});

import { appConfigLocalAuthDisabled } from "../policies/appconfig-local-auth-disabled";
import { roleAssignmentsAllowed } from "../policies/role-assignments-allowed";
import { runResourcePolicy, unknown } from "./helpers";
import { configurationStore, deployment, OWNER, READER, roleAssignment } from "./fixtures";

describe("role-assignments-allowed", () => {
  const policy = roleAssignmentsAllowed;

  it("passes App Configuration Data Reader (default allow-list)", async () => {
    expect(await runResourcePolicy(policy, roleAssignment(READER))).toEqual([]);
    expect(await runResourcePolicy(policy, roleAssignment(READER.toUpperCase()))).toEqual([]);
  });

  it("rejects any other role", async () => {
    expect(await runResourcePolicy(policy, roleAssignment(OWNER))).toEqual([
      `RoleAssignment azure-appconfig-reader-workers: roleDefinitionId "/subscriptions/sub/providers/Microsoft.Authorization/roleDefinitions/${OWNER}" grants role ${OWNER}, which is not allowed (allowed: ${READER} (App Configuration Data Reader))`,
    ]);
  });

  it("reads the allow-list from the policy config", async () => {
    const config = { allowedRoleDefinitionIds: [OWNER] };
    expect(await runResourcePolicy(policy, roleAssignment(OWNER), config)).toEqual([]);
    expect(await runResourcePolicy(policy, roleAssignment(READER), config)).toEqual([
      `RoleAssignment azure-appconfig-reader-workers: roleDefinitionId "/subscriptions/sub/providers/Microsoft.Authorization/roleDefinitions/${READER}" grants role ${READER}, which is not allowed (allowed: ${OWNER})`,
    ]);
  });

  it("declares the allow-list in its config schema with the default", () => {
    expect(policy.configSchema?.properties["allowedRoleDefinitionIds"]).toMatchObject({ type: "array", default: [READER] });
  });

  it("skips an unknown roleDefinitionId and other resource types", async () => {
    const ra = roleAssignment();
    ra.props.roleDefinitionId = unknown.string;
    expect(await runResourcePolicy(policy, ra)).toEqual([]);
    expect(await runResourcePolicy(policy, deployment())).toEqual([]);
  });
});

describe("appconfig-local-auth-disabled", () => {
  const policy = appConfigLocalAuthDisabled;

  it("passes a store with disableLocalAuth: true", async () => {
    expect(await runResourcePolicy(policy, configurationStore(true))).toEqual([]);
  });

  it("rejects a store with access keys enabled or left at the default", async () => {
    expect(await runResourcePolicy(policy, configurationStore(false))).toEqual([
      "ConfigurationStore azure-appconfig: disableLocalAuth must be true (got false)",
    ]);
    expect(await runResourcePolicy(policy, configurationStore("omit"))).toEqual([
      "ConfigurationStore azure-appconfig: disableLocalAuth must be true (got unset)",
    ]);
  });

  it("skips an unknown value", async () => {
    expect(await runResourcePolicy(policy, configurationStore(unknown.boolean))).toEqual([]);
  });
});

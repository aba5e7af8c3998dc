import * as authorization from "@pulumi/azure-native/authorization";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";
import { at, isUnknown, plain, show } from "../lib/values";

/** Built-in roles the program may assign, by GUID (the default of the `allowedRoleDefinitionIds` config). */
export const DEFAULT_ALLOWED_ROLES: Readonly<Record<string, string>> = {
  "516239f1-63e1-4d78-a4de-a74fb236a071": "App Configuration Data Reader",
};

export interface RoleAssignmentsConfig {
  /** Role definition GUIDs a RoleAssignment may reference. */
  readonly allowedRoleDefinitionIds?: readonly string[];
}

const GUID = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";

export const roleAssignmentsAllowed: ResourceValidationPolicy = {
  name: "role-assignments-allowed",
  description:
    "Azure role assignments (azure-native:authorization:RoleAssignment) only grant roles from an allow-list, matched on the role definition GUID " +
    "at the end of roleDefinitionId. Default: App Configuration Data Reader (516239f1-63e1-4d78-a4de-a74fb236a071), the only role the program needs; " +
    "anything broader (Owner, Contributor, Data Owner) given to a workload identity is a privilege escalation.",
  remediationSteps:
    "Grant the narrowest built-in role (see components/lib/constants.ts AZURE_ROLES). If a new role is really needed, add its GUID to " +
    "allowedRoleDefinitionIds in a policy config file (pulumi preview --policy-pack policy --policy-pack-config <file>) and in policy/policies/role-assignments-allowed.ts defaults.",
  severity: "high",
  configSchema: {
    properties: {
      allowedRoleDefinitionIds: {
        type: "array",
        items: { type: "string", pattern: GUID },
        default: Object.keys(DEFAULT_ALLOWED_ROLES),
        description: "Role definition GUIDs a RoleAssignment may reference (the last segment of roleDefinitionId).",
      },
    },
  },
  validateResource: validateResourceOfType(authorization.RoleAssignment, (_ra, args, reportViolation) => {
    const config = args.getConfig<RoleAssignmentsConfig>();
    const allowed = (config.allowedRoleDefinitionIds ?? Object.keys(DEFAULT_ALLOWED_ROLES)).map((id) => id.toLowerCase());
    const roleDefinitionId = at(plain(args.props), "roleDefinitionId");
    if (isUnknown(roleDefinitionId)) return;
    const ref = `RoleAssignment ${args.name}`;
    if (typeof roleDefinitionId !== "string" || roleDefinitionId === "") {
      reportViolation(`${ref}: roleDefinitionId must be set (got ${show(roleDefinitionId)})`);
      return;
    }
    const guid = roleDefinitionId.slice(roleDefinitionId.lastIndexOf("/") + 1).toLowerCase();
    if (!allowed.includes(guid)) {
      const list = allowed.map((id) => (DEFAULT_ALLOWED_ROLES[id] ? `${id} (${DEFAULT_ALLOWED_ROLES[id]})` : id)).join(", ");
      reportViolation(`${ref}: roleDefinitionId ${show(roleDefinitionId)} grants role ${guid}, which is not allowed (allowed: ${list || "none"})`);
    }
  }),
};

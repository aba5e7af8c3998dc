import * as appconfiguration from "@pulumi/azure-native/appconfiguration";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";
import { at, isUnknown, plain, show } from "../lib/values";

export const appConfigLocalAuthDisabled: ResourceValidationPolicy = {
  name: "appconfig-local-auth-disabled",
  description:
    "Every App Configuration store (azure-native:appconfiguration:ConfigurationStore) sets disableLocalAuth: true, so it can only be reached " +
    "with Entra ID (workload identity, the deployer's own identity) and no long-lived access key exists that could leak.",
  remediationSteps:
    "Set disableLocalAuth: true (components/app-configuration-store.ts does) together with dataPlaneProxy.authenticationMode: 'Pass-through', " +
    "and give the deploying identity App Configuration Data Owner so Pulumi can still write key-values.",
  severity: "high",
  validateResource: validateResourceOfType(appconfiguration.ConfigurationStore, (_store, args, reportViolation) => {
    const value = at(plain(args.props), "disableLocalAuth");
    if (isUnknown(value)) return;
    if (value !== true) reportViolation(`ConfigurationStore ${args.name}: disableLocalAuth must be true (got ${show(value)})`);
  }),
};

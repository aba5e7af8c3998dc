/** Every policy of the `pulse-os` pack, in the order they are reported. No side effects (the tests import this). */
import type { Policies } from "@pulumi/policy";
import { appConfigLocalAuthDisabled } from "./appconfig-local-auth-disabled";
import { celeryDrainFitsGrace } from "./celery-drain-fits-grace";
import { containerResources } from "./container-resources";
import { healthCheckMatchesProbes } from "./health-check-matches-probes";
import { imagePinned } from "./image-pinned";
import { podSecurityRestricted } from "./pod-security-restricted";
import { roleAssignmentsAllowed } from "./role-assignments-allowed";
import { workloadIdentityLabel } from "./workload-identity-label";
import { workloadIdentityServiceAccount } from "./workload-identity-service-account";

export const policies: Policies = [
  podSecurityRestricted,
  containerResources,
  imagePinned,
  workloadIdentityLabel,
  workloadIdentityServiceAccount,
  healthCheckMatchesProbes,
  celeryDrainFitsGrace,
  roleAssignmentsAllowed,
  appConfigLocalAuthDisabled,
];

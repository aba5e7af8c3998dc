/**
 * The `pulse-os` CrossGuard policy pack. Every policy is mandatory unless a policy config file
 * says otherwise (see README.md):
 *
 *   pulumi preview --policy-pack policy [--policy-pack-config policy/advisory.example.json]
 */
import { PolicyPack } from "@pulumi/policy";
import { policies } from "./policies";

new PolicyPack("pulse-os", {
  description:
    "Pulse-OS on AKS: Pod Security restricted, resources, pinned images, Entra Workload ID wiring, ALB health checks, Azure RBAC and App Configuration.",
  enforcementLevel: "mandatory",
  policies,
});

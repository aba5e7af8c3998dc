import type { ResourceValidationPolicy } from "@pulumi/policy";
import { containersOf, POD_TEMPLATE_TYPES, podTemplateOf } from "../lib/k8s";
import { validateTypes } from "../lib/policy";
import { at, isUnknown } from "../lib/values";

export const containerResources: ResourceValidationPolicy = {
  name: "container-resources",
  description:
    "Every container and init container of every pod template sets resources.requests and resources.limits for both cpu and memory, " +
    "so the scheduler can place it, autoscaling has a baseline, and one pod cannot starve a node.",
  remediationSteps:
    "Give the container resources {requests: {cpu, memory}, limits: {cpu, memory}} (in this program: the `resources` of the workload in the stack config, " +
    "passed through components/lib/pod.ts).",
  severity: "medium",
  validateResource: validateTypes(POD_TEMPLATE_TYPES, (props, args, reportViolation) => {
    const template = podTemplateOf(args.type, props, args.name);
    if (!template) return;
    for (const c of containersOf(template)) {
      for (const side of ["requests", "limits"] as const) {
        for (const resource of ["cpu", "memory"] as const) {
          const value = at(c.value, "resources", side, resource);
          if (isUnknown(value)) continue;
          if (value === undefined || value === null || value === "") {
            reportViolation(`${template.ref}: ${c.path}.resources.${side}.${resource} must be set (container "${c.name}")`);
          }
        }
      }
    }
  }),
};

import type { StackValidationPolicy } from "@pulumi/policy";
import { fieldPath, labelsOf, serviceAccountOf } from "../lib/k8s";
import { stackResources } from "../lib/policy";
import { podTemplates, serviceAccounts, WORKLOAD_IDENTITY } from "../lib/workload-identity";
import { isUnknown, show } from "../lib/values";

export const workloadIdentityLabel: StackValidationPolicy = {
  name: "workload-identity-label",
  description:
    `Every pod template that runs under a ServiceAccount annotated ${WORKLOAD_IDENTITY.clientIdAnnotation} carries the LABEL ` +
    `${WORKLOAD_IDENTITY.useLabel}: "true" on the pod template itself. The workload-identity webhook only looks at pod labels: ` +
    "without it the pod gets no federated token and Azure calls fail at runtime, while a label on the workload's own metadata has no effect.",
  remediationSteps:
    `Put ${WORKLOAD_IDENTITY.useLabel}: "true" in the pod template's metadata.labels (spec.template.metadata.labels; for a CronJob ` +
    "spec.jobTemplate.spec.template.metadata.labels). In this program use components/lib/naming.ts podTemplateLabels().",
  severity: "high",
  validateStack: (args, reportViolation) => {
    const resources = stackResources(args);
    const accounts = serviceAccounts(resources);
    for (const { resource, template } of podTemplates(resources)) {
      const sa = serviceAccountOf(template.spec);
      if (isUnknown(sa) || isUnknown(template.namespace)) continue;
      const account = accounts.get(`${template.namespace}/${sa}`);
      if (!account || account.hasClientId !== true) continue;
      const labels = labelsOf(template.metadata);
      if (isUnknown(labels)) continue;
      const value = labels?.[WORKLOAD_IDENTITY.useLabel];
      if (isUnknown(value) || value === "true") continue;
      const onObject = labelsOf(template.objectMetadata);
      const hint =
        template.path !== "" && !isUnknown(onObject) && onObject?.[WORKLOAD_IDENTITY.useLabel] === "true"
          ? "; metadata.labels of the workload has it, but the webhook only reads the pod's labels"
          : "";
      reportViolation(
        `${template.ref}: ${fieldPath(template, "metadata.labels")}["${WORKLOAD_IDENTITY.useLabel}"] must be "true" because the pod runs as ` +
          `ServiceAccount ${account.namespace}/${account.name}, annotated ${WORKLOAD_IDENTITY.clientIdAnnotation} (got ${show(value)}${hint})`,
        resource.urn,
      );
    }
  },
};

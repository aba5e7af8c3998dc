import * as managedidentity from "@pulumi/azure-native/managedidentity";
import type { StackValidationPolicy } from "@pulumi/policy";
import { fieldPath, labelsOf } from "../lib/k8s";
import { stackResources } from "../lib/policy";
import { hasUnknownServiceAccount, podTemplates, serviceAccounts, WORKLOAD_IDENTITY } from "../lib/workload-identity";
import { at, isUnknown, pulumiType, show } from "../lib/values";

export const FEDERATED_CREDENTIAL_TYPE = pulumiType(managedidentity.FederatedIdentityCredential);
const SUBJECT = /^system:serviceaccount:([^:]+):([^:]+)$/;

export const workloadIdentityServiceAccount: StackValidationPolicy = {
  name: "workload-identity-service-account",
  description:
    `Both ends of every Entra Workload ID federation exist in the stack. A pod template labelled ${WORKLOAD_IDENTITY.useLabel}: "true" ` +
    `names (spec.serviceAccountName) a ServiceAccount of the stack, in its own namespace, annotated ${WORKLOAD_IDENTITY.clientIdAnnotation}. ` +
    "Every FederatedIdentityCredential's subject system:serviceaccount:<namespace>:<name> is a ServiceAccount of the stack, " +
    `and its audiences are exactly ["${WORKLOAD_IDENTITY.audience}"]. A mismatch means token exchange fails at runtime (AADSTS70021).`,
  remediationSteps:
    "Derive the pod's serviceAccountName, the ServiceAccount and the credential subject from the same constant " +
    "(components/lib/constants.ts SERVICE_ACCOUNTS and serviceAccountSubject(), components/lib/topology.ts); " +
    `annotate the ServiceAccount with ${WORKLOAD_IDENTITY.clientIdAnnotation} = the identity's clientId; set audiences to ["${WORKLOAD_IDENTITY.audience}"].`,
  severity: "high",
  validateStack: (args, reportViolation) => {
    const resources = stackResources(args);
    const accounts = serviceAccounts(resources);
    // With a ServiceAccount whose name is not known yet, a missing one may just be that one.
    const lookupIsConclusive = !hasUnknownServiceAccount(resources);

    for (const { resource, template } of podTemplates(resources)) {
      const labels = labelsOf(template.metadata);
      if (isUnknown(labels) || labels?.[WORKLOAD_IDENTITY.useLabel] !== "true") continue;
      const field = fieldPath(template, "spec.serviceAccountName");
      const sa = at(template.spec, "serviceAccountName");
      if (isUnknown(sa) || isUnknown(template.namespace)) continue;
      if (typeof sa !== "string" || sa === "") {
        reportViolation(
          `${template.ref}: ${field} must name the workload-identity ServiceAccount (got ${show(sa)}; the pod would run as "default")`,
          resource.urn,
        );
        continue;
      }
      const account = accounts.get(`${template.namespace}/${sa}`);
      if (!account) {
        if (lookupIsConclusive) {
          reportViolation(`${template.ref}: ${field} names ServiceAccount ${template.namespace}/${sa}, which is not in this stack`, resource.urn);
        }
        continue;
      }
      if (account.hasClientId === false) {
        reportViolation(
          `${template.ref}: ${field} names ServiceAccount ${template.namespace}/${sa}, which has no metadata.annotations["${WORKLOAD_IDENTITY.clientIdAnnotation}"]`,
          resource.urn,
        );
      }
    }

    for (const r of resources) {
      if (r.type !== FEDERATED_CREDENTIAL_TYPE) continue;
      const ref = `FederatedIdentityCredential ${r.name}`;
      const subject = at(r.props, "subject");
      if (!isUnknown(subject)) {
        const m = typeof subject === "string" ? SUBJECT.exec(subject) : null;
        if (!m) {
          reportViolation(`${ref}: subject must be "system:serviceaccount:<namespace>:<name>" (got ${show(subject)})`, r.urn);
        } else if (!accounts.has(`${m[1]}/${m[2]}`) && lookupIsConclusive) {
          reportViolation(`${ref}: subject ${show(subject)} names ServiceAccount ${m[1]}/${m[2]}, which is not in this stack`, r.urn);
        }
      }
      const audiences = at(r.props, "audiences");
      if (isUnknown(audiences) || (Array.isArray(audiences) && audiences.some(isUnknown))) continue;
      if (!(Array.isArray(audiences) && audiences.length === 1 && audiences[0] === WORKLOAD_IDENTITY.audience)) {
        reportViolation(`${ref}: audiences must be exactly ["${WORKLOAD_IDENTITY.audience}"] (got ${show(audiences)})`, r.urn);
      }
    }
  },
};

import type { StackValidationPolicy } from "@pulumi/policy";
import { containersOf, DEPLOYMENT_TYPE, HEALTH_CHECK_POLICY_TYPE, labelsOf, nameOf, namespaceOf, objectRef, podTemplateOf, SERVICE_TYPE } from "../lib/k8s";
import { stackResources, type StackResource } from "../lib/policy";
import { asRecord, at, isUnknown, show } from "../lib/values";

/** True when every selector entry is among the labels (an empty selector matches nothing here). */
function selects(selector: Record<string, unknown>, labels: Record<string, unknown>): boolean {
  const entries = Object.entries(selector);
  return entries.length > 0 && entries.every(([k, v]) => labels[k] === v);
}

function validatePolicy(hcp: StackResource, resources: readonly StackResource[], report: (message: string) => void): void {
  const ref = objectRef("HealthCheckPolicy", hcp.props, hcp.name);
  const ownNamespace = namespaceOf(hcp.props);
  const targetRef = at(hcp.props, "spec", "targetRef");
  if (isUnknown(targetRef) || isUnknown(ownNamespace)) return;
  const kind = at(targetRef, "kind");
  const group = at(targetRef, "group");
  const targetName = at(targetRef, "name");
  const targetNsRaw = at(targetRef, "namespace");
  if ([kind, group, targetName, targetNsRaw].some(isUnknown)) return;
  if (kind !== "Service" || (group !== undefined && group !== "")) {
    report(`${ref}: spec.targetRef must be a core Service (group "", kind "Service") (got group ${show(group)}, kind ${show(kind)})`);
    return;
  }
  if (typeof targetName !== "string" || targetName === "") {
    report(`${ref}: spec.targetRef.name must name a Service (got ${show(targetName)})`);
    return;
  }
  const targetNs = typeof targetNsRaw === "string" && targetNsRaw !== "" ? targetNsRaw : ownNamespace;

  const services = resources.filter((r) => r.type === SERVICE_TYPE);
  if (services.some((s) => isUnknown(namespaceOf(s.props)) || isUnknown(nameOf(s.props, s.name)))) return;
  const service = services.find((s) => namespaceOf(s.props) === targetNs && nameOf(s.props, s.name) === targetName);
  const serviceRef = `Service ${targetNs}/${targetName}`;
  if (!service) {
    report(`${ref}: spec.targetRef names ${serviceRef}, which is not in this stack`);
    return;
  }

  const port = at(hcp.props, "spec", "default", "port");
  const path = at(hcp.props, "spec", "default", "http", "path");
  if (isUnknown(port) || isUnknown(path)) return;
  if (typeof port !== "number") {
    report(`${ref}: spec.default.port must be set to the containerPort the ALB probes (got ${show(port)})`);
    return;
  }
  if (typeof path !== "string" || path === "") {
    report(`${ref}: spec.default.http.path must be set to the readiness probe path of the container on port ${port} (got ${show(path)})`);
    return;
  }

  const selector = at(service.props, "spec", "selector");
  if (isUnknown(selector)) return;
  const selectorRecord = asRecord(selector) ?? {};
  if (Object.values(selectorRecord).some(isUnknown)) return;

  let matchedDeployments = 0;
  let exposingContainers = 0;
  for (const r of resources) {
    if (r.type !== DEPLOYMENT_TYPE) continue;
    const template = podTemplateOf(r.type, r.props, r.name);
    if (!template) continue;
    if (isUnknown(template.namespace)) return;
    if (template.namespace !== targetNs) continue;
    const labels = labelsOf(template.metadata);
    if (isUnknown(labels)) return;
    if (!labels || !selects(selectorRecord, labels)) continue;
    matchedDeployments++;
    for (const c of containersOf(template)) {
      if (c.list !== "containers") continue;
      const ports = at(c.value, "ports");
      if (isUnknown(ports)) return;
      if (!Array.isArray(ports) || !ports.some((p) => at(p, "containerPort") === port)) continue;
      exposingContainers++;
      const probePath = at(c.value, "readinessProbe", "httpGet", "path");
      if (isUnknown(probePath)) continue;
      const probeField = `${c.path}.readinessProbe.httpGet.path`;
      if (typeof probePath !== "string") {
        report(
          `${ref}: spec.default.http.path ${show(path)} has no readiness probe to match: ${template.ref} ${probeField} is unset (container "${c.name}" exposes port ${port})`,
        );
      } else if (probePath !== path) {
        report(
          `${ref}: spec.default.http.path ${show(path)} differs from ${template.ref} ${probeField} ${show(probePath)} (container "${c.name}" exposes port ${port})`,
        );
      }
    }
  }
  if (matchedDeployments === 0) {
    report(`${ref}: no Deployment in namespace ${targetNs} has pod template labels matching the spec.selector of ${serviceRef} (selector ${show(selector)})`);
  } else if (exposingContainers === 0) {
    report(`${ref}: spec.default.port ${port} is not a containerPort of any container in the Deployments selected by ${serviceRef}`);
  }
}

export const healthCheckMatchesProbes: StackValidationPolicy = {
  name: "health-check-matches-probes",
  description:
    "Every ALB for Containers HealthCheckPolicy (alb.networking.azure.io/v1) targets a Service of the stack, its spec.default.port is a containerPort " +
    "of a pod behind that Service (a Deployment whose pod template labels match the Service selector), and its spec.default.http.path is that " +
    "container's readiness probe path. Otherwise the load balancer marks healthy pods down (or sends traffic to pods Kubernetes considers unready).",
  remediationSteps:
    "Build the HealthCheckPolicy and the readiness probe from the same constant (components/lib/constants.ts API_SURFACES statusPath; " +
    "the policy's port is the Service's targetPort resolved to the container port, see components/api-route.ts).",
  severity: "medium",
  validateStack: (args, reportViolation) => {
    const resources = stackResources(args);
    for (const hcp of resources.filter((r) => r.type === HEALTH_CHECK_POLICY_TYPE)) {
      validatePolicy(hcp, resources, (message) => reportViolation(message, hcp.urn));
    }
  },
};

import type { ResourceValidationPolicy } from "@pulumi/policy";
import { containersOf, fieldPath, POD_TEMPLATE_TYPES, podTemplateOf, type PodTemplate } from "../lib/k8s";
import { validateTypes } from "../lib/policy";
import { asRecord, at, isUnknown, show } from "../lib/values";

const ALLOWED_SECCOMP = ["RuntimeDefault", "Localhost"];
const ALLOWED_ADDED_CAPABILITIES = ["NET_BIND_SERVICE"];

/** Every violation of Pod Security `restricted` in one pod template. */
export function podSecurityViolations(t: PodTemplate): string[] {
  const v: string[] = [];
  const bad = (field: string, rule: string, got: unknown, container?: string) =>
    v.push(`${t.ref}: ${field} ${rule} (${container !== undefined ? `container "${container}", ` : ""}got ${show(got)})`);
  const podField = (rest: string) => fieldPath(t, `spec.${rest}`);
  if (isUnknown(t.spec) || asRecord(t.spec) === undefined) return v;

  // Host namespaces and host paths (baseline, included in restricted).
  for (const ns of ["hostNetwork", "hostPID", "hostIPC"]) {
    const value = at(t.spec, ns);
    if (value === true) bad(podField(ns), "must not be true", value);
  }
  const volumes = at(t.spec, "volumes");
  if (Array.isArray(volumes)) {
    volumes.forEach((vol, i) => {
      const hostPath = at(vol, "hostPath");
      if (hostPath !== undefined && !isUnknown(hostPath)) {
        const name = at(vol, "name");
        bad(podField(`volumes[${i}].hostPath`), `must not be used (volume ${show(name)})`, hostPath);
      }
    });
  }

  // Pod-level security context.
  const podNonRoot = at(t.spec, "securityContext", "runAsNonRoot");
  if (podNonRoot === false) bad(podField("securityContext.runAsNonRoot"), "must not be false", podNonRoot);
  const podUser = at(t.spec, "securityContext", "runAsUser");
  if (podUser === 0) bad(podField("securityContext.runAsUser"), "must not be 0 (root)", podUser);
  const podSeccomp = at(t.spec, "securityContext", "seccompProfile", "type");
  if (podSeccomp !== undefined && !isUnknown(podSeccomp) && !ALLOWED_SECCOMP.includes(podSeccomp as string)) {
    bad(podField("securityContext.seccompProfile.type"), `must be ${ALLOWED_SECCOMP.join(" or ")}`, podSeccomp);
  }

  for (const c of containersOf(t)) {
    const sc = (rest: string) => `${c.path}.securityContext.${rest}`;
    const cNonRoot = at(c.value, "securityContext", "runAsNonRoot");
    const nonRoot = cNonRoot !== undefined ? cNonRoot : podNonRoot;
    if (!isUnknown(nonRoot) && nonRoot !== true) {
      bad(sc("runAsNonRoot"), `must be true, or unset with ${podField("securityContext.runAsNonRoot")} true`, cNonRoot, c.name);
    }
    const user = at(c.value, "securityContext", "runAsUser");
    if (user === 0) bad(sc("runAsUser"), "must not be 0 (root)", user, c.name);

    const cSeccomp = at(c.value, "securityContext", "seccompProfile", "type");
    const seccomp = cSeccomp !== undefined ? cSeccomp : podSeccomp;
    if (!isUnknown(seccomp) && !ALLOWED_SECCOMP.includes(seccomp as string)) {
      bad(
        sc("seccompProfile.type"),
        `must be ${ALLOWED_SECCOMP.join(" or ")}, or unset with ${podField("securityContext.seccompProfile.type")} set to one of them`,
        cSeccomp,
        c.name,
      );
    }

    const ape = at(c.value, "securityContext", "allowPrivilegeEscalation");
    if (!isUnknown(ape) && ape !== false) bad(sc("allowPrivilegeEscalation"), "must be false", ape, c.name);

    const privileged = at(c.value, "securityContext", "privileged");
    if (privileged === true) bad(sc("privileged"), "must not be true", privileged, c.name);

    const drop = at(c.value, "securityContext", "capabilities", "drop");
    if (!isUnknown(drop) && !(Array.isArray(drop) && drop.includes("ALL"))) {
      bad(sc("capabilities.drop"), 'must include "ALL"', drop, c.name);
    }
    const add = at(c.value, "securityContext", "capabilities", "add");
    if (Array.isArray(add)) {
      const extra = add.filter((cap) => !isUnknown(cap) && !ALLOWED_ADDED_CAPABILITIES.includes(cap as string));
      if (extra.length > 0) bad(sc("capabilities.add"), `may only add ${ALLOWED_ADDED_CAPABILITIES.join(", ")}`, add, c.name);
    }

    const ports = at(c.value, "ports");
    if (Array.isArray(ports)) {
      ports.forEach((p, i) => {
        const hostPort = at(p, "hostPort");
        if (typeof hostPort === "number" && hostPort !== 0) bad(`${c.path}.ports[${i}].hostPort`, "must not be set", hostPort, c.name);
      });
    }
  }
  return v;
}

export const podSecurityRestricted: ResourceValidationPolicy = {
  name: "pod-security-restricted",
  description:
    "Every pod template (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, Pod) meets the Pod Security Standard 'restricted': " +
    "non-root, no root UID, RuntimeDefault/Localhost seccomp, no privilege escalation, all capabilities dropped (only NET_BIND_SERVICE may be added), " +
    "not privileged, no host namespaces, no hostPath volumes, no host ports.",
  remediationSteps:
    "Build the pod spec with components/lib/pod.ts podSpec(): it sets spec.securityContext {runAsNonRoot: true, runAsUser: <non-zero>, seccompProfile: {type: RuntimeDefault}} " +
    "and on every container securityContext {allowPrivilegeEscalation: false, privileged: false, capabilities: {drop: [ALL]}}. " +
    "Do not use hostNetwork/hostPID/hostIPC, hostPath volumes or hostPort. The namespaces enforce PSA 'restricted', so such a pod would be rejected at admission.",
  severity: "high",
  validateResource: validateTypes(POD_TEMPLATE_TYPES, (props, args, reportViolation) => {
    const template = podTemplateOf(args.type, props, args.name);
    if (template) podSecurityViolations(template).forEach((m) => reportViolation(m));
  }),
};

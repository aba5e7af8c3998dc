/**
 * Properties every stack must have, asserted on the objects the real program registers.
 */
import type { MockRunResult } from "../../program/mock-runtime";
import { API_SURFACES, CHART_COMPONENT_LABEL, PATCH_FORCE_ANNOTATION, WORKLOAD_IDENTITY } from "../../components/lib/constants";

type Obj = Record<string, any>;

export function k8sObjects(result: MockRunResult): Obj[] {
  return result.resources.filter((r) => r.custom && r.type.startsWith("kubernetes:") && r.inputs["kind"]).map((r) => r.inputs);
}

/** Pod templates of every workload, with the workload's namespace. */
export function podTemplates(result: MockRunResult): Array<{ owner: Obj; namespace: string; template: Obj }> {
  return k8sObjects(result).flatMap((o) => {
    if (o["kind"] === "Deployment") return [{ owner: o, namespace: o["metadata"].namespace, template: o["spec"].template }];
    if (o["kind"] === "CronJob") return [{ owner: o, namespace: o["metadata"].namespace, template: o["spec"].jobTemplate.spec.template }];
    return [];
  });
}

export function describeStackInvariants(run: () => MockRunResult): void {
  describe("invariants every stack keeps", () => {
    it("labels every pod template for workload identity and runs it under an annotated service account of its own namespace", () => {
      const accounts = k8sObjects(run()).filter((o) => o["kind"] === "ServiceAccount");
      const templates = podTemplates(run());
      expect(templates.length).toBeGreaterThanOrEqual(2);
      for (const { namespace, template } of templates) {
        expect(template.metadata.labels[WORKLOAD_IDENTITY.useLabel]).toBe("true");
        const sa = accounts.find((a) => a["metadata"].name === template.spec.serviceAccountName && a["metadata"].namespace === namespace);
        expect(sa).toBeDefined();
        expect(sa!["metadata"].annotations[WORKLOAD_IDENTITY.clientIdAnnotation]).toEqual(expect.any(String));
        expect(sa!["metadata"].annotations[WORKLOAD_IDENTITY.tenantIdAnnotation]).toEqual(expect.any(String));
      }
    });

    it("makes each workload wait for its service account (a dependency the engine sees, on the workload or an ancestor)", () => {
      const resources = run().resources;
      const byUrn = new Map(resources.map((r) => [r.urn, r]));
      for (const { owner, namespace, template } of podTemplates(run())) {
        const sa = resources.find(
          (r) =>
            r.inputs["kind"] === "ServiceAccount" &&
            r.inputs["metadata"]?.name === template.spec.serviceAccountName &&
            r.inputs["metadata"]?.namespace === namespace,
        );
        const workload = resources.find((r) => r.inputs === owner)!;
        expect(sa).toBeDefined();
        const waitsFor = new Set<string>();
        for (let r: (typeof resources)[number] | undefined = workload; r !== undefined; r = byUrn.get(r.parent)) r.dependencies.forEach((d) => waitsFor.add(d));
        expect([owner["metadata"].name, waitsFor.has(sa!.urn)]).toEqual([owner["metadata"].name, true]);
      }
    });

    it("marks every Kubernetes object as owned by the program (pulumi.com/patchForce), so drift and the Helm takeover are applied instead of failing on field conflicts", () => {
      const objects = k8sObjects(run());
      expect(objects.length).toBeGreaterThan(10);
      for (const o of objects)
        expect([`${o["kind"]}/${o["metadata"].name}`, o["metadata"].annotations?.[PATCH_FORCE_ANNOTATION]]).toEqual([
          `${o["kind"]}/${o["metadata"].name}`,
          "true",
        ]);
    });

    it("keeps the chart's `component` label on every workload and pod (runbooks use `-l component=worker`), outside every selector", () => {
      const templates = podTemplates(run());
      expect(templates.length).toBeGreaterThanOrEqual(2);
      for (const { owner, template } of templates) {
        const component = template.metadata.labels["app.kubernetes.io/component"];
        expect([owner["metadata"].name, owner["metadata"].labels[CHART_COMPONENT_LABEL], template.metadata.labels[CHART_COMPONENT_LABEL]]).toEqual([
          owner["metadata"].name,
          component,
          component,
        ]);
        if (owner["kind"] === "Deployment") expect(Object.keys(owner["spec"].selector.matchLabels)).not.toContain(CHART_COMPONENT_LABEL);
      }
      expect(templates.filter((t) => t.template.metadata.labels[CHART_COMPONENT_LABEL] === "worker").length).toBeGreaterThanOrEqual(1);
    });

    it("enforces Pod Security restricted on every namespace it owns", () => {
      const namespaces = k8sObjects(run()).filter((o) => o["kind"] === "Namespace");
      expect(namespaces.length).toBeGreaterThanOrEqual(2);
      for (const ns of namespaces) {
        expect(ns["metadata"].labels).toMatchObject({
          "pod-security.kubernetes.io/enforce": "restricted",
          "pod-security.kubernetes.io/audit": "restricted",
          "pod-security.kubernetes.io/warn": "restricted",
        });
      }
    });

    it("hardens every container: non-root, no escalation, no capabilities, RuntimeDefault seccomp, read-only root with a writable /tmp, requests and limits", () => {
      for (const { template } of podTemplates(run())) {
        const spec = template.spec;
        expect(spec.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: expect.any(Number), seccompProfile: { type: "RuntimeDefault" } });
        expect(spec.securityContext.runAsUser).toBeGreaterThan(0);
        expect(spec.automountServiceAccountToken).toBe(false);
        expect(spec.volumes).toEqual([{ name: "tmp", emptyDir: { sizeLimit: "256Mi" } }]);
        for (const c of spec.containers) {
          expect(c.securityContext).toMatchObject({
            allowPrivilegeEscalation: false,
            privileged: false,
            readOnlyRootFilesystem: true,
            runAsNonRoot: true,
            capabilities: { drop: ["ALL"] },
            seccompProfile: { type: "RuntimeDefault" },
          });
          expect(c.volumeMounts).toEqual([{ name: "tmp", mountPath: "/tmp" }]);
          expect(Object.keys(c.resources.requests).sort()).toEqual(["cpu", "memory"]);
          expect(Object.keys(c.resources.limits).sort()).toEqual(["cpu", "memory"]);
          expect(c.image).toMatch(/^[a-z0-9.-]+(:\d+)?\/[a-z0-9/._-]+:[A-Za-z0-9_][A-Za-z0-9_.-]*(@sha256:[a-f0-9]{64})?$/);
          expect(c.image).not.toMatch(/:latest(@|$)/);
        }
      }
    });

    it("probes each API container on the same status path its HealthCheckPolicy uses, on the port its Service targets", () => {
      const objects = k8sObjects(run());
      const api = objects.find((o) => o["kind"] === "Deployment" && o["metadata"].name === "api")!;
      for (const surface of Object.values(API_SURFACES)) {
        const container = api["spec"].template.spec.containers.find((c: Obj) => c.name === surface.name);
        const port = container.ports.find((p: Obj) => p.name === surface.portName);
        const service = objects.find((o) => o["kind"] === "Service" && o["metadata"].name === surface.name)!;
        const policy = objects.find((o) => o["kind"] === "HealthCheckPolicy" && o["spec"].targetRef.name === surface.name)!;
        expect(container.readinessProbe.httpGet).toEqual({ path: surface.statusPath, port: surface.portName, scheme: "HTTP" });
        expect(container.livenessProbe.httpGet).toEqual({ path: surface.statusPath, port: surface.portName, scheme: "HTTP" });
        expect(service["spec"].ports[0].targetPort).toBe(surface.portName);
        expect(policy["spec"].default.http.path).toBe(surface.statusPath);
        expect(policy["spec"].default.port).toBe(port.containerPort);
        expect(policy["spec"].targetRef).toEqual({ group: "", kind: "Service", name: surface.name, namespace: service["metadata"].namespace });
      }
    });

    it("routes /execution and /management to Services and ports that exist", () => {
      const objects = k8sObjects(run());
      const route = objects.find((o) => o["kind"] === "HTTPRoute")!;
      expect(route["spec"].parentRefs).toEqual([expect.objectContaining({ kind: "Gateway", name: "https-gateway", namespace: "ingress" })]);
      expect(route["spec"].rules.map((r: Obj) => r.matches[0].path)).toEqual([
        { type: "PathPrefix", value: "/execution" },
        { type: "PathPrefix", value: "/management" },
      ]);
      for (const rule of route["spec"].rules) {
        const ref = rule.backendRefs[0];
        const service = objects.find(
          (o) => o["kind"] === "Service" && o["metadata"].name === ref.name && o["metadata"].namespace === route["metadata"].namespace,
        );
        expect(service).toBeDefined();
        expect(service!["spec"].ports.map((p: Obj) => p.port)).toContain(ref.port);
      }
    });

    it("selects pods by name, instance and component only", () => {
      for (const { owner, template } of podTemplates(run())) {
        if (owner["kind"] !== "Deployment") continue;
        const selector = owner["spec"].selector.matchLabels;
        expect(Object.keys(selector).sort()).toEqual(["app.kubernetes.io/component", "app.kubernetes.io/instance", "app.kubernetes.io/name"]);
        expect(template.metadata.labels).toMatchObject(selector);
      }
    });
  });
}

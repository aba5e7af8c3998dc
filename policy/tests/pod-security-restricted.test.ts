import { podSecurityRestricted as policy } from "../policies/pod-security-restricted";
import { runResourcePolicy, unknown } from "./helpers";
import { configurationStore, cronJob, deployment, podSpec, T } from "./fixtures";

const C0 = "spec.template.spec.containers[0]";

describe("pod-security-restricted", () => {
  it("passes the API Deployment and the exporter CronJob", async () => {
    expect(await runResourcePolicy(policy, deployment())).toEqual([]);
    expect(await runResourcePolicy(policy, cronJob())).toEqual([]);
  });

  it("passes every workload kind built from the shared pod spec", async () => {
    const template = { metadata: { labels: { a: "b" } }, spec: podSpec() };
    for (const type of [T.statefulSet, T.daemonSet, T.replicaSet, T.job]) {
      expect(await runResourcePolicy(policy, { type, props: { metadata: { name: "w", namespace: "apps" }, spec: { template } } })).toEqual([]);
    }
    expect(await runResourcePolicy(policy, { type: T.pod, props: { metadata: { name: "p", namespace: "apps" }, spec: podSpec() } })).toEqual([]);
  });

  it("ignores resources without a pod template", async () => {
    expect(await runResourcePolicy(policy, configurationStore(false))).toEqual([]);
  });

  it("requires allowPrivilegeEscalation: false explicitly", async () => {
    const d = deployment();
    delete d.props.spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation;
    expect(await runResourcePolicy(policy, d)).toEqual([
      `Deployment apps/api: ${C0}.securityContext.allowPrivilegeEscalation must be false (container "execution-api", got unset)`,
    ]);
  });

  it("checks init containers too", async () => {
    const d = deployment();
    const init = structuredClone(d.props.spec.template.spec.containers[1]);
    init.name = "migrate";
    init.securityContext.capabilities = { drop: ["NET_RAW"], add: ["NET_BIND_SERVICE", "SYS_ADMIN"] };
    d.props.spec.template.spec.initContainers = [init];
    expect(await runResourcePolicy(policy, d)).toEqual([
      'Deployment apps/api: spec.template.spec.initContainers[0].securityContext.capabilities.drop must include "ALL" (container "migrate", got ["NET_RAW"])',
      'Deployment apps/api: spec.template.spec.initContainers[0].securityContext.capabilities.add may only add NET_BIND_SERVICE (container "migrate", got ["NET_BIND_SERVICE","SYS_ADMIN"])',
    ]);
  });

  it("allows adding NET_BIND_SERVICE", async () => {
    const d = deployment();
    d.props.spec.template.spec.containers[0].securityContext.capabilities.add = ["NET_BIND_SERVICE"];
    expect(await runResourcePolicy(policy, d)).toEqual([]);
  });

  it("requires runAsNonRoot on the pod or on every container, and no UID 0", async () => {
    const d = deployment();
    delete d.props.spec.template.spec.securityContext.runAsNonRoot;
    delete d.props.spec.template.spec.containers[0].securityContext.runAsNonRoot;
    d.props.spec.template.spec.containers[1].securityContext.runAsUser = 0;
    expect(await runResourcePolicy(policy, d)).toEqual([
      `Deployment apps/api: ${C0}.securityContext.runAsNonRoot must be true, or unset with spec.template.spec.securityContext.runAsNonRoot true (container "execution-api", got unset)`,
      'Deployment apps/api: spec.template.spec.containers[1].securityContext.runAsUser must not be 0 (root) (container "management-api", got 0)',
    ]);
  });

  it("accepts runAsNonRoot and seccomp set only at pod level", async () => {
    const d = deployment();
    for (const c of d.props.spec.template.spec.containers) {
      delete c.securityContext.runAsNonRoot;
      delete c.securityContext.seccompProfile;
    }
    expect(await runResourcePolicy(policy, d)).toEqual([]);
  });

  it("rejects a container that opts out of the pod-level runAsNonRoot and seccomp", async () => {
    const d = deployment();
    d.props.spec.template.spec.containers[0].securityContext.runAsNonRoot = false;
    d.props.spec.template.spec.containers[0].securityContext.seccompProfile = { type: "Unconfined" };
    expect(await runResourcePolicy(policy, d)).toEqual([
      `Deployment apps/api: ${C0}.securityContext.runAsNonRoot must be true, or unset with spec.template.spec.securityContext.runAsNonRoot true (container "execution-api", got false)`,
      `Deployment apps/api: ${C0}.securityContext.seccompProfile.type must be RuntimeDefault or Localhost, or unset with spec.template.spec.securityContext.seccompProfile.type set to one of them (container "execution-api", got "Unconfined")`,
    ]);
  });

  it("rejects a missing seccomp profile (CronJob path)", async () => {
    const c = cronJob();
    const spec = c.props.spec.jobTemplate.spec.template.spec;
    delete spec.securityContext.seccompProfile;
    delete spec.containers[0].securityContext.seccompProfile;
    expect(await runResourcePolicy(policy, c)).toEqual([
      'CronJob exporter/datahub-exporter: spec.jobTemplate.spec.template.spec.containers[0].securityContext.seccompProfile.type must be RuntimeDefault or Localhost, or unset with spec.jobTemplate.spec.template.spec.securityContext.seccompProfile.type set to one of them (container "exporter", got unset)',
    ]);
  });

  it("rejects privileged containers, host namespaces, hostPath volumes and host ports (Pod)", async () => {
    const spec = podSpec();
    spec.hostNetwork = true;
    spec.hostPID = true;
    spec.hostIPC = true;
    spec.volumes.push({ name: "docker", hostPath: { path: "/var/run/docker.sock" } });
    spec.containers[0].securityContext.privileged = true;
    spec.containers[0].ports[0].hostPort = 8989;
    expect(await runResourcePolicy(policy, { type: T.pod, props: { metadata: { name: "debug" }, spec } })).toEqual([
      "Pod default/debug: spec.hostNetwork must not be true (got true)",
      "Pod default/debug: spec.hostPID must not be true (got true)",
      "Pod default/debug: spec.hostIPC must not be true (got true)",
      'Pod default/debug: spec.volumes[1].hostPath must not be used (volume "docker") (got {"path":"/var/run/docker.sock"})',
      'Pod default/debug: spec.containers[0].securityContext.privileged must not be true (container "execution-api", got true)',
      'Pod default/debug: spec.containers[0].ports[0].hostPort must not be set (container "execution-api", got 8989)',
    ]);
  });

  it("does not report values that are unknown during preview", async () => {
    const d = deployment();
    const spec = d.props.spec.template.spec;
    spec.securityContext.runAsNonRoot = unknown.boolean;
    delete spec.containers[0].securityContext.runAsNonRoot;
    spec.containers[0].securityContext.allowPrivilegeEscalation = unknown.boolean;
    spec.containers[1].securityContext.capabilities = unknown.object;
    expect(await runResourcePolicy(policy, d)).toEqual([]);
    const whole = deployment();
    whole.props.spec.template = unknown.object;
    expect(await runResourcePolicy(policy, whole)).toEqual([]);
  });
});

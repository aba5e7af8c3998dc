import { healthCheckMatchesProbes as policy } from "../policies/health-check-matches-probes";
import { runStackPolicy, unknown } from "./helpers";
import { deployment, healthCheckPolicy, service } from "./fixtures";

const HCP = "HealthCheckPolicy apps/execution-api-health";
const messages = async (resources: Parameters<typeof runStackPolicy>[1]) => (await runStackPolicy(policy, resources)).map((v) => v.message);

describe("health-check-matches-probes", () => {
  const good = () => [
    deployment(),
    service("execution-api", "execution"),
    service("management-api", "management"),
    healthCheckPolicy("execution-api", 8989, "/execution/api/v1/status"),
    healthCheckPolicy("management-api", 8888, "/management/api/v1/status"),
  ];

  it("passes policies whose path is the readiness probe path of the container on that port", async () => {
    expect(await runStackPolicy(policy, good())).toEqual([]);
  });

  it("rejects a path that differs from the readiness probe (the chart's old /api/v1/status)", async () => {
    const violations = await runStackPolicy(policy, [deployment(), service(), healthCheckPolicy("execution-api", 8989, "/api/v1/status")]);
    expect(violations).toEqual([
      {
        message: `${HCP}: spec.default.http.path "/api/v1/status" differs from Deployment apps/api spec.template.spec.containers[0].readinessProbe.httpGet.path "/execution/api/v1/status" (container "execution-api" exposes port 8989)`,
        urn: "urn:pulumi:test::pulse-os::kubernetes:alb.networking.azure.io/v1:HealthCheckPolicy::k8s-health-execution-api",
      },
    ]);
  });

  it("rejects a port no container exposes (e.g. the Service port instead of the container port)", async () => {
    expect(await messages([deployment(), service(), healthCheckPolicy("execution-api", 80)])).toEqual([
      `${HCP}: spec.default.port 80 is not a containerPort of any container in the Deployments selected by Service apps/execution-api`,
    ]);
  });

  it("rejects a container on that port without an HTTP readiness probe", async () => {
    const d = deployment();
    delete d.props.spec.template.spec.containers[0].readinessProbe;
    expect(await messages([d, service(), healthCheckPolicy()])).toEqual([
      `${HCP}: spec.default.http.path "/execution/api/v1/status" has no readiness probe to match: Deployment apps/api spec.template.spec.containers[0].readinessProbe.httpGet.path is unset (container "execution-api" exposes port 8989)`,
    ]);
  });

  it("rejects a target Service that is not in the stack, or that selects no Deployment", async () => {
    expect(await messages([deployment(), healthCheckPolicy()])).toEqual([
      `${HCP}: spec.targetRef names Service apps/execution-api, which is not in this stack`,
    ]);
    const s = service();
    s.props.spec.selector = { "app.kubernetes.io/instance": "other" };
    expect(await messages([deployment(), s, healthCheckPolicy()])).toEqual([
      `${HCP}: no Deployment in namespace apps has pod template labels matching the spec.selector of Service apps/execution-api (selector {"app.kubernetes.io/instance":"other"})`,
    ]);
  });

  it("rejects a missing port or path and a non-Service target", async () => {
    const noPort = healthCheckPolicy();
    delete noPort.props.spec.default.port;
    const noPath = healthCheckPolicy();
    delete noPath.props.spec.default.http;
    const gateway = healthCheckPolicy();
    gateway.props.spec.targetRef = { group: "gateway.networking.k8s.io", kind: "Gateway", name: "https-gateway" };
    expect(await messages([deployment(), service(), noPort])).toEqual([
      `${HCP}: spec.default.port must be set to the containerPort the ALB probes (got unset)`,
    ]);
    expect(await messages([deployment(), service(), noPath])).toEqual([
      `${HCP}: spec.default.http.path must be set to the readiness probe path of the container on port 8989 (got unset)`,
    ]);
    expect(await messages([deployment(), service(), gateway])).toEqual([
      `${HCP}: spec.targetRef must be a core Service (group "", kind "Service") (got group "gateway.networking.k8s.io", kind "Gateway")`,
    ]);
  });

  it("skips unknown values", async () => {
    const hcp = healthCheckPolicy("execution-api", 8989, "/wrong");
    hcp.props.spec.default.http.path = unknown.string;
    expect(await runStackPolicy(policy, [deployment(), service(), hcp])).toEqual([]);
    const d = deployment();
    d.props.spec.template.spec.containers[0].readinessProbe.httpGet.path = unknown.string;
    expect(await runStackPolicy(policy, [d, service(), healthCheckPolicy()])).toEqual([]);
    const s = service();
    s.props.spec.selector = unknown.object;
    expect(await runStackPolicy(policy, [deployment(), s, healthCheckPolicy()])).toEqual([]);
  });
});

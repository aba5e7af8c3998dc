import { containerResources as policy } from "../policies/container-resources";
import { runResourcePolicy, unknown } from "./helpers";
import { cronJob, deployment } from "./fixtures";

describe("container-resources", () => {
  it("passes containers with cpu and memory requests and limits", async () => {
    expect(await runResourcePolicy(policy, deployment())).toEqual([]);
    expect(await runResourcePolicy(policy, cronJob())).toEqual([]);
  });

  it("reports each missing request and limit", async () => {
    const d = deployment();
    delete d.props.spec.template.spec.containers[1].resources.limits.memory;
    d.props.spec.template.spec.containers[1].resources.requests = {};
    expect(await runResourcePolicy(policy, d)).toEqual([
      'Deployment apps/api: spec.template.spec.containers[1].resources.requests.cpu must be set (container "management-api")',
      'Deployment apps/api: spec.template.spec.containers[1].resources.requests.memory must be set (container "management-api")',
      'Deployment apps/api: spec.template.spec.containers[1].resources.limits.memory must be set (container "management-api")',
    ]);
  });

  it("reports an init container without resources (CronJob)", async () => {
    const c = cronJob();
    const spec = c.props.spec.jobTemplate.spec.template.spec;
    spec.initContainers = [{ name: "wait", image: "busybox:1.37" }];
    const messages = await runResourcePolicy(policy, c);
    expect(messages).toHaveLength(4);
    expect(messages[0]).toBe(
      'CronJob exporter/datahub-exporter: spec.jobTemplate.spec.template.spec.initContainers[0].resources.requests.cpu must be set (container "wait")',
    );
  });

  it("does not report unknown quantities", async () => {
    const d = deployment();
    d.props.spec.template.spec.containers[0].resources.limits.cpu = unknown.string;
    d.props.spec.template.spec.containers[1].resources = unknown.object;
    expect(await runResourcePolicy(policy, d)).toEqual([]);
  });
});

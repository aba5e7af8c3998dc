import { imagePinned as policy, imageProblem } from "../policies/image-pinned";
import { runResourcePolicy, unknown } from "./helpers";
import { cronJob, deployment } from "./fixtures";

describe("image-pinned", () => {
  it("passes version tags and digests", async () => {
    expect(await runResourcePolicy(policy, deployment())).toEqual([]);
    const d = deployment();
    d.props.spec.template.spec.containers[0].image = `pulseosdev.azurecr.io/pulseos@sha256:${"a".repeat(64)}`;
    d.props.spec.template.spec.containers[1].image = `localhost:5000/team/pulseos:1.2.3@sha256:${"b".repeat(64)}`;
    expect(await runResourcePolicy(policy, d)).toEqual([]);
  });

  it("classifies image references", () => {
    expect(imageProblem("registry:5000/pulseos:1.0")).toBeUndefined();
    expect(imageProblem("registry:5000/pulseos")).toBe('has no tag, which means "latest"');
    expect(imageProblem("pulseos:")).toBe("has an empty tag");
    expect(imageProblem("pulseos:latest")).toBe('uses the mutable tag "latest"');
  });

  it("rejects :latest", async () => {
    const d = deployment();
    d.props.spec.template.spec.containers[0].image = "pulseosdev.azurecr.io/pulseos:latest";
    expect(await runResourcePolicy(policy, d)).toEqual([
      'Deployment apps/api: spec.template.spec.containers[0].image "pulseosdev.azurecr.io/pulseos:latest" uses the mutable tag "latest"; pin a version tag or a digest (container "execution-api")',
    ]);
  });

  it("rejects an untagged image and a missing image (CronJob)", async () => {
    const c = cronJob();
    const spec = c.props.spec.jobTemplate.spec.template.spec;
    spec.containers[0].image = "pulseosdev.azurecr.io/pulseos";
    spec.initContainers = [{ name: "init" }];
    expect(await runResourcePolicy(policy, c)).toEqual([
      'CronJob exporter/datahub-exporter: spec.jobTemplate.spec.template.spec.containers[0].image "pulseosdev.azurecr.io/pulseos" has no tag, which means "latest"; pin a version tag or a digest (container "exporter")',
      'CronJob exporter/datahub-exporter: spec.jobTemplate.spec.template.spec.initContainers[0].image must be set (container "init")',
    ]);
  });

  it("does not report an unknown image", async () => {
    const d = deployment();
    d.props.spec.template.spec.containers[0].image = unknown.string;
    expect(await runResourcePolicy(policy, d)).toEqual([]);
  });
});

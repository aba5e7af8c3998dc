/**
 * What a PR reviewer reads in `pulumi preview` of a fresh dev stack, where every value a provider
 * assigns is still unknown (no Azure resource exists yet, and no cluster object has been read
 * back). The pod specs must still show every field: only values Azure assigns may be unknown,
 * and they sit outside the pod specs (service-account annotations, the store endpoint).
 */
import * as path from "node:path";
import { runUnderMocks, type MockRunResult, type RecordedResource } from "../program/mock-runtime";
import { readStackConfig } from "../program/stack-files";
import { ROOT } from "./helpers/stack";

let result: MockRunResult;
beforeAll(async () => {
  const file = readStackConfig(ROOT, path.join(ROOT, "Pulumi.dev.yaml"));
  result = await runUnderMocks({
    project: file.project,
    stack: "dev",
    config: file.config,
    secretKeys: file.secretKeys,
    preview: true,
    load: () => import("../index"),
  });
});

const isKubernetes = (r: RecordedResource) => r.custom && r.type.startsWith("kubernetes:") && !r.type.startsWith("pulumi:providers");
const podSpecPath = (r: RecordedResource) => (r.inputs["kind"] === "CronJob" ? "spec.jobTemplate.spec.template" : "spec.template");

describe("a preview of a fresh dev stack", () => {
  it("shows every field of every pod template, none unknown", () => {
    const workloads = result.resources.filter((r) => isKubernetes(r) && ["Deployment", "CronJob"].includes(r.inputs["kind"]));
    expect(workloads.map((r) => r.inputs["metadata"].name).sort()).toEqual(["api", "datahub-exporter", "worker"]);
    for (const r of workloads) {
      expect({ [r.name]: r.unknownInputs.filter((p) => p.startsWith(podSpecPath(r))) }).toEqual({ [r.name]: [] });
    }
  });

  it("leaves unknown only what Azure assigns: the identities' client and tenant IDs and the store endpoint", () => {
    const unknowns = result.resources
      .filter(isKubernetes)
      .flatMap((r) => r.unknownInputs.map((p) => `${r.inputs["kind"]} ${r.inputs["metadata"]?.namespace ?? ""}/${r.inputs["metadata"]?.name}: ${p}`));
    expect(unknowns.sort()).toEqual(
      [
        "AzureAppConfigurationProvider workers-blue/custom-engine-configuration: spec.endpoint",
        ...["apps", "exporter", "workers"].flatMap((kind) => [
          `ServiceAccount ${kind === "workers" ? "workers-blue" : kind}/sa-${kind}-workloadidentity: metadata.annotations.azure.workload.identity/client-id`,
          `ServiceAccount ${kind === "workers" ? "workers-blue" : kind}/sa-${kind}-workloadidentity: metadata.annotations.azure.workload.identity/tenant-id`,
        ]),
      ].sort(),
    );
  });
});

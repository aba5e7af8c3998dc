import * as pulumi from "@pulumi/pulumi";
import { ConfigValidationError } from "../config";
import { recorded } from "./helpers/mocks";

describe("the program with invalid configuration", () => {
  it("stops before registering any resource, with every problem in one error", async () => {
    pulumi.runtime.setAllConfig({
      "pulse-os:image": JSON.stringify({ registry: "myacr.azurecr.io", tag: "latest" }),
      "pulse-os:workers": JSON.stringify({ color: "purple", spot: "yes" }),
      "pulse-os:routing": JSON.stringify({ hostnames: ["api.example.com"] }),
      "pulse-os:networkPolicy": JSON.stringify({ gatewayCidrs: ["10.225.0.0/24"] }),
    });
    let error: unknown;
    try {
      await import("../index");
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigValidationError);
    expect((error as ConfigValidationError).problems).toEqual([
      "pulse-os:image.tag: must not be 'latest': pin a version so every rollout is reproducible (got \"latest\")",
      "pulse-os:azure.resourceGroupName: is required when azure.mode is 'managed' (not set)",
      "pulse-os:azure.location: is required when azure.mode is 'managed' (not set)",
      "pulse-os:azure.aks: is required when azure.mode is 'managed' (resourceGroupName and clusterName of the AKS cluster) (not set)",
      'pulse-os:workers.color: must be one of "blue", "green" (got "purple")',
      'pulse-os:workers.spot: must be a boolean, got a string (got "yes")',
    ]);
    expect(recorded).toEqual([]);
  });
});

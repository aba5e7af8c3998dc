import type * as pulumiType from "@pulumi/pulumi";
import { checkOutput } from "../examples/consumer/pulse-os";
import { runVariant } from "./helpers/stack";

/** Runs examples/consumer under mocks, its StackReference answering with `outputs`. */
async function runConsumer(outputs: Record<string, unknown>): Promise<Record<string, unknown>> {
  let resolved: Record<string, unknown> = {};
  await jest.isolateModulesAsync(async () => {
    const pulumi = (await import("@pulumi/pulumi")) as typeof pulumiType;
    pulumi.runtime.setAllConfig({ "pulse-os-consumer:producerStack": "organization/pulse-os/dev" });
    await pulumi.runtime.setMocks(
      {
        newResource: (a) => (a.type === "pulumi:pulumi:StackReference"
          ? { id: a.inputs["name"], state: { name: a.inputs["name"], outputs, secretOutputNames: [] } }
          : { id: `${a.name}-id`, state: a.inputs }),
        call: () => ({}),
      },
      "pulse-os-consumer",
      "dev",
    );
    const mod = (await import("../examples/consumer/index")) as Record<string, pulumiType.Output<unknown>>;
    for (const [k, v] of Object.entries(mod)) {
      if (pulumi.Output.isInstance(v)) resolved[k] = await new Promise((r) => v.apply(r));
    }
  });
  return resolved;
}

describe("the consumer example", () => {
  let producer: Record<string, unknown>;
  beforeAll(async () => {
    producer = (await runVariant("dev", {})).outputs;
  }, 30_000);

  it("reads the producer's real outputs through StackReference.requireOutput", async () => {
    expect(await runConsumer(producer)).toEqual({
      executionApiUrl: "https://api.dev.pulse-os.example.com/execution",
      workersNamespace: "workers-blue",
      brokerQueue: "requests",
      exporterEnabled: true,
      dashboardTitle: "Pulse-OS blue workers on requests",
    });
  });

  it("fails loudly when the producer changes an output's type", () => {
    expect(() => checkOutput("brokerQueue", 42)).toThrow("Pulse-OS output 'brokerQueue' should be a string, got number: the producer broke its contract");
    expect(checkOutput("exporterEnabled", false)).toBe(false);
  });
});

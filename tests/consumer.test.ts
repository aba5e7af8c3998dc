import type * as pulumiType from "@pulumi/pulumi";
import { ContractVersionError, ContractViolationError, parsePulseOsOutputs, readPulseOsOutputs, type StackReferenceLike } from "@pulse-os/stack-contract";
import { runVariant } from "./helpers/stack";

/** Runs examples/consumer under mocks, its StackReference answering with `outputs`; resolves to its exports. */
async function runConsumer(outputs: Record<string, unknown>): Promise<Record<string, unknown>> {
  const resolved: Record<string, unknown> = {};
  await jest.isolateModulesAsync(async () => {
    const pulumi = (await import("@pulumi/pulumi")) as typeof pulumiType;
    pulumi.runtime.setAllConfig({ "pulse-os-consumer:producerStack": "organization/pulse-os/dev" });
    await pulumi.runtime.setMocks(
      {
        newResource: (a) =>
          a.type === "pulumi:pulumi:StackReference"
            ? { id: a.inputs["name"], state: { name: a.inputs["name"], outputs, secretOutputNames: [] } }
            : { id: `${a.name}-id`, state: a.inputs },
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
    const { outputs } = await runVariant("dev", {});
    producer = Object.fromEntries(Object.entries(outputs).filter(([, v]) => v !== undefined));
  });

  it("reads the producer's real outputs through the contract package's reader", async () => {
    expect(await runConsumer(producer)).toEqual({
      executionApiUrl: "https://api.dev.pulse-os.example.com/execution",
      workersNamespace: "workers-blue",
      brokerQueue: "requests",
      exporterNamespace: "exporter",
      watchedNamespaces: ["workers-blue"],
      dashboardTitle: "Pulse-OS blue workers on requests",
    });
  });
});

describe("the contract reader", () => {
  /** A StackReference whose Outputs apply synchronously (the reader's wiring without the SDK's promises). */
  const reference = (outputs: Record<string, unknown>) =>
    ({
      name: { apply: (f: (n: string) => unknown) => f("organization/pulse-os/dev") },
      outputs: { apply: (f: (o: unknown) => unknown) => f(outputs) },
    }) as unknown as StackReferenceLike;

  const v2 = (extra: Record<string, unknown>) => ({
    contractVersion: 2,
    appsNamespace: "apps",
    workersNamespace: "workers-blue",
    activeWorkerColor: "blue",
    exporterEnabled: false,
    executionApiUrl: "https://api.example.com/execution",
    managementApiUrl: "https://api.example.com/management",
    appsIdentityClientId: "a",
    workersIdentityClientId: "w",
    appConfigurationEndpoint: "https://appcs.azconfig.io",
    brokerQueue: "requests",
    imageReference: "r/p:1",
    ...extra,
  });

  it("refuses a stack of another contract major with the version that can read it", () => {
    expect(() => readPulseOsOutputs(reference(v2({ contractVersion: 1 })))).toThrow(new ContractVersionError("organization/pulse-os/dev", 1));
    expect(() => readPulseOsOutputs(reference(v2({ contractVersion: 1 })))).toThrow(
      "Pulse-OS stack 'organization/pulse-os/dev' writes contract major 1; @pulse-os/stack-contract 2.x reads major 2 only: depend on @pulse-os/stack-contract@^1.0.0 to read it",
    );
    expect(() => readPulseOsOutputs(reference(v2({ contractVersion: 3 })))).toThrow(
      "Pulse-OS stack 'organization/pulse-os/dev' writes contract major 3; @pulse-os/stack-contract 2.x reads major 2 only: depend on @pulse-os/stack-contract@^3.0.0 to read it",
    );
    expect(readPulseOsOutputs(reference(v2({})))).toEqual(v2({}));
  });

  it("refuses a stack without a contractVersion", () => {
    expect(() => parsePulseOsOutputs({ brokerQueue: "requests" }, "org/other/dev")).toThrow(
      "Pulse-OS stack 'org/other/dev' has no integer contractVersion output (got nothing): it is not a Pulse-OS stack",
    );
  });

  it('names every broken output, including a "" where the contract wants a value or nothing', () => {
    expect(() => parsePulseOsOutputs(v2({ exporterEnabled: true, exporterNamespace: "", executionApiUrl: "http://api.example.com/execution" }), "dev")).toThrow(
      new ContractViolationError("dev", ["exporterNamespace: Too small: expected string to have >=1 characters", "executionApiUrl: Invalid URL"]),
    );
    expect(() => parsePulseOsOutputs(v2({ drainingWorkerColor: "blue" }), "dev")).toThrow(
      "Pulse-OS stack 'dev' breaks contract 2: drainingWorkersNamespace: drainingWorkerColor and drainingWorkersNamespace come together; drainingWorkerColor: must differ from activeWorkerColor ('blue')",
    );
  });

  it("keeps reading when the producer adds an output in a later minor (the new name is dropped)", () => {
    expect(parsePulseOsOutputs(v2({ addedInAMinor: "x" }), "dev")).toEqual(v2({}));
  });
});

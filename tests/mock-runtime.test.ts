/**
 * The mock runtime's own guarantees, which other tests rely on: a secret export is reported even
 * though resolving it drops its secretness, and URNs/dependencies are read off the engine request.
 */
describe("the mock runtime", () => {
  it("reports which exports are secret Outputs (so 'contain no secret' can fail)", async () => {
    let secretOutputs: string[] = [];
    let outputs: Record<string, unknown> = {};
    await jest.isolateModulesAsync(async () => {
      const pulumi = await import("@pulumi/pulumi");
      const { runUnderMocks } = await import("../program/mock-runtime");
      const r = await runUnderMocks({ project: "p", stack: "s", config: {}, load: () => ({ plain: pulumi.output("a"), hidden: pulumi.secret("b"), literal: 1 }) });
      secretOutputs = r.secretOutputs;
      outputs = r.outputs;
    });
    expect(secretOutputs).toEqual(["hidden"]);
    expect(outputs).toEqual({ plain: "a", hidden: "b", literal: 1 });
  });
});

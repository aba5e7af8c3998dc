/**
 * The mock runtime's own guarantees, which other tests rely on: a secret export is reported even
 * though resolving it drops its secretness, waiting for a program awaits what it registered, and a
 * program run again in the same module registry records what a fresh entry point records.
 */
import type { MockRunResult } from "../program/mock-runtime";

/** A run's record in a stable order (export order is the only thing allowed to differ). */
const comparable = (r: MockRunResult) => ({ ...r, secretOutputs: [...r.secretOutputs].sort() });
describe("the mock runtime", () => {
  it("reports which exports are secret Outputs (so 'contain no secret' can fail)", async () => {
    let secretOutputs: string[] = [];
    let outputs: Record<string, unknown> = {};
    await jest.isolateModulesAsync(async () => {
      const pulumi = await import("@pulumi/pulumi");
      const { runUnderMocks } = await import("../program/mock-runtime");
      const r = await runUnderMocks({
        project: "p",
        stack: "s",
        config: {},
        load: () => ({ plain: pulumi.output("a"), hidden: pulumi.secret("b"), literal: 1 }),
      });
      secretOutputs = r.secretOutputs;
      outputs = r.outputs;
    });
    expect(secretOutputs).toEqual(["hidden"]);
    expect(outputs).toEqual({ plain: "a", hidden: "b", literal: 1 });
  });

  it("settles only when a chain of 40 resources, each registered in an apply of the previous one's ID and answered a turn later, is complete", async () => {
    const LINKS = 40;
    const answered: string[] = [];
    let afterTwentyTurns = -1;
    let pending = -1;
    await jest.isolateModulesAsync(async () => {
      const pulumi = await import("@pulumi/pulumi");
      const { trackMonitor } = await import("../program/monitor-tracker");
      // Each registration is answered on a later event-loop turn, as a monitor across a socket answers.
      await pulumi.runtime.setMocks(
        {
          newResource: (args) =>
            new Promise((resolve) =>
              setImmediate(() => {
                answered.push(args.name);
                resolve({ id: `${args.name}-id`, state: {} });
              }),
            ),
          call: () => ({}),
        },
        "p",
        "s",
      );
      const tracker = trackMonitor();
      class Link extends pulumi.CustomResource {
        constructor(name: string) {
          super("test:index:Link", name, {});
        }
      }
      const link = (i: number) => new Link(`link-${i}`);
      let last = link(0).id;
      for (let i = 1; i < LINKS; i++) last = last.apply(() => link(i).id);
      // The former settle(): a fixed 20 turns of the event loop. One link needs at least one turn.
      for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
      afterTwentyTurns = answered.length;
      await tracker.settle();
      pending = tracker.pending;
    });
    expect(afterTwentyTurns).toBeLessThan(LINKS);
    expect(answered).toEqual(Array.from({ length: LINKS }, (_, i) => `link-${i}`));
    expect(pending).toBe(0);
  });

  it("records the same resources, invokes and outputs when it runs the program again in one module registry as index.ts does in a fresh one", async () => {
    let fresh: MockRunResult | undefined;
    let again: MockRunResult | undefined;
    await jest.isolateModulesAsync(async () => {
      const harness = await import("./helpers/stack");
      fresh = await harness.runStack("prod");
      again = await harness.runVariant("prod", {});
    });
    expect(again!.resources.length).toBeGreaterThan(40);
    expect(comparable(again!)).toEqual(comparable(fresh!));
  });
});

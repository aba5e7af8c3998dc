/**
 * The policy pack through the engine: it runs in `preview` and in `up` (via the analyzer the
 * toolchain writes, no language host), and a program that violates a policy is stopped with that
 * policy's message before anything changes. Config validation refuses every config that would
 * violate a policy (the same rules, earlier), so the violation comes from the program itself: a
 * resource transform standing in for a program change that breaks a rule config cannot see.
 */
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { pulseOsProgram } from "../../scripts/lib/engine";
import { EngineStack, liveProgramObjects, tolerateEngineShutdown } from "./lib/harness";

/** What the CLI prints for a pack that ran: `pulse-os@v0.1.0 (local: policy)`. */
const PACK_RAN = /pulse-os@v0\.1\.0 \(local: [^)]*policy\)/;

/** When set, the program lengthens the workers' hard task time limit past their grace period. */
let breakDrain = false;

/** This repo's program, plus (when `breakDrain`) a transform that sets the worker's `--time-limit` to 600 s. */
async function program(): Promise<Record<string, unknown> | void> {
  if (breakDrain) {
    pulumi.runtime.registerResourceTransform((args) => {
      if (args.type !== "kubernetes:apps/v1:Deployment") return undefined;
      const props = args.props as { spec?: { template?: { spec?: { containers?: { command?: unknown }[] } } } };
      for (const c of props.spec?.template?.spec?.containers ?? []) {
        // The local stack sets no time limit: drop any, then allow 600 s (the grace period is shorter).
        if (Array.isArray(c.command) && c.command.includes("celery")) {
          c.command = [...c.command.filter((w: unknown) => !(typeof w === "string" && w.startsWith("--time-limit="))), "--time-limit=600"];
        }
      }
      return { props: args.props, opts: args.opts };
    });
  }
  return pulseOsProgram();
}

void describe("the policy pack through the engine", { concurrency: false }, () => {
  const s = new EngineStack("e2e-policy", {}, program);
  before(async () => {
    tolerateEngineShutdown();
    await s.open();
  });
  after(() => s.dispose());

  void it("runs in preview and in up", async () => {
    const p = await s.preview();
    assert.match(p.stdout, PACK_RAN);
    const u = await s.up();
    assert.match(u.stdout, PACK_RAN);
  });

  void it("stops an update whose program violates a policy, with that policy's message, and changes nothing", async () => {
    const before = liveProgramObjects();
    breakDrain = true; // a task may now outlive the drain: celery-drain-fits-grace
    try {
      for (const run of [() => s.preview(), () => s.up()]) {
        await assert.rejects(run(), (err: Error) => {
          assert.match(err.message, /celery-drain-fits-grace/);
          assert.match(err.message, /--time-limit=600s, not below terminationGracePeriodSeconds \d+s/);
          return true;
        });
      }
    } finally {
      breakDrain = false;
    }
    assert.deepEqual(liveProgramObjects(), before, "objects changed");
    assert.notEqual(JSON.stringify(await s.stack.exportStack()).includes("--time-limit=600"), true, "the violating spec reached the state");
  });

  void it("stops before any resource when a required secret entry is missing", async () => {
    const before = await s.stateObjects();
    await s.set("settings.requiredSecrets[0]", "APP_SECRET_KEY");
    await assert.rejects(s.up(), /pulse-os:settingsSecrets\.APP_SECRET_KEY: is required by settings\.requiredSecrets and not set/);
    assert.deepEqual(await s.stateObjects(), before, "the state changed");
    await s.set("settingsSecrets.APP_SECRET_KEY", "a-value", true);
    const r = await s.up();
    assert.equal(r.summary.result, "succeeded");
  });
});

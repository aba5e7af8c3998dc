/**
 * The policy pack through the engine: it runs in `preview` and in `up` (via the analyzer the
 * toolchain writes, no language host), and a stack config that violates a policy is stopped with
 * that policy's message before anything changes.
 */
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { EngineStack, liveProgramObjects, tolerateEngineShutdown } from "./lib/harness";

/** What the CLI prints for a pack that ran: `pulse-os@v0.1.0 (local: policy)`. */
const PACK_RAN = /pulse-os@v0\.1\.0 \(local: [^)]*policy\)/;

void describe("the policy pack through the engine", { concurrency: false }, () => {
  const s = new EngineStack("e2e-policy");
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

  void it("stops an update whose config violates a policy, with that policy's message, and changes nothing", async () => {
    const before = liveProgramObjects();
    // Valid for the config schema, but a task may outlive the drain: celery-drain-fits-grace.
    await s.set("workers.terminationGracePeriodSeconds", "120");
    await s.set("workers.timeLimitSeconds", "600");
    for (const run of [() => s.preview(), () => s.up()]) {
      await assert.rejects(run(), (err: Error) => {
        assert.match(err.message, /celery-drain-fits-grace/);
        assert.match(err.message, /--time-limit=600s, not below terminationGracePeriodSeconds 120s/);
        return true;
      });
    }
    assert.deepEqual(liveProgramObjects(), before, "objects changed");
    assert.notEqual(JSON.stringify(await s.stack.exportStack()).includes("--time-limit=600"), true, "the violating spec reached the state");
  });

  void it("stops before any resource when a required secret entry is missing", async () => {
    const before = await s.stateObjects();
    await s.unset("workers.timeLimitSeconds");
    await s.set("settings.requiredSecrets[0]", "APP_SECRET_KEY");
    await assert.rejects(s.up(), /pulse-os:settingsSecrets\.APP_SECRET_KEY: is required by settings\.requiredSecrets and not set/);
    assert.deepEqual(await s.stateObjects(), before, "the state changed");
    await s.set("settingsSecrets.APP_SECRET_KEY", "a-value", true);
    const r = await s.up();
    assert.equal(r.summary.result, "succeeded");
  });
});

/**
 * Faults through the real engine: the `pulumi` process killed with SIGKILL in the middle of `up`,
 * then the recovery docs/operations.md prescribes (cancel, refresh, up) converges with nothing
 * duplicated or orphaned.
 *
 * The update is made to hang deterministically, not raced: the API is pinned to a node pool that
 * has no nodes, so its Deployment never becomes Ready and the engine waits on it. The kill comes
 * when the engine reports that create, whatever the machine's speed.
 */
import { execFileSync } from "node:child_process";
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { EngineStack, eventually, liveProgramObjects, tolerateEngineShutdown } from "./lib/harness";

/** PIDs of this process's `pulumi` children (the CLI the Automation API started). */
function pulumiChildren(): number[] {
  const out = execFileSync("ps", ["-o", "pid=,comm=", "--ppid", String(process.pid)], { encoding: "utf8" });
  return out
    .split("\n")
    .map((l) => l.trim().split(/\s+/))
    .filter(([, comm]) => comm === "pulumi")
    .map(([pid]) => Number(pid));
}

void describe("recovery after the engine is killed mid-update", { concurrency: false }, () => {
  const s = new EngineStack("e2e-faults", { "pulse-os:api": { replicas: 2, nodePool: "pool-without-nodes" } });
  before(async () => {
    tolerateEngineShutdown();
    await s.open();
  });
  after(() => s.dispose());

  void it("converges with cancel, refresh and up after SIGKILL in the middle of up (engine waiting on a Deployment), leaving nothing duplicated or orphaned", async () => {
    let apiCreateStarted!: () => void;
    const waitingOnApi = new Promise<void>((resolve) => (apiCreateStarted = resolve));
    const interrupted = s.up((e) => {
      const pre = e.resourcePreEvent?.metadata;
      // Keyed on the Kubernetes object, not the URN (which names the component tree).
      const meta = (pre?.new?.inputs as { metadata?: { name?: string; namespace?: string } } | undefined)?.metadata;
      if (pre?.op === "create" && pre.type === "kubernetes:apps/v1:Deployment" && meta?.namespace === "apps" && meta.name === "api") apiCreateStarted();
    });
    await Promise.race([waitingOnApi, interrupted.then(() => assert.fail("the update finished although the API cannot become Ready"))]);
    await eventually("the API Deployment exists (the engine now waits for it to become Ready)", () => liveProgramObjects().has("Deployment/apps/api"));
    const killed = pulumiChildren();
    for (const pid of killed) process.kill(pid, "SIGKILL");
    await assert.rejects(interrupted, "the killed update fails");
    assert.equal(killed.length, 1, "exactly one pulumi process was killed");
    const partial = liveProgramObjects();
    assert.ok(partial.size > 0, "the killed update had created objects");

    // The operator fixes the config, then follows docs/operations.md, "When an update was interrupted".
    await s.unset("api.nodePool");
    await s.stack.cancel(); // the killed CLI left its lock behind
    await s.stack.refresh({ clearPendingCreates: true });
    const r = await s.up();
    assert.equal(r.summary.result, "succeeded");

    const state = await s.stateObjects();
    assert.equal(new Set(state).size, state.length, "an object is twice in the state");
    assert.deepEqual([...liveProgramObjects()].sort(), state, "the cluster holds exactly the state's objects (no orphans)");
    for (const key of partial) assert.ok(state.includes(key), `${key}, created before the kill, was adopted`);
    const p = await s.preview();
    assert.deepEqual(
      Object.keys(p.changeSummary).filter((op) => op !== "same"),
      [],
      JSON.stringify(p.changeSummary),
    );
  });
});

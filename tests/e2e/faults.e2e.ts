/**
 * Faults through the real engine: the `pulumi` process killed with SIGKILL in the middle of `up`,
 * then the recovery docs/operations.md prescribes (cancel, refresh, up) converges with nothing
 * duplicated or orphaned.
 */
import { execFileSync } from "node:child_process";
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { EngineStack, liveProgramObjects, tolerateEngineShutdown } from "./lib/harness";

/** PIDs of this process's `pulumi` children (the CLI the Automation API started). */
function pulumiChildren(): number[] {
  const out = execFileSync("ps", ["-o", "pid=,comm=", "--ppid", String(process.pid)], { encoding: "utf8" });
  return out.split("\n").map((l) => l.trim().split(/\s+/)).filter(([, comm]) => comm === "pulumi").map(([pid]) => Number(pid));
}

describe("recovery after the engine is killed mid-update", { concurrency: false }, () => {
  const s = new EngineStack("e2e-faults");
  before(async () => {
    tolerateEngineShutdown();
    await s.open();
  });
  after(() => s.dispose());

  it("converges with cancel, refresh and up after SIGKILL in the middle of up, leaving nothing duplicated or orphaned", async () => {
    let created = 0;
    const killed: number[] = [];
    const interrupted = s.up((e) => {
      if (e.resOutputsEvent?.metadata.op === "create" && ++created === 6 && killed.length === 0) {
        for (const pid of pulumiChildren()) {
          process.kill(pid, "SIGKILL");
          killed.push(pid);
        }
      }
    });
    await assert.rejects(interrupted, "the killed update fails");
    assert.equal(killed.length, 1, "exactly one pulumi process was killed");
    const partial = liveProgramObjects();
    assert.ok(partial.size > 0, "the killed update had created objects");

    // docs/operations.md, "When an update was interrupted"
    await s.stack.cancel(); // the killed CLI left its lock behind
    await s.stack.refresh({ clearPendingCreates: true });
    const r = await s.up();
    assert.equal(r.summary.result, "succeeded");

    const state = await s.stateObjects();
    assert.equal(new Set(state).size, state.length, "an object is twice in the state");
    assert.deepEqual([...liveProgramObjects()].sort(), state, "the cluster holds exactly the state's objects (no orphans)");
    for (const key of partial) assert.ok(state.includes(key), `${key}, created before the kill, was adopted`);
    const p = await s.preview();
    assert.deepEqual(Object.keys(p.changeSummary).filter((op) => op !== "same"), [], JSON.stringify(p.changeSummary));
  });
});

/**
 * Turning autoscaling on for a running stack, through the real engine: the replica count is
 * handed to the autoscaler without ever dropping (server-side apply would reset a field nobody
 * owns to its default, 1). Judged on the API server's watch events.
 */
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { EngineStack, kubectlJson } from "./lib/harness";
import { watchWorkerReadiness } from "./lib/watch";

void describe("handing replicas to an autoscaler", { concurrency: false }, () => {
  const s = new EngineStack("e2e-autoscale", { "pulse-os:workers": { color: "blue", spot: false, replicas: 2 } });
  before(async () => {
    await s.open();
    await s.up();
  });
  after(() => s.dispose());

  void it("keeps 2 replicas when a CPU HPA with minimum 2 takes over, and previews no change afterwards", async () => {
    await s.set("workers.autoscaling.mode", "hpa");
    await s.set("workers.autoscaling.minReplicas", "2");
    await s.set("workers.autoscaling.maxReplicas", "4");
    const watch = watchWorkerReadiness(["workers-blue"]);
    await watch.started;
    try {
      const r = await s.up();
      assert.equal(r.summary.result, "succeeded");
    } finally {
      watch.stop();
    }
    const desired = watch.events().map((e) => e.desired);
    assert.ok(desired.length >= 1);
    assert.deepEqual(
      desired.filter((n) => n < 2),
      [],
      `the replica count dropped during the handover: ${desired.join(" -> ")}`,
    );
    assert.equal(kubectlJson(["get", "deployment", "worker", "-n", "workers-blue"])["spec"].replicas, 2);
    assert.equal(kubectlJson(["get", "hpa", "worker", "-n", "workers-blue"])["spec"].minReplicas, 2);
    const p = await s.preview();
    assert.deepEqual(
      Object.keys(p.changeSummary).filter((op) => op !== "same"),
      [],
      JSON.stringify(p.changeSummary),
    );
  });
});

/**
 * The local stack's whole life through the real engine (Automation API, provider v4.25.0) on the
 * AKS-shaped cluster: up from empty, no-change preview and up, secrets in the state, drift,
 * out-of-band deletion, spot, the two-step blue/green cutover, delete timeouts, destroy.
 *
 * Run: npm run test:e2e (starts the cluster when none is reachable).
 */
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { DELETE_HEADROOM_SECONDS } from "../../components/lib/timeouts";
import { EngineStack, eventually, kubectl, kubectlJson, liveProgramObjects, nodeLabels, podsOf, type Obj } from "./lib/harness";
import { watchWorkerReadiness } from "./lib/watch";

const GRACE_SECONDS = 960; // longer than the provider's default 10-minute delete timeout

function onlySame(summary: Record<string, number | undefined>): boolean {
  return Object.entries(summary).every(([op, n]) => op === "same" || (n ?? 0) === 0);
}

function readyReplicas(namespace: string, name: string): number {
  return (kubectlJson(["get", "deployment", name, "-n", namespace])["status"].readyReplicas as number | undefined) ?? 0;
}

void describe("the local stack through the engine", { concurrency: false }, () => {
  const e2e = new EngineStack("e2e", { "pulse-os:workers": { color: "blue", spot: false, replicas: 2, terminationGracePeriodSeconds: GRACE_SECONDS } });
  const secretValue = `s3cr3t-${randomBytes(12).toString("hex")}`;

  before(async () => {
    await e2e.open();
    await e2e.set("settingsSecrets.APP_SECRET_KEY", secretValue, true);
  });
  after(() => e2e.dispose());

  void it("creates every object from empty, awaits the Deployments and places the pods on their pools and zones", async () => {
    const r = await e2e.up();
    assert.equal(r.summary.result, "succeeded");
    assert.ok((r.summary.resourceChanges?.["create"] ?? 0) > 20, JSON.stringify(r.summary.resourceChanges));
    assert.deepEqual([...liveProgramObjects()].sort(), await e2e.stateObjects(), "the cluster holds exactly the state's objects");
    for (const [ns, name] of [
      ["apps", "api"],
      ["workers-blue", "worker"],
    ] as const) {
      assert.equal(readyReplicas(ns, name), 2, `${ns}/${name} Ready when up returned`);
    }
    const api = podsOf("apps", "api");
    for (const p of api) assert.equal(nodeLabels(p["spec"].nodeName)["kubernetes.azure.com/agentpool"], "apps");
    assert.equal(new Set(api.map((p) => nodeLabels(p["spec"].nodeName)["topology.kubernetes.io/zone"])).size, 2, "the API spans both zones");
    // The chart's own verification step still finds the workers.
    assert.equal((kubectlJson(["get", "pods", "-n", "workers-blue", "-l", "component=worker"])["items"] as Obj[]).length, 2);
    for (const p of podsOf("workers-blue", "worker")) {
      const node = nodeLabels(p["spec"].nodeName);
      assert.equal(node["kubernetes.azure.com/agentpool"], "workers");
      assert.notEqual(node["kubernetes.azure.com/scalesetpriority"], "spot");
    }
  });

  void it("previews no change and updates nothing when run again", async () => {
    const p = await e2e.preview({ diff: true });
    assert.ok(onlySame(p.changeSummary), `a no-change preview proposed changes: ${JSON.stringify(p.changeSummary)}\n${p.stdout}`);
    const u = await e2e.up();
    assert.ok(onlySame(u.summary.resourceChanges ?? {}), `a no-change up changed: ${JSON.stringify(u.summary.resourceChanges)}`);
  });

  void it("keeps a value set with --secret out of the state in plain text (checkpoint, backups, history, pulumi stack export)", () => {
    const backend = e2e.backendContents();
    assert.ok(backend.includes("ciphertext"), "the backend holds the stack's encrypted values");
    const exported = e2e.cli(["stack", "export"]);
    for (const [where, text] of [
      ["the backend", backend],
      ["pulumi stack export", exported],
    ] as const) {
      assert.ok(!text.includes(secretValue), `the secret value is in ${where} in plain text`);
      assert.ok(!text.includes(Buffer.from(secretValue).toString("base64")), `the secret value is in ${where} base64-encoded`);
    }
    const live = kubectlJson(["get", "secret", "secret-api-workers", "-n", "workers-blue"]);
    assert.equal(Buffer.from(live["data"]["APP_SECRET_KEY"], "base64").toString("utf8"), secretValue, "the value reached the cluster");
  });

  void it("reports a field changed out of band in preview --refresh and reverts it with up --refresh", async () => {
    kubectl(["scale", "deployment/api", "-n", "apps", "--replicas=3"]);
    kubectl(["patch", "configmap", "configmap-api-workers", "-n", "apps", "--type=merge", "-p", '{"data":{"BROKER_REQUESTS_QUEUE":"edited-by-hand"}}']);
    const p = await e2e.preview({ refresh: true, diff: true });
    assert.equal(p.changeSummary["update"], 2, `expected the Deployment and the ConfigMap to be updated: ${JSON.stringify(p.changeSummary)}\n${p.stdout}`);
    await e2e.up();
    assert.equal(kubectlJson(["get", "deployment", "api", "-n", "apps"])["spec"].replicas, 2);
    assert.notEqual(kubectlJson(["get", "configmap", "configmap-api-workers", "-n", "apps"])["data"]["BROKER_REQUESTS_QUEUE"], "edited-by-hand");
  });

  void it("brings back an object deleted out of band with refresh and up", async () => {
    kubectl(["delete", "service", "management-api", "-n", "apps", "--wait=true"]);
    const r = await e2e.refresh();
    assert.equal(r.summary.resourceChanges?.["delete"], 1, JSON.stringify(r.summary.resourceChanges));
    const u = await e2e.up();
    assert.equal(u.summary.resourceChanges?.["create"], 1, JSON.stringify(u.summary.resourceChanges));
    assert.equal(kubectlJson(["get", "service", "management-api", "-n", "apps"])["metadata"].name, "management-api");
  });

  void it("derives the worker Deployment's delete timeout from its grace period, recorded in the state", async () => {
    const state = (await e2e.stack.exportStack()).deployment["resources"] as Obj[];
    const worker = state.find((r) => r["type"] === "kubernetes:apps/v1:Deployment" && r["outputs"]?.metadata?.namespace === "workers-blue");
    assert.ok(worker, "worker Deployment in the state");
    assert.equal(worker["outputs"].spec.template.spec.terminationGracePeriodSeconds, GRACE_SECONDS);
    assert.deepEqual(worker["customTimeouts"], { delete: GRACE_SECONDS + DELETE_HEADROOM_SECONDS });
    const ns = state.find((r) => r["type"] === "kubernetes:core/v1:Namespace" && r["outputs"]?.metadata?.name === "workers-blue");
    assert.deepEqual(ns?.["customTimeouts"], { delete: GRACE_SECONDS + DELETE_HEADROOM_SECONDS });
  });

  void it("moves the workers onto spot nodes when the spot flag turns on", async () => {
    await e2e.set("workers.spot", "true");
    await e2e.set("workers.spotNodePool", "spot");
    await e2e.up();
    await eventually("every worker pod on a spot node", () => {
      const pods = podsOf("workers-blue", "worker");
      return pods.length === 2 && pods.every((p) => p["spec"].nodeName && nodeLabels(p["spec"].nodeName)["kubernetes.azure.com/scalesetpriority"] === "spot");
    });
  });

  void it("cuts over blue -> green in two steps: green Ready before blue scales to zero, never zero Ready workers, blue gone after step 2", async () => {
    await e2e.set("workers.color", "green");
    await e2e.set("workers.drainingColor", "blue");
    const watch = watchWorkerReadiness(["workers-blue", "workers-green"]);
    await watch.started;
    try {
      await e2e.up();
      await eventually("blue drained", () => podsOf("workers-blue", "worker").length === 0);
    } finally {
      watch.stop();
    }
    const events = watch.events();
    const greenReady = events.findIndex((e) => e.namespace === "workers-green" && e.ready >= 2);
    const blueZero = events.findIndex((e) => e.namespace === "workers-blue" && e.desired === 0);
    assert.ok(greenReady >= 0, "green became Ready");
    assert.ok(blueZero > greenReady, `blue was scaled to zero (event ${blueZero}) before green was Ready (event ${greenReady})`);
    assert.deepEqual(watch.momentsWithoutReadyWorkers(), [], "there was a moment with zero Ready workers");
    assert.equal((await e2e.stack.outputs())["activeWorkerColor"]?.value, "green");

    await e2e.unset("workers.drainingColor");
    await e2e.up();
    await eventually("namespace workers-blue deleted", () => !kubectl(["get", "namespaces", "-o", "name"]).includes("namespace/workers-blue"));
    assert.equal(readyReplicas("workers-green", "worker"), 2);
  });

  void it("leaves none of the program's objects after destroy", async () => {
    const r = await e2e.destroy();
    assert.equal(r.summary.result, "succeeded");
    assert.deepEqual([...liveProgramObjects()], []);
    const names = kubectl(["get", "namespaces", "-o", "name"]);
    for (const ns of ["apps", "exporter", "workers-blue", "workers-green"]) assert.ok(!names.includes(`namespace/${ns}\n`), `${ns} left behind`);
  });
});

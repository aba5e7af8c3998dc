/**
 * Migration from the Helm chart being replaced, with real Helm (v3.22, built from the module
 * proxy) and the real engine. A release holds the chart's objects (the program's own render of the
 * local stack is a fair stand-in for the chart's templates: same names, same namespaces); the
 * procedure of docs/operations.md ("Taking over from the Helm release") then hands every object
 * to Pulumi without deleting or re-creating anything.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { helm, renderObjects, writeChart } from "../../scripts/lib/chart";
import { CLUSTER_KUBECONFIG, TOOLCHAIN_BIN } from "../../scripts/lib/engine";
import { EngineStack, kubectl, kubectlJson, liveProgramObjects, type Obj } from "./lib/harness";

const RELEASE = "pulse-os";
const RELEASE_NS = "apps";

function uids(kind: string, namespace: string): Map<string, string> {
  return new Map((kubectlJson(["get", kind, "-n", namespace])["items"] as Obj[]).map((o) => [o["metadata"].name as string, o["metadata"].uid as string]));
}

void describe("taking over the objects of the Helm release", { concurrency: false }, () => {
  const dir = mkdtempSync(path.join(tmpdir(), "pulse-helm-"));
  const s = new EngineStack("e2e-helm");
  let rendered: Obj[];

  before(async () => {
    rendered = renderObjects(dir);
    for (const ns of rendered.filter((o) => o["kind"] === "Namespace")) kubectl(["create", "-f", "-"], JSON.stringify(ns));
    helm(["install", RELEASE, writeChart(dir, rendered), "-n", RELEASE_NS, "--wait", "--timeout", "3m"]);
    await s.open();
  });
  after(async () => {
    spawnSync(path.join(TOOLCHAIN_BIN, "helm"), ["uninstall", RELEASE, "-n", RELEASE_NS], { env: { ...process.env, KUBECONFIG: CLUSTER_KUBECONFIG } });
    await s.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  void it("adopts every object without deleting, re-creating or restarting anything; removing the release afterwards deletes nothing", async () => {
    const deployments = { apps: uids("deployments", "apps"), workers: uids("deployments", "workers-blue") };
    const pods = { apps: uids("pods", "apps"), workers: uids("pods", "workers-blue") };

    // Step 1: pulumi up. The program's objects carry pulumi.com/patchForce (components/lib/ownership.ts),
    // so its server-side apply takes the fields Helm's field manager owns instead of failing.
    const r = await s.up();
    assert.equal(r.summary.result, "succeeded");
    // Step 2: make Helm forget the release without touching its objects: delete the release's
    // records (`helm uninstall` would delete every object; Helm reads `helm.sh/resource-policy`
    // from the stored manifest, so annotating the live objects does not keep them).
    kubectl(["delete", "secret", "-n", RELEASE_NS, "-l", `owner=helm,name=${RELEASE}`]);
    assert.equal(helm(["list", "-n", RELEASE_NS, "-q"]).trim(), "", "the release is gone");

    assert.deepEqual(uids("deployments", "apps"), deployments.apps, "API Deployment re-created");
    assert.deepEqual(uids("deployments", "workers-blue"), deployments.workers, "worker Deployment re-created");
    assert.deepEqual(uids("pods", "apps"), pods.apps, "API pods restarted");
    assert.deepEqual(uids("pods", "workers-blue"), pods.workers, "worker pods restarted");
    assert.deepEqual([...liveProgramObjects()].sort(), await s.stateObjects(), "every object is in the state and still in the cluster");
    const p = await s.preview();
    assert.deepEqual(
      Object.keys(p.changeSummary).filter((op) => op !== "same"),
      [],
      `${JSON.stringify(p.changeSummary)}\n${p.stdout}`,
    );
  });
});

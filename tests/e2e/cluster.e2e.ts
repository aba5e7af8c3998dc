/**
 * Cluster conformance of what the program renders, on the local AKS-shaped cluster
 * (`npm run cluster:up`): a real kube-apiserver with Pod Security Admission, the real CRD schemas,
 * a scheduler, a controller manager and KWOK nodes in the apps/workers/spot pools.
 *
 * The Pulumi engine half (pulumi up/preview/refresh/destroy through the Automation API) cannot
 * run here: the Kubernetes provider plugin cannot be built from the Go module proxy (see
 * docs/toolchain.md). Objects are therefore applied with server-side apply, the same API call
 * the provider makes, and removed the way the engine removes what left the program.
 *
 * Run: npm run test:e2e   (node:test; needs the toolchain cache, starts the cluster if needed)
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { parse, stringify } from "yaml";

const ROOT = path.resolve(__dirname, "../..");
type Obj = Record<string, any>;

function kubectl(args: string[], input?: string): string {
  return execFileSync("kubectl", args, { encoding: "utf8", input, stdio: ["pipe", "pipe", "pipe"], maxBuffer: 64 << 20 });
}

function kubectlJson(args: string[]): Obj {
  return JSON.parse(kubectl([...args, "-o", "json"])) as Obj;
}

/** Renders a stack file (default: the local stack) with `workers` overridden; returns its objects. */
function render(name: string, workers: Obj, base = "Pulumi.local.yaml"): Obj[] {
  const dir = mkdtempSync(path.join(tmpdir(), `e2e-${name}-`));
  const stackFile = path.join(dir, `Pulumi.${name}.yaml`);
  const local = parse(readFileSync(path.join(ROOT, base), "utf8")) as { config: Obj };
  local.config["pulse-os:workers"] = { ...local.config["pulse-os:workers"], ...workers };
  writeFileSync(stackFile, stringify(local));
  const out = path.join(dir, "out");
  const r = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", path.join(ROOT, "scripts/render.ts"), "--config-file", stackFile, "--out", out], { cwd: ROOT, encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  const kdir = path.join(out, name, "kubernetes");
  return readdirSync(kdir).sort().map((f) => parse(readFileSync(path.join(kdir, f), "utf8")) as Obj);
}

const key = (o: Obj) => `${o["kind"]}/${o["metadata"].namespace ?? ""}/${o["metadata"].name}`;

/** Server-side apply, namespaces first (as the engine orders them by dependency). */
function apply(objects: Obj[]): void {
  const namespaces = objects.filter((o) => o["kind"] === "Namespace");
  const rest = objects.filter((o) => o["kind"] !== "Namespace");
  for (const batch of [namespaces, rest]) {
    if (batch.length === 0) continue;
    kubectl(["apply", "--server-side", "--field-manager=pulumi-kubernetes", "-f", "-"], batch.map((o) => stringify(o)).join("---\n"));
  }
}

/** Deletes what is in `before` but not in `after` (what the engine does with removed resources). */
function prune(previous: Obj[], next: Obj[]): void {
  const keep = new Set(next.map(key));
  const gone = previous.filter((o) => !keep.has(key(o)));
  // Namespaced objects first, namespaces last.
  for (const o of [...gone.filter((g) => g["kind"] !== "Namespace"), ...gone.filter((g) => g["kind"] === "Namespace")]) {
    const ns = o["metadata"].namespace ? ["-n", o["metadata"].namespace] : [];
    kubectl(["delete", o["kind"].toLowerCase(), o["metadata"].name, ...ns, "--ignore-not-found", "--wait=true", "--timeout=120s"]);
  }
}

function waitForDeployments(objects: Obj[]): void {
  for (const d of objects.filter((o) => o["kind"] === "Deployment" && (o["spec"].replicas ?? 1) > 0)) {
    kubectl(["rollout", "status", `deployment/${d["metadata"].name}`, "-n", d["metadata"].namespace, "--timeout=180s"]);
  }
}

function podsOf(namespace: string, instance: string): Obj[] {
  return kubectlJson(["get", "pods", "-n", namespace, "-l", `app.kubernetes.io/instance=${instance}`])["items"].filter((p: Obj) => !p["metadata"].deletionTimestamp);
}

function nodePool(nodeName: string): Obj {
  return kubectlJson(["get", "node", nodeName])["metadata"].labels;
}

describe("the local stack on the AKS-shaped cluster", { concurrency: false }, () => {
  let blue: Obj[];
  before(() => {
    execFileSync("kubectl", ["get", "--raw=/readyz"], { stdio: "pipe" });
    blue = render("e2eblue", { color: "blue", spot: false });
    apply(blue);
    waitForDeployments(blue);
  });

  after(() => {
    // Leave nothing behind even when a test failed.
    for (const ns of ["apps", "exporter", "workers-blue", "workers-green"]) {
      spawnSync("kubectl", ["delete", "namespace", ns, "--ignore-not-found", "--wait=true", "--timeout=120s"], { stdio: "pipe" });
    }
  });

  it("accepts every rendered object, custom resources included, as rendered", () => {
    for (const o of blue) {
      const live = (JSON.parse(kubectl(["get", "-f", "-", "-o", "json"], stringify(o))) as Obj)["items"][0] as Obj;
      // The API server may add labels (kubernetes.io/metadata.name), never drop ours.
      for (const [k, v] of Object.entries((o["metadata"].labels ?? {}) as Obj)) assert.equal(live["metadata"].labels?.[k], v, `${key(o)} label ${k}`);
      if (o["spec"] && o["kind"] !== "Deployment" && o["kind"] !== "Service" && o["kind"] !== "CronJob") {
        // Defaulted fields aside, the live spec contains what was sent.
        for (const [k, v] of Object.entries(o["spec"] as Obj)) assert.deepEqual(live["spec"][k], v, `${key(o)} spec.${k}`);
      }
    }
  });

  it("runs API pods only on apps nodes and worker pods only on workers nodes, across both zones", () => {
    const api = podsOf("apps", "api");
    const workers = podsOf("workers-blue", "worker");
    assert.equal(api.length, 2);
    assert.equal(workers.length, 2);
    for (const p of api) assert.equal(nodePool(p["spec"].nodeName)["kubernetes.azure.com/agentpool"], "apps");
    for (const p of workers) assert.equal(nodePool(p["spec"].nodeName)["kubernetes.azure.com/agentpool"], "workers");
    const zones = new Set(api.map((p) => nodePool(p["spec"].nodeName)["topology.kubernetes.io/zone"]));
    assert.equal(zones.size, 2, "the API spreads across zones");
    for (const p of [...api, ...workers]) {
      assert.equal(p["status"].phase, "Running");
      assert.ok(p["status"].conditions.some((c: Obj) => c.type === "Ready" && c.status === "True"), `${p["metadata"].name} Ready`);
    }
  });

  it("creates the exporter CronJob and an HTTPRoute whose backends are existing Services and ports", () => {
    assert.equal(kubectlJson(["get", "cronjob", "datahub-exporter", "-n", "exporter"])["spec"].concurrencyPolicy, "Forbid");
    const route = kubectlJson(["get", "httproute", "pulse-os-api", "-n", "apps"]);
    for (const rule of route["spec"].rules) {
      for (const ref of rule.backendRefs) {
        const svc = kubectlJson(["get", "service", ref.name, "-n", "apps"]);
        assert.ok(svc["spec"].ports.some((p: Obj) => p.port === ref.port), `${ref.name}:${ref.port}`);
      }
    }
  });

  it("enforces Pod Security restricted: our pods are admitted, a privileged pod is rejected", () => {
    for (const ns of ["apps", "workers-blue", "exporter"]) {
      assert.equal(kubectlJson(["get", "namespace", ns])["metadata"].labels["pod-security.kubernetes.io/enforce"], "restricted");
      const bad = { apiVersion: "v1", kind: "Pod", metadata: { name: "psa-probe", namespace: ns }, spec: { containers: [{ name: "c", image: "registry.local.test/x:1", securityContext: { privileged: true } }] } };
      const r = spawnSync("kubectl", ["create", "-f", "-"], { input: JSON.stringify(bad), encoding: "utf8" });
      assert.notEqual(r.status, 0, `privileged pod admitted in ${ns}`);
      assert.match(r.stderr, /violates PodSecurity "restricted:latest"/);
    }
  });

  it("changes nothing when the same objects are applied again", () => {
    const r = spawnSync("kubectl", ["diff", "--server-side", "--field-manager=pulumi-kubernetes", "-f", "-"], { input: blue.map((o) => stringify(o)).join("---\n"), encoding: "utf8" });
    assert.equal(r.status, 0, `unexpected diff:\n${r.stdout}${r.stderr}`);
  });

  it("moves the workers onto spot nodes when the spot flag turns on", () => {
    const spot = render("e2espot", { color: "blue", spot: true });
    apply(spot);
    waitForDeployments(spot);
    const pods = podsOf("workers-blue", "worker").filter((p) => p["status"].phase === "Running");
    assert.ok(pods.length >= 2);
    for (const p of pods) assert.equal(nodePool(p["spec"].nodeName)["kubernetes.azure.com/scalesetpriority"], "spot");
    blue = spot;
  });

  it("cuts over blue -> green: green Ready while blue drains at zero, then blue is removed", () => {
    const cutover = render("e2ecut", { color: "green", drainingColor: "blue", spot: false });
    apply(cutover);
    waitForDeployments(cutover);
    assert.equal(kubectlJson(["get", "deployment", "worker", "-n", "workers-green"])["status"].readyReplicas, 2);
    assert.equal(kubectlJson(["get", "deployment", "worker", "-n", "workers-blue"])["spec"].replicas, 0);
    const green = render("e2egreen", { color: "green", spot: false });
    apply(green);
    prune(cutover, green);
    assert.notEqual(spawnSync("kubectl", ["get", "namespace", "workers-blue"], { stdio: "pipe" }).status, 0, "workers-blue removed");
    assert.equal(kubectlJson(["get", "serviceaccount", "sa-workers-workloadidentity", "-n", "workers-green"])["metadata"].annotations["azure.workload.identity/client-id"], "22222222-2222-2222-2222-222222222222");
    blue = green;
  });

  it("leaves none of the program's objects behind after removal", () => {
    prune(blue, []);
    for (const o of blue) {
      const ns = o["metadata"].namespace ? ["-n", o["metadata"].namespace] : [];
      assert.notEqual(spawnSync("kubectl", ["get", o["kind"].toLowerCase(), o["metadata"].name, ...ns], { stdio: "pipe" }).status, 0, `${key(o)} still exists`);
    }
  });
});

describe("every optional kind on the cluster (tests/fixtures/Pulumi.lint-all-features.yaml)", { concurrency: false }, () => {
  let objects: Obj[];
  before(() => {
    objects = render("e2eall", {}, "tests/fixtures/Pulumi.lint-all-features.yaml");
    apply(objects);
  });
  after(() => prune(objects, []));

  it("accepts HPAs, KEDA ScaledObjects and TriggerAuthentications, PDBs, network policies and both colours", () => {
    const kinds = new Set(objects.map((o) => o["kind"]));
    for (const kind of ["HorizontalPodAutoscaler", "ScaledObject", "TriggerAuthentication", "PodDisruptionBudget", "NetworkPolicy", "HTTPRoute", "HealthCheckPolicy", "AzureAppConfigurationProvider", "CronJob"]) {
      assert.ok(kinds.has(kind), `the fixture renders a ${kind}`);
    }
    for (const o of objects) {
      const live = (JSON.parse(kubectl(["get", "-f", "-", "-o", "json"], stringify(o))) as Obj)["items"][0] as Obj;
      assert.equal(live["metadata"].name, o["metadata"].name, key(o));
    }
  });

  it("brings every pool of the active colour up on its own node pool while the draining colour stays at zero", () => {
    waitForDeployments(objects.filter((o) => o["metadata"].namespace !== "workers-blue"));
    for (const pool of ["bulk", "high"]) {
      const pods = podsOf("workers-green", pool).filter((p) => p["status"].phase === "Running");
      assert.ok(pods.length >= 1, `pool ${pool} runs`);
      const spot = pool === "bulk";
      for (const p of pods) assert.equal(nodePool(p["spec"].nodeName)["kubernetes.azure.com/agentpool"], spot ? "spot" : "workers", `${pool} placement`);
    }
    for (const d of objects.filter((o) => o["kind"] === "Deployment" && o["metadata"].namespace === "workers-blue")) {
      assert.equal(kubectlJson(["get", "deployment", d["metadata"].name, "-n", "workers-blue"])["spec"].replicas, 0);
    }
  });
});

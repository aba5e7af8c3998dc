/**
 * Every optional kind through the real engine: HPAs, a KEDA ScaledObject and its
 * TriggerAuthentication, several worker pools on their node pools, PodDisruptionBudgets, network
 * policies and a draining colour, on top of the local stack; plus Pod Security Admission on the
 * namespaces the program owns.
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { CLUSTER_KUBECONFIG, TOOLCHAIN_BIN } from "../../scripts/lib/engine";
import { EngineStack, kubectlJson, liveProgramObjects, nodeLabels, podsOf } from "./lib/harness";

const FEATURES = {
  "pulse-os:api": { replicas: 2, autoscaling: { mode: "hpa", minReplicas: 2, maxReplicas: 5, cpuUtilization: 60 } },
  "pulse-os:workers": {
    color: "green",
    drainingColor: "blue",
    spot: false,
    replicas: 1,
    keda: { address: "redis.local.test:6380", passwordSecret: { name: "secret-api-workers", key: "REDIS_PASSWORD" } },
    pools: {
      high: { queues: ["high"], replicas: 2, autoscaling: { mode: "hpa", minReplicas: 2, maxReplicas: 6 } },
      bulk: {
        queues: ["requests", "bulk"],
        spot: true,
        spotNodePool: "spot",
        concurrency: 4,
        autoscaling: { mode: "keda", minReplicas: 1, maxReplicas: 20, listLength: 5 },
      },
    },
  },
  "pulse-os:networkPolicy": {
    enabled: true,
    gatewayCidrs: ["10.225.0.0/24"],
    broker: { cidrs: ["10.10.0.0/24"] },
    exporterEgress: [{ cidr: "10.20.0.0/24", port: 443 }],
  },
};

void describe("every optional kind through the engine", { concurrency: false }, () => {
  const s = new EngineStack("e2e-features", FEATURES);
  before(async () => {
    await s.open();
    const r = await s.up();
    assert.equal(r.summary.result, "succeeded", s.output());
  });
  after(() => s.dispose());

  void it("creates HPAs, a ScaledObject with its TriggerAuthentication, PDBs, network policies and both colours", async () => {
    const kinds = new Set([...liveProgramObjects()].map((k) => k.split("/")[0]));
    for (const kind of [
      "HorizontalPodAutoscaler",
      "ScaledObject",
      "TriggerAuthentication",
      "PodDisruptionBudget",
      "NetworkPolicy",
      "HTTPRoute",
      "HealthCheckPolicy",
      "AzureAppConfigurationProvider",
      "CronJob",
    ]) {
      assert.ok(kinds.has(kind), `${kind} exists`);
    }
    assert.deepEqual([...liveProgramObjects()].sort(), await s.stateObjects());
  });

  void it("runs every pool of the active colour on its own node pool while the draining colour stays at zero", () => {
    for (const [pool, spot] of [
      ["high", false],
      ["bulk", true],
    ] as const) {
      const pods = podsOf("workers-green", pool);
      assert.ok(pods.length >= 1, `pool ${pool} runs`);
      for (const p of pods) assert.equal(nodeLabels(p["spec"].nodeName)["kubernetes.azure.com/agentpool"], spot ? "spot" : "workers", `${pool} placement`);
    }
    for (const pool of ["high", "bulk"]) assert.equal(kubectlJson(["get", "deployment", pool, "-n", "workers-blue"])["spec"].replicas, 0);
    // KEDA cannot re-activate the draining colour: its ScaledObject is paused at zero.
    assert.equal(kubectlJson(["get", "scaledobject", "bulk", "-n", "workers-blue"])["metadata"].annotations["autoscaling.keda.sh/paused-replicas"], "0");
  });

  void it("previews no change on a second run, autoscaled Deployments included", async () => {
    const p = await s.preview();
    assert.deepEqual(
      Object.keys(p.changeSummary).filter((op) => op !== "same"),
      [],
      `${JSON.stringify(p.changeSummary)}\n${p.stdout}`,
    );
  });

  void it("enforces Pod Security restricted in every namespace it owns: a privileged pod is rejected", () => {
    for (const ns of ["apps", "workers-green", "workers-blue", "exporter"]) {
      assert.equal(kubectlJson(["get", "namespace", ns])["metadata"].labels["pod-security.kubernetes.io/enforce"], "restricted");
      const bad = {
        apiVersion: "v1",
        kind: "Pod",
        metadata: { name: "psa-probe", namespace: ns },
        spec: { containers: [{ name: "c", image: "registry.local.test/x:1", securityContext: { privileged: true } }] },
      };
      const r = spawnSync(path.join(TOOLCHAIN_BIN, "kubectl"), ["create", "-f", "-"], {
        input: JSON.stringify(bad),
        encoding: "utf8",
        env: { ...process.env, KUBECONFIG: CLUSTER_KUBECONFIG },
      });
      assert.notEqual(r.status, 0, `privileged pod admitted in ${ns}`);
      assert.match(r.stderr, /violates PodSecurity "restricted:latest"/);
    }
  });
});

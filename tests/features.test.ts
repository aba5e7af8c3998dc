import type { MockRunResult } from "../program/mock-runtime";
import { k8sObjects } from "./helpers/invariants";
import { k8sObject, runVariant, urnContract } from "./helpers/stack";
import { byKind, devWorkers } from "./helpers/variants";

describe("worker pools", () => {
  let plain: MockRunResult;
  let named: MockRunResult;
  let two: MockRunResult;
  beforeAll(async () => {
    plain = await runVariant("dev", { workers: devWorkers });
    named = await runVariant("dev", { workers: { ...devWorkers, pools: { worker: {} } } });
    two = await runVariant("dev", {
      workers: { ...devWorkers, pools: { high: { queues: ["high"], replicas: 2, spot: false }, low: { queues: ["low", "bulk"], concurrency: 8 } } },
    });
  });

  it("keeps every URN and every object when the single worker becomes a pool named 'worker'", () => {
    expect(urnContract(named.resources)).toEqual(urnContract(plain.resources));
    expect(k8sObjects(named)).toEqual(k8sObjects(plain));
  });

  it("deploys one Deployment per pool in the colour namespace, all under the workers service account", () => {
    const deployments = byKind(two, "Deployment").filter((d) => d["metadata"].namespace === "workers-blue");
    expect(deployments.map((d) => d["metadata"].name)).toEqual(["high", "low"]);
    for (const d of deployments) expect(d["spec"].template.spec.serviceAccountName).toBe("sa-workers-workloadidentity");
    const [high, low] = deployments;
    expect(high!["spec"].replicas).toBe(2);
    expect(high!["spec"].template.spec.tolerations).toBeUndefined();
    expect(high!["spec"].template.spec.containers[0].env).toEqual([{ name: "BROKER_REQUESTS_QUEUE", value: "high" }]);
    expect(low!["spec"].replicas).toBe(1);
    expect(low!["spec"].template.spec.tolerations).toHaveLength(1);
    expect(low!["spec"].template.spec.containers[0].env).toEqual([{ name: "BROKER_REQUESTS_QUEUE", value: "low,bulk" }]);
    expect(low!["spec"].template.spec.containers[0].command).toContain("--concurrency=8");
    expect(byKind(two, "PodDisruptionBudget").map((p) => `${p["metadata"].namespace}/${p["metadata"].name}`)).toEqual([
      "apps/api",
      "workers-blue/high",
      "workers-blue/low",
    ]);
  });
});

describe("autoscaling", () => {
  let keda: MockRunResult;
  let hpa: MockRunResult;
  beforeAll(async () => {
    keda = await runVariant("dev", {
      workers: {
        ...devWorkers,
        timeLimitSeconds: 25,
        autoscaling: { mode: "keda", minReplicas: 0, maxReplicas: 20, listLength: 5 },
        keda: { address: "redis.example.com:6380", passwordSecret: { key: "REDIS_PASSWORD" } },
      },
    });
    hpa = await runVariant("dev", {
      workers: { ...devWorkers, autoscaling: { mode: "hpa", minReplicas: 2, maxReplicas: 6 } },
      api: { replicas: 1, autoscaling: { mode: "hpa", minReplicas: 2, maxReplicas: 5, cpuUtilization: 60 } },
    });
  });

  it("scales a pool with KEDA on the Redis list of its queue, authenticating through a TriggerAuthentication", () => {
    const scaled = k8sObject(keda, "ScaledObject", "worker", "workers-blue");
    expect(scaled["spec"]).toMatchObject({ scaleTargetRef: { name: "worker" }, minReplicaCount: 0, maxReplicaCount: 20 });
    expect(scaled["spec"].triggers).toEqual([
      {
        type: "redis",
        metadata: {
          address: "redis.example.com:6380",
          listName: "requests",
          listLength: "5",
          activationListLength: "0",
          databaseIndex: "0",
          enableTLS: "true",
        },
        authenticationRef: { name: "worker-redis" },
      },
    ]);
    expect(k8sObject(keda, "TriggerAuthentication", "worker-redis", "workers-blue")["spec"]).toEqual({
      secretTargetRef: [{ parameter: "password", name: "secret-api-workers", key: "REDIS_PASSWORD" }],
    });
  });

  it("hands replicas to the autoscaler: the minimum under ignoreChanges, so previews never fight it and turning autoscaling on drops no pod", () => {
    const deployment = (r: MockRunResult, name: string, ns: string) =>
      r.resources.find((x) => x.type === "kubernetes:apps/v1:Deployment" && x.inputs["metadata"].name === name && x.inputs["metadata"].namespace === ns)!;
    for (const [r, name, ns, min] of [
      [keda, "worker", "workers-blue", 0],
      [hpa, "worker", "workers-blue", 2],
      [hpa, "api", "apps", 2],
    ] as const) {
      expect([name, deployment(r, name, ns).inputs["spec"].replicas, deployment(r, name, ns).ignoreChanges]).toEqual([name, min, ["spec.replicas"]]);
    }
    expect(deployment(keda, "api", "apps").ignoreChanges).toEqual([]);
  });

  it("falls back to a CPU HPA that scales down one pod a minute after a stable window", () => {
    const worker = k8sObject(hpa, "HorizontalPodAutoscaler", "worker", "workers-blue")["spec"];
    expect(worker).toMatchObject({ scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "worker" }, minReplicas: 2, maxReplicas: 6 });
    expect(worker.metrics).toEqual([{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 70 } } }]);
    expect(worker.behavior.scaleDown).toEqual({
      stabilizationWindowSeconds: 300,
      selectPolicy: "Min",
      policies: [{ type: "Pods", value: 1, periodSeconds: 60 }],
    });
    const api = k8sObject(hpa, "HorizontalPodAutoscaler", "api", "apps")["spec"];
    expect(api).toMatchObject({ minReplicas: 2, maxReplicas: 5 });
    expect(api.metrics[0].resource.target.averageUtilization).toBe(60);
    expect(api.behavior.scaleUp.policies).toEqual([
      { type: "Percent", value: 100, periodSeconds: 30 },
      { type: "Pods", value: 4, periodSeconds: 30 },
    ]);
  });
});

describe("disruption, placement and network policy (dev defaults)", () => {
  let dev: MockRunResult;
  beforeAll(async () => {
    dev = await runVariant("dev", {});
  });

  it("protects the API and each pool with a PDB that lets unhealthy pods go", () => {
    for (const [ns, name, app] of [
      ["apps", "api", "api"],
      ["workers-blue", "worker", "worker"],
    ] as const) {
      expect(k8sObject(dev, "PodDisruptionBudget", name, ns)["spec"]).toEqual({
        maxUnavailable: 1,
        selector: {
          matchLabels: {
            "app.kubernetes.io/name": "pulse-os",
            "app.kubernetes.io/instance": app,
            "app.kubernetes.io/component": app === "api" ? "api" : "worker",
          },
        },
        unhealthyPodEvictionPolicy: "AlwaysAllow",
      });
    }
  });

  it("spreads pods across zones and hosts, per rollout", () => {
    const spread = k8sObject(dev, "Deployment", "api", "apps")["spec"].template.spec.topologySpreadConstraints;
    expect(spread.map((c: Record<string, unknown>) => [c["topologyKey"], c["whenUnsatisfiable"], c["matchLabelKeys"]])).toEqual([
      ["topology.kubernetes.io/zone", "ScheduleAnyway", ["pod-template-hash"]],
      ["kubernetes.io/hostname", "ScheduleAnyway", ["pod-template-hash"]],
    ]);
  });

  it("denies all traffic by default in every namespace it owns", () => {
    const denies = byKind(dev, "NetworkPolicy").filter((p) => p["metadata"].name === "default-deny");
    expect(denies.map((p) => p["metadata"].namespace).sort()).toEqual(["apps", "exporter", "workers-blue"]);
    for (const p of denies) expect(p["spec"]).toEqual({ podSelector: {}, policyTypes: ["Ingress", "Egress"] });
  });

  it("lets only the ALB association subnet (and the gateway namespace) reach the API ports, and the API reach DNS, the broker and Azure", () => {
    const allow = k8sObject(dev, "NetworkPolicy", "allow-pulse-os", "apps")["spec"];
    expect(allow.ingress).toEqual([
      {
        from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "ingress" } } }, { ipBlock: { cidr: "10.225.0.0/24" } }],
        ports: [
          { protocol: "TCP", port: 8989 },
          { protocol: "TCP", port: 8888 },
        ],
      },
    ]);
    expect(allow.egress.map((e: Record<string, any>) => e["ports"])).toEqual([
      [
        { protocol: "UDP", port: 53 },
        { protocol: "TCP", port: 53 },
      ],
      [{ protocol: "TCP", port: 6380 }],
      [{ protocol: "TCP", port: 443 }],
    ]);
  });

  it("gives the workers no ingress at all", () => {
    expect(k8sObject(dev, "NetworkPolicy", "allow-pulse-os", "workers-blue")["spec"]).not.toHaveProperty("ingress");
  });
});

describe("exporter arguments", () => {
  let exporter: MockRunResult;
  beforeAll(async () => {
    exporter = await runVariant("dev", {
      exporter: {
        enabled: true,
        schedule: "0 3 * * *",
        args: { DATAHUB_SERVER: "https://datahub-dev.example.com" },
        arguments: ["--server", "$(DATAHUB_SERVER)", "--full"],
      },
    });
  });

  it("passes main_export.py its arguments, leaving $(NAME) for Kubernetes to expand from the exporter's ConfigMap", () => {
    const c = k8sObject(exporter, "CronJob", "datahub-exporter", "exporter")["spec"].jobTemplate.spec.template.spec.containers[0];
    expect(c.command).toEqual(["python", "/cegid-pulse-os/main_export.py"]);
    expect(c.args).toEqual(["--server", "$(DATAHUB_SERVER)", "--full"]);
    expect(c.envFrom.map((e: Record<string, { name: string }>) => (e["configMapRef"] ?? e["secretRef"])!.name)).toEqual([
      "configmap-datahub-exporter",
      "secret-datahub-exporter",
    ]);
  });
});

describe("KEDA on a pool with several queues", () => {
  let keda: MockRunResult;
  beforeAll(async () => {
    keda = await runVariant("dev", {
      workers: {
        ...devWorkers,
        keda: { address: "redis.example.com:6380" },
        pools: { bulk: { queues: ["requests", "bulk"], autoscaling: { mode: "keda", minReplicas: 1, maxReplicas: 20, listLength: 5 } } },
      },
    });
  });

  it("scales on the sum of the queues' lengths (a scalingModifiers formula), not on the busiest queue", () => {
    const spec = k8sObject(keda, "ScaledObject", "bulk", "workers-blue")["spec"];
    expect(spec.triggers.map((t: Record<string, any>) => [t["name"], t["metadata"].listName])).toEqual([
      ["queue0", "requests"],
      ["queue1", "bulk"],
    ]);
    expect(spec.advanced.scalingModifiers).toEqual({ formula: "queue0 + queue1", target: "5", activationTarget: "0", metricType: "AverageValue" });
  });
});

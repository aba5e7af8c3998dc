import { recorded, settle, plain } from "../helpers/mocks";
import * as k8s from "@pulumi/kubernetes";
import { ApiDeployment } from "../../components/api-deployment";
import { ApiTier } from "../../components/api-tier";
import { CeleryWorkers, celeryCommand, type WorkerPoolArgs } from "../../components/celery-workers";
import { DataHubExporter } from "../../components/datahub-exporter";
import { WorkloadNamespace } from "../../components/workload-namespace";
import { podTemplateLabels, selectorLabels, workloadLabels } from "../../components/lib/naming";

const timings = { initialDelaySeconds: 1, periodSeconds: 2, timeoutSeconds: 3, failureThreshold: 4 };
const resources = { requests: { cpu: "100m", memory: "1Mi" }, limits: { cpu: "200m", memory: "2Mi" } };
const pool: WorkerPoolArgs = {
  name: "worker",
  queues: ["q"],
  nodeName: "worker1",
  replicas: 3,
  nodePool: "workers",
  spot: false,
  resources,
  terminationGracePeriodSeconds: 120,
  readinessProbe: timings,
  livenessProbe: timings,
  autoscaling: {
    mode: "none",
    minReplicas: 1,
    maxReplicas: 1,
    cpuUtilization: 70,
    listLength: 5,
    activationListLength: 0,
    pollingInterval: 30,
    cooldownPeriod: 300,
    scaleDownStabilizationSeconds: 300,
  },
  disruptionBudget: { enabled: false, maxUnavailable: 1 },
  topologySpread: { zone: "off", host: "off" },
};
const common = { namespace: "ns", serviceAccountName: "sa", image: "r.io/p:1", imagePullPolicy: "Always", version: "1", runAsUser: 1000 } as const;
const workers = { ...common, appConfiguration: true, podAnnotations: {}, draining: false };
const api = {
  ...common,
  replicas: 2,
  nodePool: "apps",
  forwardedAllowIps: [],
  podAnnotations: {},
  autoscaling: pool.autoscaling,
  disruptionBudget: pool.disruptionBudget,
  topologySpread: pool.topologySpread,
  execution: { port: 8989, servicePort: 80, resources },
  management: { port: 8888, servicePort: 8080, resources },
  readinessProbe: timings,
  livenessProbe: timings,
  startupProbe: timings,
  preStopSleepSeconds: 10,
  terminationGracePeriodSeconds: 45,
};
const exporter = {
  ...common,
  schedule: "0 2 * * *",
  resources,
  nodePool: "apps",
  backoffLimit: 2,
  activeDeadlineSeconds: 3600,
  startingDeadlineSeconds: 300,
  successfulJobsHistoryLimit: 3,
  failedJobsHistoryLimit: 3,
  arguments: ["--x=$(X)"],
};

async function created<T>(build: () => T): Promise<Record<string, any>[]> {
  const from = recorded.length;
  build();
  await settle();
  return recorded
    .slice(from)
    .filter((r) => r.custom)
    .map((r) => plain(r.inputs));
}

describe("naming", () => {
  it("never lets extra labels override the selector", () => {
    expect(workloadLabels({ component: "api", instance: "api" }, "1", { "app.kubernetes.io/instance": "x" })["app.kubernetes.io/instance"]).toBe("api");
  });
  it("puts the workload-identity label on pod templates only", () => {
    expect(podTemplateLabels({ component: "worker", instance: "w" })["azure.workload.identity/use"]).toBe("true");
    expect(workloadLabels({ component: "worker", instance: "w" })["azure.workload.identity/use"]).toBeUndefined();
    expect(selectorLabels({ component: "worker", instance: "w" })).toEqual({
      "app.kubernetes.io/name": "pulse-os",
      "app.kubernetes.io/instance": "w",
      "app.kubernetes.io/component": "worker",
    });
  });
});

describe("WorkloadNamespace", () => {
  it("labels the namespace restricted and annotates the service account with client and tenant IDs", async () => {
    const objects = await created(() => new WorkloadNamespace("wn", { namespace: "team", serviceAccountName: "sa-x", clientId: "cid", tenantId: "tid" }));
    const ns = objects.find((o) => o["kind"] === "Namespace");
    const sa = objects.find((o) => o["kind"] === "ServiceAccount");
    expect(ns!["metadata"].labels["pod-security.kubernetes.io/enforce"]).toBe("restricted");
    expect(sa!["metadata"]).toMatchObject({
      name: "sa-x",
      namespace: "team",
      annotations: { "azure.workload.identity/client-id": "cid", "azure.workload.identity/tenant-id": "tid" },
    });
    expect(sa!["automountServiceAccountToken"]).toBe(false);
  });

  it("creates no settings unless asked (they may exist already)", async () => {
    const objects = await created(() => new WorkloadNamespace("bare", { namespace: "bare", serviceAccountName: "sa", clientId: "c", tenantId: "t" }));
    expect(objects.map((o) => o["kind"]).sort()).toEqual(["Namespace", "ServiceAccount"]);
  });
});

describe("ApiDeployment", () => {
  it("runs the given replicas on the given pool, rolling with no unavailable pod", async () => {
    const [deployment] = (await created(() => new ApiDeployment("api-defaults", api))).filter((o) => o["kind"] === "Deployment");
    expect(deployment!["spec"].replicas).toBe(2);
    expect(deployment!["spec"].strategy).toEqual({ type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } });
    expect(deployment!["spec"].template.spec.nodeSelector).toEqual({ "kubernetes.azure.com/agentpool": "apps" });
    expect(deployment!["spec"].template.spec.containers.map((c: any) => [c.name, c.command, c.ports])).toEqual([
      [
        "execution-api",
        ["uvicorn", "main_execution:api", "--host", "0.0.0.0", "--port", "8989", "--proxy-headers"],
        [{ name: "execution", containerPort: 8989 }],
      ],
      [
        "management-api",
        ["uvicorn", "main_management:api", "--host", "0.0.0.0", "--port", "8888", "--proxy-headers"],
        [{ name: "management", containerPort: 8888 }],
      ],
    ]);
    expect(deployment!["spec"].template.spec.containers[0].envFrom).toEqual([
      { configMapRef: { name: "configmap-api-workers" } },
      { secretRef: { name: "secret-api-workers" } },
    ]);
  });

  it("exposes execution-api 80 -> 8989 and management-api 8080 -> 8888", async () => {
    const services = (await created(() => new ApiDeployment("api-svc", api))).filter((o) => o["kind"] === "Service");
    expect(services.map((s) => [s["metadata"].name, s["spec"].ports[0].port, s["spec"].ports[0].targetPort])).toEqual([
      ["execution-api", 80, "execution"],
      ["management-api", 8080, "management"],
    ]);
  });
});

describe("CeleryWorkers", () => {
  it("builds the chart's command, adding only the flags that are set", () => {
    expect(celeryCommand(pool)).toEqual([
      "celery",
      "-A",
      "main_worker",
      "worker",
      "-P",
      "prefork",
      "-Q",
      "$(BROKER_REQUESTS_QUEUE)",
      "--events",
      "-n",
      "worker1@%h",
    ]);
    expect(celeryCommand({ ...pool, concurrency: 4, maxTasksPerChild: 10, timeLimitSeconds: 60, softTimeLimitSeconds: 50 }).slice(11)).toEqual([
      "--concurrency=4",
      "--max-tasks-per-child=10",
      "--time-limit=60",
      "--soft-time-limit=50",
    ]);
  });

  it("keeps the chart's Deployment name for the pool named 'worker' and schedules it off spot by default", async () => {
    const [deployment] = await created(() => new CeleryWorkers("w1", { ...workers, pools: [pool] }));
    expect(deployment!["metadata"].name).toBe("worker");
    const spec = deployment!["spec"].template.spec;
    expect(spec.tolerations).toBeUndefined();
    expect(spec.affinity).toBeUndefined();
    expect(spec.terminationGracePeriodSeconds).toBe(120);
  });

  it("reads the App Configuration ConfigMap and Secret as optional sources", async () => {
    const [deployment] = await created(() => new CeleryWorkers("w2", { ...workers, pools: [pool] }));
    expect(deployment!["spec"].template.spec.containers[0].envFrom).toEqual([
      { configMapRef: { name: "configmap-api-workers" } },
      { configMapRef: { name: "configmap-custom-engine-workers", optional: true } },
      { secretRef: { name: "secret-api-workers" } },
      { secretRef: { name: "secret-custom-engine-workers", optional: true } },
    ]);
  });

  it("tolerates the spot taint and requires spot nodes when the pool's spot flag is on", async () => {
    const [deployment] = await created(() => new CeleryWorkers("w3", { ...workers, pools: [{ ...pool, spot: true }] }));
    const spec = deployment!["spec"].template.spec;
    expect(spec.tolerations).toEqual([{ key: "kubernetes.azure.com/scalesetpriority", operator: "Equal", value: "spot", effect: "NoSchedule" }]);
    expect(spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions).toEqual([
      { key: "kubernetes.azure.com/scalesetpriority", operator: "In", values: ["spot"] },
    ]);
    expect(spec.nodeSelector).toBeUndefined();
  });

  it("pins spot pods to the spot agent pool when one is named", async () => {
    const [deployment] = await created(() => new CeleryWorkers("w4", { ...workers, pools: [{ ...pool, spot: true, spotNodePool: "spotcelery" }] }));
    expect(deployment!["spec"].template.spec.nodeSelector).toEqual({ "kubernetes.azure.com/agentpool": "spotcelery" });
  });
});

describe("DataHubExporter", () => {
  it("never runs twice at once, restarts no pod in place and passes the given limits and arguments", async () => {
    const [cron] = await created(() => new DataHubExporter("ex", exporter));
    expect(cron!["spec"]).toMatchObject({
      schedule: "0 2 * * *",
      concurrencyPolicy: "Forbid",
      startingDeadlineSeconds: 300,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 3,
    });
    expect(cron!["spec"].timeZone).toBeUndefined();
    expect(cron!["spec"].jobTemplate.spec).toMatchObject({ backoffLimit: 2, activeDeadlineSeconds: 3600 });
    const pod = cron!["spec"].jobTemplate.spec.template;
    expect(pod.metadata.labels["azure.workload.identity/use"]).toBe("true");
    expect(pod.spec).toMatchObject({ restartPolicy: "Never", nodeSelector: { "kubernetes.azure.com/agentpool": "apps" } });
    expect(pod.spec.containers[0].args).toEqual(["--x=$(X)"]);
    expect(pod.spec.containers[0].envFrom).toEqual([
      { configMapRef: { name: "configmap-datahub-exporter" } },
      { secretRef: { name: "secret-datahub-exporter" } },
    ]);
  });
});

describe("the Kubernetes tiers", () => {
  const tier = {
    namespace: { namespace: "team", serviceAccountName: "sa", clientId: "c", tenantId: "t", settings: [] },
    deployment: api,
    route: {
      hostnames: ["api.example.com"],
      gateway: { name: "gw", namespace: "gw", sectionName: "https" },
      healthCheck: { interval: "5s", timeout: "3s", healthyThreshold: 1, unhealthyThreshold: 3 },
    },
  };

  it("refuse to deploy without a Kubernetes provider (never the ambient kubeconfig context)", () => {
    expect(() => new ApiTier("no-provider", tier)).toThrow(
      "ApiTier needs a Kubernetes provider: pass { providers: { kubernetes: <provider> } } to it or to a parent; refusing to deploy to the ambient kubeconfig context",
    );
  });

  it("deploy with a provider passed to them or to a parent", async () => {
    const provider = new k8s.Provider("cluster", { kubeconfig: "{}" });
    const objects = await created(() => new ApiTier("with-provider", tier, { providers: { kubernetes: provider } }));
    expect(
      objects
        .filter((o) => o["kind"] !== undefined)
        .map((o) => o["kind"])
        .sort(),
    ).toEqual(["Deployment", "HTTPRoute", "HealthCheckPolicy", "HealthCheckPolicy", "Namespace", "Service", "Service", "ServiceAccount"]);
  });
});

import * as pulumi from "@pulumi/pulumi";
import { ConfigValidationError, validateConfig, type SecretLookup, type StackConfigInput } from "../config";

/** The smallest valid managed-mode configuration. */
function base(): Record<string, any> {
  return {
    image: { registry: "myacr.azurecr.io", tag: "1.2.3" },
    azure: { resourceGroupName: "rg", location: "westeurope", aks: { resourceGroupName: "rg-aks", clusterName: "aks" } },
    routing: { hostnames: ["api.example.com"] },
    networkPolicy: { gatewayCidrs: ["10.225.0.0/24"] },
  } satisfies StackConfigInput;
}

function problems(input: Record<string, unknown>, isSecret?: SecretLookup): string[] {
  try {
    validateConfig(input, isSecret);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigValidationError);
    return [...(err as ConfigValidationError).problems];
  }
  throw new Error("configuration was accepted");
}

describe("stack configuration defaults", () => {
  const cfg = validateConfig(base());

  it("fills every documented default", () => {
    expect(cfg.image).toEqual({ registry: "myacr.azurecr.io", repository: "pulseos", tag: "1.2.3", pullPolicy: "Always" });
    expect(cfg.runAsUser).toBe(1000);
    expect(cfg.azure).toEqual({
      mode: "managed",
      resourceGroupName: "rg",
      location: "westeurope",
      aks: { resourceGroupName: "rg-aks", clusterName: "aks" },
      tags: {},
      protect: false,
    });
    expect(cfg.appConfiguration).toEqual({
      mode: "create",
      sku: "standard",
      purgeProtection: false,
      label: "custom-engine-workers",
      keyValues: {},
      keyPrefix: "",
      refreshInterval: "1m",
      waitForSync: true,
    });
    expect(cfg.namespaces).toEqual({ apps: "apps", exporter: "exporter", workersPrefix: "workers" });
    expect(cfg.settings).toEqual({ create: true, values: {}, requiredSecrets: [] });
    expect(cfg.routing.gateway).toEqual({ name: "https-gateway", namespace: "ingress", sectionName: "https" });
    expect(cfg.routing.healthCheck).toEqual({ interval: "5s", timeout: "3s", healthyThreshold: 1, unhealthyThreshold: 3 });
  });

  it("defaults the API to 2 replicas on the apps pool with the chart's ports", () => {
    expect(cfg.api.replicas).toBe(2);
    expect(cfg.api.nodePool).toBe("apps");
    expect(cfg.api.execution).toEqual({
      port: 8989,
      servicePort: 80,
      resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { cpu: "500m", memory: "512Mi" } },
    });
    expect(cfg.api.management).toEqual({
      port: 8888,
      servicePort: 8080,
      resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { cpu: "500m", memory: "512Mi" } },
    });
    expect(cfg.api.readinessProbe).toEqual({ initialDelaySeconds: 10, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 });
    expect(cfg.api.livenessProbe).toEqual({ initialDelaySeconds: 30, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 });
  });

  it("defaults the workers to the chart: blue, no spot, 3 replicas, 100m/850Mi requests, 200m/1Gi limits, 120 s grace, 60 s probe delay, patient exec probes, one pool named worker", () => {
    const pool = {
      spot: false,
      replicas: 3,
      nodePool: "workers",
      nodeName: "worker1",
      resources: { requests: { cpu: "100m", memory: "850Mi" }, limits: { cpu: "200m", memory: "1Gi" } },
      terminationGracePeriodSeconds: 120,
      readinessProbe: { initialDelaySeconds: 60, periodSeconds: 30, timeoutSeconds: 20, failureThreshold: 3 },
      livenessProbe: { initialDelaySeconds: 60, periodSeconds: 60, timeoutSeconds: 30, failureThreshold: 3 },
      autoscaling: {
        mode: "none",
        minReplicas: 1,
        maxReplicas: 10,
        cpuUtilization: 70,
        listLength: 10,
        activationListLength: 0,
        pollingInterval: 30,
        cooldownPeriod: 300,
        scaleDownStabilizationSeconds: 300,
      },
      disruptionBudget: { enabled: true, maxUnavailable: 1 },
      topologySpread: { zone: "ScheduleAnyway", host: "ScheduleAnyway" },
    };
    expect(cfg.workers).toEqual({ color: "blue", queue: "requests", ...pool, pools: { worker: { ...pool, queues: ["requests"] } } });
  });

  it("defaults network policies on: default-deny plus gateway, broker port following BROKER_URL, Azure on 443", () => {
    expect(cfg.networkPolicy).toEqual({
      enabled: true,
      gatewayNamespaces: ["ingress"],
      gatewayCidrs: ["10.225.0.0/24"],
      broker: { cidrs: ["0.0.0.0/0"], port: 6380 },
      azureCidrs: ["0.0.0.0/0"],
      exporterEgress: [],
    });
    expect(validateConfig({ ...base(), settings: { values: { BROKER_URL: "redis://cache.example.com/0" } } }).networkPolicy.broker.port).toBe(6379);
  });

  it("identifies the cluster by the AKS resource group and name unless told otherwise, for the provider", () => {
    expect(cfg.kubernetes).toEqual({ aksLogin: "azurecli", clusterIdentifier: "rg-aks/aks" });
  });

  it("leaves the exporter off, scheduled nightly when enabled", () => {
    expect(cfg.exporter).toEqual({
      enabled: false,
      schedule: "0 2 * * *",
      nodePool: "apps",
      createConfig: true,
      args: {},
      arguments: [],
      requiredSecrets: [],
      resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { cpu: "500m", memory: "512Mi" } },
      backoffLimit: 2,
      activeDeadlineSeconds: 3600,
      startingDeadlineSeconds: 300,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 3,
    });
  });
});

describe("stack configuration errors", () => {
  it("is a RunError, so `pulumi up` prints the problems without a stack trace", () => {
    const err = (() => {
      try {
        validateConfig({});
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(pulumi.RunError);
    expect((err as Error).message).toMatch(/^Invalid stack configuration \(\d+ problems\):\n {2}- /);
  });

  it("reports every problem at once", () => {
    expect(problems({})).toEqual([
      "pulse-os:image: is required (an object) (not set)",
      "pulse-os:azure.resourceGroupName: is required when azure.mode is 'managed' (not set)",
      "pulse-os:azure.location: is required when azure.mode is 'managed' (not set)",
      "pulse-os:azure.aks: is required when azure.mode is 'managed' (resourceGroupName and clusterName of the AKS cluster) (not set)",
      "pulse-os:routing: is required (an object) (not set)",
      "pulse-os:networkPolicy.gatewayCidrs: needs the ALB for Containers association subnet when network policies are on: the gateway's requests and health probes come from that subnet, outside the cluster, so without it every backend is unhealthy (the gateway namespace alone allows nothing) (not set)",
    ]);
  });

  it("names the key, the value and what is allowed", () => {
    const input = base();
    input["workers"] = { color: "purple", spot: "true", replicas: 0 };
    expect(problems(input)).toEqual([
      'pulse-os:workers.color: must be one of "blue", "green" (got "purple")',
      "pulse-os:workers.replicas: must be at least 1 (got 0)",
      'pulse-os:workers.spot: must be a boolean, got a string (got "true")',
    ]);
  });

  it("names an unknown key and the closest known one, never its value", () => {
    const input = { ...base(), workers: { replica: "hunter2" } };
    const found = problems(input);
    expect(found).toEqual([
      "pulse-os:workers.replica: unknown key (did you mean 'replicas'?); allowed keys here: color, drainingColor, queue, replicas, nodePool, spot, spotNodePool, nodeName, concurrency, maxTasksPerChild, timeLimitSeconds, softTimeLimitSeconds, resources, terminationGracePeriodSeconds, readinessProbe, livenessProbe, autoscaling, disruptionBudget, topologySpread, pools, keda",
    ]);
    expect(found.join()).not.toContain("hunter2");
  });

  it("hides every value of a key the engine marks secret, even a known one", () => {
    const input = { ...base(), settings: { values: { "BAD-NAME": "hunter2", OK: { nested: "hunter3" } } } };
    const found = problems(input, (p) => p[0] === "settings");
    expect(found).toEqual([
      'pulse-os:settings.values.BAD-NAME: keys must be environment variable names ([A-Za-z_][A-Za-z0-9_]*) (got key "BAD-NAME")',
      "pulse-os:settings.values.OK: must be a string (numbers and booleans are taken as written) (value hidden: secret)",
    ]);
  });

  it("never echoes a secret value", () => {
    const input = { ...base(), settingsSecrets: { "bad name": "hunter2" } };
    const found = problems(input);
    expect(found).toEqual(['pulse-os:settingsSecrets["bad name"]: keys must be environment variable names ([A-Za-z_][A-Za-z0-9_]*) (value hidden: secret)']);
    expect(found.join()).not.toContain("hunter2");
  });

  it("stops a stack whose required secret entries are missing, naming each and the command that sets it, before any resource", () => {
    const input = { ...base(), settings: { requiredSecrets: ["APP_SECRET_KEY", "DB_PASSWORD"] }, settingsSecrets: { DB_PASSWORD: "s3cr3t" } };
    const found = problems(input);
    expect(found).toEqual([
      "pulse-os:settingsSecrets.APP_SECRET_KEY: is required by settings.requiredSecrets and not set (pulumi config set --secret --path settingsSecrets.APP_SECRET_KEY <value>)",
    ]);
    expect(found.join()).not.toContain("s3cr3t");
    expect(() => validateConfig({ ...input, settingsSecrets: { APP_SECRET_KEY: "a", DB_PASSWORD: "b" } })).not.toThrow();
  });
});

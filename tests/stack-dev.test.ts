import { WORKLOAD_IDENTITY } from "../components/lib/constants";
import type { MockRunResult } from "../program/mock-runtime";
import { describeStackInvariants, k8sObjects } from "./helpers/invariants";
import { k8sObject, runStack } from "./helpers/stack";

let result: MockRunResult;
beforeAll(async () => {
  result = await runStack("dev");
});

describeStackInvariants(() => result);

describe("the dev stack", () => {
  it("federates each identity with exactly the namespace and service account its pods run as", () => {
    const fics = result.resources.filter((r) => r.type === "azure-native:managedidentity:FederatedIdentityCredential");
    const identities = result.resources.filter((r) => r.type === "azure-native:managedidentity:UserAssignedIdentity");
    for (const kind of ["apps", "workers", "exporter"]) {
      const identity = identities.find((i) => i.name === `azure-${kind}`)!;
      const sa = k8sObjects(result).find((o) => o["kind"] === "ServiceAccount" && o["metadata"].name === `sa-${kind}-workloadidentity`)!;
      expect(sa["metadata"].annotations[WORKLOAD_IDENTITY.clientIdAnnotation]).toBe(`[unknown clientId of ${identity.inputs["resourceName"]}]`);
      const fic = fics.find((f) => f.name.startsWith(`azure-${kind}-`))!;
      expect(fic.inputs["subject"]).toBe(`system:serviceaccount:${sa["metadata"].namespace}:${sa["metadata"].name}`);
      expect(fic.inputs["audiences"]).toEqual(["api://AzureADTokenExchange"]);
      expect(fic.inputs["issuer"]).toBe("[unknown OIDC issuer of aks-pulse-os-dev]");
      expect(fic.inputs["resourceName"]).toBe(identity.inputs["resourceName"]);
    }
  });

  it("runs the workers blue, on its own spot pool only: pinned to the named spot agent pool (never any team's spot pool), the AKS spot toleration and a required affinity to either spot label", () => {
    const worker = k8sObject(result, "Deployment", "worker", "workers-blue");
    const spec = worker["spec"].template.spec;
    expect(spec.nodeSelector).toEqual({ "kubernetes.azure.com/agentpool": "spot" });
    expect(spec.tolerations).toEqual([{ key: "kubernetes.azure.com/scalesetpriority", operator: "Equal", value: "spot", effect: "NoSchedule" }]);
    expect(spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms).toEqual([
      { matchExpressions: [{ key: "kubernetes.azure.com/scalesetpriority", operator: "In", values: ["spot"] }] },
      { matchExpressions: [{ key: "kubernetes.azure.com/priority", operator: "In", values: ["spot"] }] },
    ]);
  });

  it("starts Celery in exec form with the configured queue, concurrency and child recycling", () => {
    const c = k8sObject(result, "Deployment", "worker", "workers-blue")["spec"].template.spec.containers[0];
    expect(c.command).toEqual([
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
      "--concurrency=2",
      "--max-tasks-per-child=100",
    ]);
    expect(c.env).toEqual([{ name: "BROKER_REQUESTS_QUEUE", value: "requests" }]);
    expect(c.readinessProbe).toEqual({
      exec: { command: ["python", "/cegid-pulse-os/worker_readiness.py"] },
      initialDelaySeconds: 60,
      periodSeconds: 30,
      timeoutSeconds: 20,
      failureThreshold: 3,
    });
    expect(c.livenessProbe.exec.command).toEqual(["python", "/cegid-pulse-os/worker_liveness.py"]);
  });

  it("grants the workers identity App Configuration Data Reader on the store, and nothing else", () => {
    const roles = result.resources.filter((r) => r.type === "azure-native:authorization:RoleAssignment");
    expect(roles).toHaveLength(1);
    expect(roles[0]!.inputs).toMatchObject({
      principalId: "[unknown principalId of id-pulse-os-dev-workers]",
      principalType: "ServicePrincipal",
      roleDefinitionId: "/subscriptions/[unknown subscriptionId]/providers/Microsoft.Authorization/roleDefinitions/516239f1-63e1-4d78-a4de-a74fb236a071",
    });
  });

  it("writes key-values under the workers' label and creates the store without local auth", () => {
    const kv = result.resources.filter((r) => r.type === "azure-native:appconfiguration:KeyValue").map((r) => r.inputs["keyValueName"]);
    expect(kv).toEqual(["CELERY_LOG_LEVEL$custom-engine-workers", "CELERY_PREFETCH_MULTIPLIER$custom-engine-workers"]);
    const store = result.resources.find((r) => r.type === "azure-native:appconfiguration:ConfigurationStore")!;
    expect(store.inputs).toMatchObject({ disableLocalAuth: true, dataPlaneProxy: { authenticationMode: "Pass-through" }, sku: { name: "developer" } });
  });

  it("syncs App Configuration into the workers namespace as the workers service account", () => {
    const provider = k8sObject(result, "AzureAppConfigurationProvider", "custom-engine-configuration", "workers-blue");
    expect(provider["spec"]).toMatchObject({
      endpoint: "https://appcs-pulse-os-dev.azconfig.io",
      target: { configMapName: "configmap-custom-engine-workers" },
      auth: { workloadIdentity: { serviceAccountName: "sa-workers-workloadidentity" } },
      configuration: { selectors: [{ keyFilter: "*", labelFilter: "custom-engine-workers" }] },
      secret: { target: { secretName: "secret-custom-engine-workers" } },
    });
    expect(JSON.stringify(provider)).not.toContain("managedIdentityClientId");
  });

  it("schedules the exporter without overlapping runs, as its own service account on the apps pool", () => {
    const cron = k8sObject(result, "CronJob", "datahub-exporter", "exporter");
    expect(cron["spec"]).toMatchObject({ schedule: "0 3 * * *", concurrencyPolicy: "Forbid" });
    const pod = cron["spec"].jobTemplate.spec.template.spec;
    expect(pod).toMatchObject({
      serviceAccountName: "sa-exporter-workloadidentity",
      restartPolicy: "Never",
      nodeSelector: { "kubernetes.azure.com/agentpool": "apps" },
    });
    expect(pod.containers[0].command).toEqual(["python", "/cegid-pulse-os/main_export.py"]);
  });

  it("attaches the route to the gateway's HTTPS listener only, never to every listener (a plain-HTTP one would serve the API unencrypted)", () => {
    const route = k8sObject(result, "HTTPRoute", "pulse-os-api", "apps");
    expect(route["spec"].parentRefs).toEqual([
      { group: "gateway.networking.k8s.io", kind: "Gateway", name: "https-gateway", namespace: "ingress", sectionName: "https" },
    ]);
  });

  it("sends the route's host with the ALB health probes", () => {
    for (const name of ["execution-api-health", "management-api-health"]) {
      expect(k8sObject(result, "HealthCheckPolicy", name, "apps")["spec"].default.http.host).toBe("api.dev.pulse-os.example.com");
    }
  });

  it("gives the API a startup probe (slow cold starts are not killed) and a preStop sleep inside its grace period (the gateway drains a pod before uvicorn stops)", () => {
    const pod = k8sObject(result, "Deployment", "api", "apps")["spec"].template.spec;
    expect(pod.terminationGracePeriodSeconds).toBe(45);
    for (const c of pod.containers) {
      expect(c.startupProbe).toMatchObject({ httpGet: c.readinessProbe.httpGet, periodSeconds: 5, failureThreshold: 60 });
      expect(c.lifecycle).toEqual({ preStop: { sleep: { seconds: 10 } } });
    }
  });

  it("has uvicorn trust X-Forwarded-* from the ALB association subnet only, so FastAPI builds https:// URLs behind the gateway", () => {
    for (const c of k8sObject(result, "Deployment", "api", "apps")["spec"].template.spec.containers) {
      expect(c.command).toContain("--proxy-headers");
      expect(c.command).toContain("--forwarded-allow-ips=10.225.0.0/24");
    }
  });

  it("creates the Kubernetes side only after the federated credentials, the Data Reader assignment and the key-values (identity before pods)", () => {
    const workloads = result.resources.find((r) => r.type === "pulse-os:kubernetes:KubernetesWorkloads")!;
    const needed = result.resources.filter((r) =>
      [
        "azure-native:managedidentity:FederatedIdentityCredential",
        "azure-native:authorization:RoleAssignment",
        "azure-native:appconfiguration:KeyValue",
      ].includes(r.type),
    );
    expect(needed.length).toBe(6);
    // Every Kubernetes object is a descendant of KubernetesWorkloads, whose registration waits for these.
    for (const r of needed) expect(workloads.dependencies).toContain(r.urn);
  });

  it("registers every pod-running workload only after the service account its pods run as exists (a dependency the engine sees, on the workload or on a component above it, not program order)", () => {
    const podRunners = result.resources.filter((r) => ["kubernetes:apps/v1:Deployment", "kubernetes:batch/v1:CronJob"].includes(r.type));
    expect(podRunners.map((r) => `${r.inputs["kind"]} ${r.inputs["metadata"].namespace}/${r.inputs["metadata"].name}`).sort()).toEqual([
      "CronJob exporter/datahub-exporter",
      "Deployment apps/api",
      "Deployment workers-blue/worker",
    ]);
    for (const workload of podRunners) {
      const pod = workload.inputs["kind"] === "CronJob" ? workload.inputs["spec"].jobTemplate.spec.template.spec : workload.inputs["spec"].template.spec;
      const sa = result.resources.find(
        (r) =>
          r.type === "kubernetes:core/v1:ServiceAccount" &&
          r.inputs["metadata"].name === pod.serviceAccountName &&
          r.inputs["metadata"].namespace === workload.inputs["metadata"].namespace,
      );
      expect(sa).toBeDefined();
      // The SDK registers a child only after its parent, and a component only after its dependsOn:
      // a dependency of any ancestor orders the workload after the service account.
      const chain: string[] = [];
      for (let r: typeof workload | undefined = workload; r !== undefined; r = result.resources.find((p) => p.urn === r.parent)) chain.push(...r.dependencies);
      expect(chain).toContain(sa!.urn);
    }
  });

  it("holds the workers back until the App Configuration provider reports its first sync complete", () => {
    const provider = result.resources.find((r) => r.type === "kubernetes:azconfig.io/v1:AzureAppConfigurationProvider")!;
    expect(provider.inputs["metadata"].annotations["pulumi.com/waitFor"]).toBe("jsonpath={.status.phase}=COMPLETE");
    const workers = result.resources.find((r) => r.type === "pulse-os:workload:CeleryWorkers" && r.name === "pulse-os-workers-blue-celery")!;
    expect(workers.dependencies).toContain(provider.urn);
  });

  it("protects nothing and leaves purge protection off (a dev stack is destroyed in one step)", () => {
    expect(result.resources.filter((r) => r.protect)).toEqual([]);
    expect(result.resources.find((r) => r.type === "azure-native:appconfiguration:ConfigurationStore")!.inputs["enablePurgeProtection"]).toBe(false);
  });
});

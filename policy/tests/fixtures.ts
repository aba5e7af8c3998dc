/** Fixtures shaped like the rendered dev stack (out/dev), each a fresh copy. */
import * as appconfiguration from "@pulumi/azure-native/appconfiguration";
import * as authorization from "@pulumi/azure-native/authorization";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import * as k8s from "@pulumi/kubernetes";
import { typeOf, type TestResource } from "./helpers";

export const T = {
  deployment: typeOf(k8s.apps.v1.Deployment),
  statefulSet: typeOf(k8s.apps.v1.StatefulSet),
  daemonSet: typeOf(k8s.apps.v1.DaemonSet),
  replicaSet: typeOf(k8s.apps.v1.ReplicaSet),
  job: typeOf(k8s.batch.v1.Job),
  cronJob: typeOf(k8s.batch.v1.CronJob),
  pod: typeOf(k8s.core.v1.Pod),
  service: typeOf(k8s.core.v1.Service),
  serviceAccount: typeOf(k8s.core.v1.ServiceAccount),
  configMap: typeOf(k8s.core.v1.ConfigMap),
  healthCheckPolicy: "kubernetes:alb.networking.azure.io/v1:HealthCheckPolicy",
  roleAssignment: typeOf(authorization.RoleAssignment),
  configurationStore: typeOf(appconfiguration.ConfigurationStore),
  federatedCredential: typeOf(managedidentity.FederatedIdentityCredential),
} as const;

export const SELECTOR = { "app.kubernetes.io/name": "pulse-os", "app.kubernetes.io/instance": "api", "app.kubernetes.io/component": "api" };

export function container(name: string, port: number, portName: string, path: string): Record<string, any> {
  return {
    name,
    image: "pulseosdev.azurecr.io/pulseos:2026.11.2",
    ports: [{ containerPort: port, name: portName }],
    readinessProbe: { httpGet: { path, port: portName, scheme: "HTTP" }, periodSeconds: 10 },
    resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { cpu: "500m", memory: "512Mi" } },
    securityContext: {
      allowPrivilegeEscalation: false,
      privileged: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      runAsUser: 1000,
      capabilities: { drop: ["ALL"] },
      seccompProfile: { type: "RuntimeDefault" },
    },
  };
}

export function podSpec(): Record<string, any> {
  return {
    serviceAccountName: "sa-apps-workloadidentity",
    automountServiceAccountToken: false,
    securityContext: { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000, seccompProfile: { type: "RuntimeDefault" } },
    containers: [
      container("execution-api", 8989, "execution", "/execution/api/v1/status"),
      container("management-api", 8888, "management", "/management/api/v1/status"),
    ],
    volumes: [{ name: "tmp", emptyDir: { sizeLimit: "256Mi" } }],
  };
}

export function podTemplate(): Record<string, any> {
  return { metadata: { labels: { ...SELECTOR, "azure.workload.identity/use": "true" } }, spec: podSpec() };
}

/** The API Deployment (apps/api). */
export function deployment(): TestResource & { props: Record<string, any> } {
  return {
    type: T.deployment,
    name: "k8s-api",
    props: {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "api", namespace: "apps", labels: { ...SELECTOR } },
      spec: { replicas: 1, selector: { matchLabels: { ...SELECTOR } }, template: podTemplate() },
    },
  };
}

/** The exporter CronJob (exporter/datahub-exporter). */
export function cronJob(): TestResource & { props: Record<string, any> } {
  const template = podTemplate();
  template.spec.serviceAccountName = "sa-exporter-workloadidentity";
  template.spec.containers = [container("exporter", 8080, "http", "/status")];
  delete template.spec.containers[0].ports;
  delete template.spec.containers[0].readinessProbe;
  return {
    type: T.cronJob,
    name: "k8s-exporter",
    props: {
      apiVersion: "batch/v1",
      kind: "CronJob",
      metadata: { name: "datahub-exporter", namespace: "exporter" },
      spec: { schedule: "0 3 * * *", jobTemplate: { spec: { template } } },
    },
  };
}

/** A workload-identity ServiceAccount; clientId `"omit"` leaves the client-id annotation out. */
export function serviceAccount(
  namespace = "apps",
  name = "sa-apps-workloadidentity",
  clientId: unknown = "00000000-0000-0000-0000-000000000001",
): TestResource & { props: Record<string, any> } {
  const annotations: Record<string, unknown> = { "azure.workload.identity/tenant-id": "tenant" };
  if (clientId !== "omit") annotations["azure.workload.identity/client-id"] = clientId;
  return {
    type: T.serviceAccount,
    name: `k8s-sa-${namespace}`,
    props: { apiVersion: "v1", kind: "ServiceAccount", metadata: { name, namespace, annotations } },
  };
}

export function service(name = "execution-api", portName = "execution"): TestResource & { props: Record<string, any> } {
  return {
    type: T.service,
    name: `k8s-svc-${name}`,
    props: {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name, namespace: "apps" },
      spec: { selector: { ...SELECTOR }, ports: [{ name: "http", port: 80, targetPort: portName }] },
    },
  };
}

export function healthCheckPolicy(service = "execution-api", port = 8989, path = "/execution/api/v1/status"): TestResource & { props: Record<string, any> } {
  return {
    type: T.healthCheckPolicy,
    name: `k8s-health-${service}`,
    props: {
      apiVersion: "alb.networking.azure.io/v1",
      kind: "HealthCheckPolicy",
      metadata: { name: `${service}-health`, namespace: "apps" },
      spec: {
        targetRef: { group: "", kind: "Service", name: service, namespace: "apps" },
        default: { interval: "5s", timeout: "3s", port, http: { path, match: { statusCodes: [{ start: 200, end: 299 }] } } },
      },
    },
  };
}

export function federatedCredential(
  subject = "system:serviceaccount:apps:sa-apps-workloadidentity",
  audiences: unknown = ["api://AzureADTokenExchange"],
): TestResource & { props: Record<string, any> } {
  return {
    type: T.federatedCredential,
    name: "azure-apps-apps",
    props: {
      resourceGroupName: "rg",
      resourceName: "id-apps",
      federatedIdentityCredentialResourceName: "apps-sa",
      issuer: "https://oidc/",
      subject,
      audiences,
    },
  };
}

export const READER = "516239f1-63e1-4d78-a4de-a74fb236a071";
export const OWNER = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";

export function roleAssignment(role = READER): TestResource & { props: Record<string, any> } {
  return {
    type: T.roleAssignment,
    name: "azure-appconfig-reader-workers",
    props: {
      principalId: "p",
      principalType: "ServicePrincipal",
      roleDefinitionId: `/subscriptions/sub/providers/Microsoft.Authorization/roleDefinitions/${role}`,
      scope: "/subscriptions/sub/resourceGroups/rg",
    },
  };
}

/** An App Configuration store; `"omit"` leaves disableLocalAuth unset. */
export function configurationStore(disableLocalAuth: unknown = true): TestResource & { props: Record<string, any> } {
  const props: Record<string, unknown> = { configStoreName: "appcs", resourceGroupName: "rg", sku: { name: "standard" } };
  if (disableLocalAuth !== "omit") props["disableLocalAuth"] = disableLocalAuth;
  return { type: T.configurationStore, name: "azure-appconfig", props };
}

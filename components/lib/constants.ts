/**
 * Constants shared by every component. Anything two objects must agree on (a probe path and the
 * health-check policy that mirrors it, the workload-identity label and the federated-credential
 * subject) is defined here once, so the two sides cannot drift.
 */

/** Package-wide prefix of every ComponentResource type token: `pulse-os:<module>:<Class>`. */
export const TYPE_PREFIX = "pulse-os";

/** Value of `app.kubernetes.io/name` and `app.kubernetes.io/part-of` on every object. */
export const APP_NAME = "pulse-os";

/**
 * The label the Helm chart being replaced put on its workloads (`component: worker`; its own
 * verification step is `kubectl -n workers-blue get pods -l component=worker`). Kept as a
 * non-selector label on every workload and pod so runbooks, dashboards and alerts written for the
 * chart keep matching. Never part of a selector (selectors are immutable).
 */
export const CHART_COMPONENT_LABEL = "component";

/**
 * Microsoft Entra Workload ID wiring.
 * @see https://azure.github.io/azure-workload-identity/docs/topics/service-account-labels-and-annotations.html
 */
export const WORKLOAD_IDENTITY = {
  /** Pod-template LABEL (not an annotation) that makes the webhook inject the token. */
  useLabel: "azure.workload.identity/use",
  /** ServiceAccount ANNOTATION carrying the user-assigned identity's client ID. */
  clientIdAnnotation: "azure.workload.identity/client-id",
  /** ServiceAccount ANNOTATION carrying the Entra tenant ID. */
  tenantIdAnnotation: "azure.workload.identity/tenant-id",
  /** The only audience AKS workload identity tokens are issued for. */
  audience: "api://AzureADTokenExchange",
} as const;

/** The federated-credential subject for a Kubernetes service account. */
export function serviceAccountSubject(namespace: string, serviceAccount: string): string {
  return `system:serviceaccount:${namespace}:${serviceAccount}`;
}

/** Kubernetes service accounts, one per workload identity. */
export const SERVICE_ACCOUNTS = {
  apps: "sa-apps-workloadidentity",
  workers: "sa-workers-workloadidentity",
  exporter: "sa-exporter-workloadidentity",
} as const;

/** The workloads that get their own identity and service account. */
export type WorkloadKind = keyof typeof SERVICE_ACCOUNTS;

/** Shared settings consumed through `envFrom` by the API and the workers. */
export const SHARED_SETTINGS = {
  configMapName: "configmap-api-workers",
  secretName: "secret-api-workers",
  /** Environment variable the worker command expands to pick its queue. */
  queueVariable: "BROKER_REQUESTS_QUEUE",
} as const;

/** Exporter arguments, consumed through `envFrom` by the CronJob. */
export const EXPORTER_SETTINGS = {
  configMapName: "configmap-datahub-exporter",
  secretName: "secret-datahub-exporter",
} as const;

/** Targets of the App Configuration Kubernetes provider, in the workers namespace. */
export const APP_CONFIGURATION_TARGETS = {
  providerName: "custom-engine-configuration",
  configMapName: "configmap-custom-engine-workers",
  secretName: "secret-custom-engine-workers",
} as const;

/** The two FastAPI surfaces served by the API pod. */
export interface ApiSurface {
  /** Container and Service name. */
  readonly name: "execution-api" | "management-api";
  /** `uvicorn` application import string. */
  readonly app: string;
  /** Route prefix on the gateway; also the prefix of the status path. */
  readonly pathPrefix: string;
  /** Health endpoint used by the pod probes AND the ALB health-check policy. */
  readonly statusPath: string;
  /** Name of the container port (unique in the pod, at most 15 characters); probes and the Service use it. */
  readonly portName: string;
}

/** Status path of a surface: `<prefix>/api/v1/status`. The chart's `/api/v1/status` was wrong. */
function surface(name: ApiSurface["name"], app: string, pathPrefix: string, portName: string): ApiSurface {
  return { name, app, pathPrefix, portName, statusPath: `${pathPrefix}/api/v1/status` };
}

export const API_SURFACES = {
  execution: surface("execution-api", "main_execution:api", "/execution", "execution"),
  management: surface("management-api", "main_management:api", "/management", "management"),
} as const;

export type ApiSurfaceKey = keyof typeof API_SURFACES;

/** Where the images keep their Python entry points. */
export const APP_DIR = "/cegid-pulse-os";

/** AKS node labels and taints. @see https://learn.microsoft.com/azure/aks/use-labels */
export const AKS_NODE = {
  agentPoolLabel: "kubernetes.azure.com/agentpool",
  /** Spot taint key (still `scalesetpriority`) and the label AKS writes on spot nodes. */
  spotKey: "kubernetes.azure.com/scalesetpriority",
  spotValue: "spot",
  /** The label AKS documents in place of the deprecated `scalesetpriority` label. */
  priorityLabel: "kubernetes.azure.com/priority",
  zoneLabel: "topology.kubernetes.io/zone",
  hostnameLabel: "kubernetes.io/hostname",
} as const;

/** Pod Security Admission level enforced on every namespace the program owns. */
export const POD_SECURITY_LEVEL = "restricted";

/** Built-in Azure role definition GUIDs. @see https://learn.microsoft.com/azure/role-based-access-control/built-in-roles */
export const AZURE_ROLES = {
  appConfigurationDataReader: "516239f1-63e1-4d78-a4de-a74fb236a071",
} as const;

/** The Kubernetes provider's annotation that skips its readiness await for one object. */
export const SKIP_AWAIT_ANNOTATION = "pulumi.com/skipAwait";

/** The Kubernetes provider's annotation that replaces its readiness await by a condition (v4.18+). */
export const WAIT_FOR_ANNOTATION = "pulumi.com/waitFor";

/** The Kubernetes provider's annotation that makes its server-side apply take conflicting fields (force). */
export const PATCH_FORCE_ANNOTATION = "pulumi.com/patchForce";

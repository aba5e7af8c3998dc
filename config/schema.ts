/**
 * The stack configuration schema: every key, its type, its default and its rules, one section per
 * file under config/sections/. This is the single source of truth: `Pulumi.yaml`'s `config:`
 * block and the reference in docs/configuration.md are generated from it (`npm run gen:config`).
 * The rules here span sections; each section checks its own.
 */
import { z } from "zod";
import { brokerPort, brokerUrlPort } from "./broker";
import { ALWAYS, type DeepPartial } from "./fields";
import { appConfigurationSchema } from "./sections/app-configuration";
import { apiSchema } from "./sections/api";
import { azureSchema } from "./sections/azure";
import { exporterSchema } from "./sections/exporter";
import { imageSchema, runAsUserSchema } from "./sections/image";
import { kubernetesSchema, namespacesSchema, settingsSchema } from "./sections/kubernetes";
import { networkPolicySchema, routingSchema } from "./sections/routing";
import { workersSchema } from "./sections/workers";

const sections = z.strictObject({
  image: imageSchema,
  runAsUser: runAsUserSchema,
  azure: azureSchema,
  appConfiguration: appConfigurationSchema,
  kubernetes: kubernetesSchema,
  namespaces: namespacesSchema,
  settings: settingsSchema,
  api: apiSchema,
  workers: workersSchema,
  exporter: exporterSchema,
  routing: routingSchema,
  networkPolicy: networkPolicySchema,
});

type Partial = DeepPartial<z.output<typeof sections>>;
type Report = (path: PropertyKey[], message: string) => void;

/** Namespaces: one per workload, and none of them the gateway's. */
function namespaceRules(c: Partial, report: Report): void {
  const ns = c.namespaces ?? {};
  const workers = (color: unknown) => (ns.workersPrefix !== undefined && typeof color === "string" ? `${ns.workersPrefix}-${color}` : undefined);
  const owned: Array<[string, PropertyKey[], string | undefined]> = [
    ["apps", ["namespaces", "apps"], ns.apps],
    ["workers", ["namespaces", "workersPrefix"], workers(c.workers?.color)],
  ];
  // A draining colour equal to the active one is reported by the workers section.
  if (c.workers?.drainingColor !== undefined && c.workers.drainingColor !== c.workers.color)
    owned.push(["draining workers", ["namespaces", "workersPrefix"], workers(c.workers.drainingColor)]);
  if (c.exporter?.enabled === true) owned.push(["exporter", ["namespaces", "exporter"], ns.exporter]);
  for (let i = 0; i < owned.length; i++) {
    for (let j = i + 1; j < owned.length; j++) {
      const [first, , a] = owned[i]!;
      const [, path, b] = owned[j]!;
      if (a !== undefined && a === b) report(path, `namespace '${b}' is already used by the ${first} namespace; each workload needs its own`);
    }
  }
  const gateway = c.routing?.gateway?.namespace;
  const clash = owned.find(([, , name]) => name !== undefined && name === gateway);
  if (clash) report(["routing", "gateway", "namespace"], `must not be the ${clash[0]} namespace '${gateway}': the gateway namespace belongs to the platform`);
}

/** What `azure.mode` allows of App Configuration and the identities. */
function azureRules(c: Partial, report: Report): void {
  const azure = c.azure ?? {};
  const app = c.appConfiguration ?? {};
  if (azure.mode === "managed") {
    if (app.endpoint !== undefined)
      report(["appConfiguration", "endpoint"], "is only allowed when azure.mode is 'external' (managed mode reads the endpoint from the store)");
    if (app.mode === "existing" && app.storeName === undefined)
      report(["appConfiguration", "storeName"], "is required when appConfiguration.mode is 'existing'");
  } else if (azure.mode === "external") {
    if (c.exporter?.enabled === true && azure.identities !== undefined && azure.identities.exporter === undefined) {
      report(["azure", "identities", "exporter"], "is required when azure.mode is 'external' and the exporter is enabled");
    }
    if (app.endpoint === undefined) report(["appConfiguration", "endpoint"], "is required when azure.mode is 'external'");
    if (app.mode !== "existing") report(["appConfiguration", "mode"], "must be 'existing' when azure.mode is 'external' (nothing is created in Azure)");
    if (Object.keys(app.keyValues ?? {}).length > 0)
      report(["appConfiguration", "keyValues"], "must be empty when azure.mode is 'external' (key-values are written through Azure)");
  }
  if (app.purgeProtection === true) {
    const why =
      azure.mode !== "managed"
        ? "azure.mode is 'external' (the store is not the stack's)"
        : app.mode !== "create"
          ? "appConfiguration.mode is 'existing' (the store is not the stack's)"
          : app.sku !== "standard" && app.sku !== "premium"
            ? `the '${app.sku}' SKU has no purge protection (standard or premium)`
            : undefined;
    if (why !== undefined)
      report(["appConfiguration", "purgeProtection"], `can only be on for a store the stack creates in managed mode with the standard or premium SKU: ${why}`);
  }
}

/** Routing, settings and network policy agree with each other. */
function trafficRules(c: Partial, report: Report): void {
  const hostnames = c.routing?.hostnames;
  if (Array.isArray(hostnames) && typeof hostnames[0] === "string" && hostnames[0].startsWith("*.")) {
    report(["routing", "hostnames", 0], "must be a concrete host name: the first host name builds the public API URLs (wildcards may follow it)");
  }
  const values = c.settings?.values;
  if (values !== undefined && typeof values === "object" && "BROKER_REQUESTS_QUEUE" in values) {
    report(["settings", "values", "BROKER_REQUESTS_QUEUE"], "is set from workers.queue; set the queue there so the workers and the outputs agree");
  }
  const np = c.networkPolicy;
  if (np?.enabled !== false && Array.isArray(np?.gatewayCidrs) && np.gatewayCidrs.length === 0) {
    report(
      ["networkPolicy", "gatewayCidrs"],
      "needs the ALB for Containers association subnet when network policies are on: the gateway's requests and health probes come from that subnet, outside the cluster, so without it every backend is unhealthy (the gateway namespace alone allows nothing)",
    );
  }
  const urlPort = brokerUrlPort(typeof values?.["BROKER_URL"] === "string" ? values["BROKER_URL"] : undefined);
  const policyPort = np?.broker?.port;
  if (np?.enabled !== false && policyPort !== undefined && urlPort !== undefined && policyPort !== urlPort) {
    report(
      ["networkPolicy", "broker", "port"],
      `must be the port settings.values.BROKER_URL connects to (${urlPort}), or the network policies block the broker; leave it unset to follow the URL`,
    );
  }
}

/** Defaults that follow other keys, resolved here so that consumers receive values, not fallbacks. */
function resolveDerived(cfg: z.output<typeof sections>) {
  const aks = cfg.azure.mode === "managed" ? cfg.azure.aks : undefined;
  return {
    ...cfg,
    kubernetes: {
      ...cfg.kubernetes,
      clusterIdentifier: cfg.kubernetes.clusterIdentifier ?? (aks !== undefined ? `${aks.resourceGroupName}/${aks.clusterName}` : "default"),
    },
    networkPolicy: {
      ...cfg.networkPolicy,
      gatewayNamespaces: cfg.networkPolicy.gatewayNamespaces ?? [cfg.routing.gateway.namespace],
      broker: { ...cfg.networkPolicy.broker, port: brokerPort(cfg.networkPolicy.broker.port, cfg.settings.values) },
    },
  };
}

/** Keys whose default follows other keys (`resolveDerived`); the reference describes them. */
export const DERIVED_KEYS = ["kubernetes.clusterIdentifier", "networkPolicy.gatewayNamespaces", "networkPolicy.broker.port"] as const;

export const stackConfigSchema = sections
  .superRefine((cfg, ctx) => {
    // Runs even when fields failed (ALWAYS): every access is defensive.
    const c = cfg as Partial;
    const report: Report = (path, message) => ctx.addIssue({ code: "custom", path, message });
    namespaceRules(c, report);
    azureRules(c, report);
    trafficRules(c, report);
  }, ALWAYS)
  .transform(resolveDerived);

/** Input shape (what a stack file may contain). */
export type StackConfigInput = z.input<typeof stackConfigSchema>;
/** Validated configuration with every default resolved and every worker pool merged. */
export type StackConfig = z.output<typeof stackConfigSchema>;
/** Top-level keys, in declaration order. */
export const CONFIG_KEYS = Object.keys(sections.shape) as Array<keyof StackConfig>;
/** The section schemas, by top-level key. */
export const stackConfigSections = sections;
/** Keys whose values must be given as Pulumi secrets. */
export const SECRET_CONFIG_KEYS = ["settingsSecrets", "exporterSecrets"] as const;
export type { WorkerPool } from "./pools";
/** What each secret key holds (documentation; its values never pass through the schema above). */
export const SECRET_KEY_DESCRIPTIONS: Readonly<Record<(typeof SECRET_CONFIG_KEYS)[number], string>> = {
  settingsSecrets:
    "Entries of `secret-api-workers` (environment variable names), each stored as a secret: `pulumi config set --secret --path settingsSecrets.NAME <value>`. A plain-text entry is refused, entry by entry.",
  exporterSecrets:
    "Entries of `secret-datahub-exporter`, each stored as a secret: `pulumi config set --secret --path exporterSecrets.NAME <value>`. A plain-text entry is refused, entry by entry.",
};

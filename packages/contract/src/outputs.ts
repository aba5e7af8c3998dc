/**
 * The Pulse-OS stack outputs, declared once as a zod schema. The TypeScript type, the runtime
 * check and the JSON Schema (`schema/outputs.schema.json`) are all derived from it.
 *
 * Versioning: `CONTRACT_VERSION` is the contract's major and equals this package's major
 * version. A new optional output is a minor release; removing an output, changing its type or
 * its meaning (including how "no value" is written) is a new major.
 */
import { z } from "zod";

/** The contract major this package reads and the producer writes as `contractVersion`. */
export const CONTRACT_VERSION = 2;

const color = z.enum(["blue", "green"]);
const name = z.string().min(1);
const https = z.url({ protocol: /^https$/ });

/** Only the keys of the stack outputs; unknown keys (outputs added in a later minor) are dropped. */
const shape = {
  contractVersion: z.literal(CONTRACT_VERSION).describe("Major version of this contract."),
  appsNamespace: name.describe("Namespace of the API Deployment, its Services, the HTTPRoute and the health-check policies."),
  workersNamespace: name.describe("Namespace of the active worker colour, `workers-<color>`."),
  activeWorkerColor: color.describe("The colour whose workers consume the queue."),
  drainingWorkerColor: color.optional().describe("During a blue/green cutover, the previous colour (scaled to zero, draining); absent otherwise."),
  drainingWorkersNamespace: name.optional().describe("Namespace of the draining colour during a cutover; absent otherwise."),
  exporterEnabled: z.boolean().describe("Whether the DataHub exporter CronJob is deployed."),
  exporterNamespace: name.optional().describe("Namespace of the DataHub exporter CronJob; absent when the exporter is disabled."),
  executionApiUrl: https.describe("`https://<first route hostname>/execution`."),
  managementApiUrl: https.describe("`https://<first route hostname>/management`."),
  appsIdentityClientId: name.describe("Client ID of the apps user-assigned identity (annotated on `sa-apps-workloadidentity`)."),
  appsIdentityPrincipalId: name
    .optional()
    .describe("Its principal (object) ID, for role assignments; absent when unknown (external identities without one in config)."),
  workersIdentityClientId: name.describe("Client ID of the workers identity."),
  workersIdentityPrincipalId: name.optional().describe("Principal ID of the workers identity; absent when unknown."),
  exporterIdentityClientId: name.optional().describe("Client ID of the exporter identity; absent when the exporter is disabled."),
  exporterIdentityPrincipalId: name.optional().describe("Principal ID of the exporter identity; absent when the exporter is disabled or the ID is unknown."),
  appConfigurationEndpoint: https.describe("`https://<store>.azconfig.io`."),
  brokerQueue: name.describe("The Celery queue the workers consume (`BROKER_REQUESTS_QUEUE`)."),
  imageReference: name.describe("`<registry>/<repository>:<tag>[@<digest>]` deployed by every workload."),
};

/**
 * The runtime check of the outputs. Cross-field rules (not expressible in the JSON Schema):
 * the exporter outputs are present exactly when `exporterEnabled`; the draining colour and its
 * namespace come together and the draining colour differs from the active one.
 */
export const pulseOsOutputsSchema = z
  .object(shape)
  .meta({ title: "Pulse-OS stack outputs", description: `Contract major ${CONTRACT_VERSION}: the outputs of a Pulse-OS stack, read through StackReference.` })
  .superRefine((o, ctx) => {
    if (o.exporterEnabled && o.exporterNamespace === undefined) {
      ctx.addIssue({ code: "custom", path: ["exporterNamespace"], message: "is required when exporterEnabled is true" });
    }
    if (!o.exporterEnabled && o.exporterNamespace !== undefined) {
      ctx.addIssue({ code: "custom", path: ["exporterNamespace"], message: "must be absent when exporterEnabled is false" });
    }
    if ((o.drainingWorkerColor === undefined) !== (o.drainingWorkersNamespace === undefined)) {
      ctx.addIssue({ code: "custom", path: ["drainingWorkersNamespace"], message: "drainingWorkerColor and drainingWorkersNamespace come together" });
    }
    if (o.drainingWorkerColor !== undefined && o.drainingWorkerColor === o.activeWorkerColor) {
      ctx.addIssue({ code: "custom", path: ["drainingWorkerColor"], message: `must differ from activeWorkerColor ('${o.activeWorkerColor}')` });
    }
  });

/** The outputs of a Pulse-OS stack, as a consumer reads them. */
export type PulseOsOutputs = z.output<typeof pulseOsOutputsSchema>;

/** Every output name of the contract. */
export type OutputName = keyof PulseOsOutputs;

/** Every output name, in declaration order. */
export const OUTPUT_NAMES = Object.keys(shape) as OutputName[];

/** The names that are absent when they have no value (never written as ""). */
export const OPTIONAL_OUTPUT_NAMES = OUTPUT_NAMES.filter((k) => shape[k].safeParse(undefined).success);

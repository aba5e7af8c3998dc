/**
 * `azure`: what the program creates in Azure, as a union on `azure.mode`, so that code reading a
 * managed-mode config finds the resource group, location and AKS cluster without `!`.
 */
import { z } from "zod";
import { requiredWhen, text, uuid } from "../fields";

const MANAGED_ONLY = (what: string) => `is required when azure.mode is 'managed'${what}`;
const EXTERNAL_ONLY = (what: string) => `is required when azure.mode is 'external'${what}`;

const resourceGroupName = (params?: ReturnType<typeof requiredWhen>) => z.string(params).min(1).max(90);

const identityRef = (missing?: string) =>
  z.strictObject(
    {
      clientId: uuid().meta({ description: "Client (application) ID of the existing user-assigned identity." }),
      principalId: uuid().optional().meta({ description: "Object (principal) ID; reported as an output when given." }),
    },
    missing === undefined ? undefined : requiredWhen(missing),
  );

const tags = z.record(z.string(), text()).default({}).meta({ description: "Tags on every Azure resource the stack creates (values as the CLI stores them)." });

export const azureManagedSchema = z.strictObject({
  mode: z.literal("managed").default("managed").meta({
    description:
      "`managed`: create the identities, their federated credentials and App Configuration. `external`: create nothing in Azure; take client IDs and the endpoint from config (clusters outside Azure, the local stack).",
  }),
  tenantId: uuid().optional().meta({
    description: "Entra tenant ID annotated on every service account; in managed mode the identities' tenant when omitted. Required in external mode.",
  }),
  resourceGroupName: resourceGroupName(requiredWhen(MANAGED_ONLY(""))).meta({
    description: "Resource group of the identities and the App Configuration store (managed mode, required).",
  }),
  location: z
    .string(requiredWhen(MANAGED_ONLY("")))
    .regex(/^[a-z0-9]+$/, "must be an Azure region name such as 'westeurope'")
    .meta({ description: "Azure region (managed mode, required)." }),
  aks: z
    .strictObject(
      {
        resourceGroupName: resourceGroupName().meta({ description: "Resource group of the AKS cluster." }),
        clusterName: z.string().min(1).max(63).meta({ description: "Name of the AKS cluster." }),
        oidcIssuerUrl: z
          .url({ protocol: /^https$/, error: "must be an https URL" })
          .optional()
          .meta({ description: "OIDC issuer URL; read from the cluster (OIDC issuer and workload identity on) when omitted." }),
      },
      requiredWhen(MANAGED_ONLY(" (resourceGroupName and clusterName of the AKS cluster)")),
    )
    .meta({ description: "The AKS cluster: its OIDC issuer and, without `kubernetes.kubeconfig`, its user credentials (managed mode, required)." }),
  identities: z
    .never({ error: "is only allowed when azure.mode is 'external' (managed mode creates the identities)" })
    .optional()
    .meta({ description: "External mode only." }),
  tags,
  protect: z.boolean().default(false).meta({
    description:
      "Pulumi `protect` on the App Configuration store and the managed identities: a destroy or a replace stops instead of deleting them (docs/operations.md says how to lift it). `true` in prod.",
  }),
});

export const azureExternalSchema = z.strictObject({
  mode: z.literal("external").meta({ description: "Create nothing in Azure: identities, tenant and the App Configuration endpoint come from config." }),
  tenantId: uuid(requiredWhen(EXTERNAL_ONLY(""))).meta({ description: "Entra tenant ID annotated on every service account (required)." }),
  identities: z
    .strictObject(
      {
        apps: identityRef(EXTERNAL_ONLY(" (clientId of the apps identity)")),
        workers: identityRef(EXTERNAL_ONLY(" (clientId of the workers identity)")),
        exporter: identityRef().optional().meta({ description: "Required when the exporter is enabled." }),
      },
      requiredWhen(EXTERNAL_ONLY(" (clientId of the apps and workers identities)")),
    )
    .meta({
      description:
        "Existing identities `{apps, workers, exporter}`, each `{clientId, principalId?}` (external mode, required; `exporter` when the exporter is enabled).",
    }),
  tags,
});

export const azureSchema = z
  .discriminatedUnion("mode", [azureManagedSchema, azureExternalSchema], { error: 'must be one of "managed", "external"' })
  .prefault({} as never)
  .meta({ description: "Azure side, by `mode`: `managed` (default) or `external`." });

export type AzureConfig = z.output<typeof azureSchema>;

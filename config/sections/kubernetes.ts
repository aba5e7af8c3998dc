/** `kubernetes`, `namespaces`, `settings`: the cluster connection and the shared objects. */
import { z } from "zod";
import { DNS1123_LABEL, dnsLabel, envMap, envName } from "../fields";

export const kubernetesSchema = z
  .strictObject({
    kubeconfig: z
      .string()
      .min(1)
      .optional()
      .meta({ description: "Kubeconfig contents or path. When omitted: the AKS user credentials in managed mode, else the ambient kubeconfig." }),
    context: z.string().min(1).optional().meta({ description: "Kubeconfig context; the current context when omitted." }),
    aksLogin: z.enum(["azurecli", "workloadidentity", "spn", "devicecode"]).default("azurecli").meta({
      description:
        "How kubelogin signs in to an Entra ID–integrated AKS cluster when the kubeconfig comes from AKS: `azurecli` (an `az login` session), `workloadidentity` (federated CI credentials: AZURE_CLIENT_ID, AZURE_TENANT_ID, AZURE_FEDERATED_TOKEN_FILE), `spn` (AAD_SERVICE_PRINCIPAL_CLIENT_ID/SECRET) or `devicecode` (interactive; a CI run stalls on it).",
    }),
    clusterIdentifier: z.string().min(1).optional().meta({
      description:
        "Stable identity of the cluster for the Kubernetes provider: only a change of this value replaces the provider (and every object). `<aks resource group>/<aks name>` in managed mode, else `default`.",
    }),
  })
  .prefault({})
  .meta({ description: "The Kubernetes provider." });

export const namespacesSchema = z
  .strictObject({
    apps: dnsLabel().default("apps").meta({ description: "Namespace of the API." }),
    exporter: dnsLabel().default("exporter").meta({ description: "Namespace of the exporter." }),
    workersPrefix: z
      .string()
      .max(56)
      .regex(DNS1123_LABEL, "must be a DNS-1123 label prefix")
      .default("workers")
      .meta({ description: "The worker namespace is `<prefix>-<color>` (at most 56 characters, so the namespace fits 63)." }),
  })
  .prefault({})
  .meta({ description: "Namespaces the program owns; each workload needs its own, and none may be the gateway's." });

export const settingsSchema = z
  .strictObject({
    create: z
      .boolean()
      .default(true)
      .meta({ description: "Create `configmap-api-workers` / `secret-api-workers` in the apps and workers namespaces; `false` leaves them to exist." }),
    values: envMap().default({}).meta({
      description:
        "Non-secret entries of `configmap-api-workers` (environment variable names; values as the CLI stores them). `BROKER_REQUESTS_QUEUE` comes from `workers.queue`.",
    }),
    requiredSecrets: z.array(envName()).default([]).meta({
      description:
        "Names of `settingsSecrets` entries the application cannot start without (e.g. `APP_SECRET_KEY`): a missing one stops the program before any resource, instead of deploying an empty Secret.",
    }),
  })
  .prefault({})
  .meta({ description: "Settings shared by the API and the workers." });

/** `appConfiguration`: the App Configuration store and how the workers' provider syncs it. */
import { z } from "zod";
import { ALWAYS, duration, ENV_NAME, text } from "../fields";

/** App Configuration labels exclude `*`, `,` and `%`. */
const APPCONFIG_LABEL = /^[^*,%]*$/;

export const appConfigurationSchema = z
  .strictObject({
    mode: z.enum(["create", "existing"]).default("create").meta({
      description:
        "`create`: a new store; `existing`: an existing store, found by name (managed mode) or by endpoint (external mode, where it must be `existing`).",
    }),
    storeName: z
      .string()
      .regex(/^[a-zA-Z0-9-]{5,50}$/, "must be 5-50 letters, digits or '-'")
      .optional()
      .meta({ description: "Store name; `appcs-pulse-os-<stack>` when omitted. Required for `existing` in managed mode." }),
    resourceGroupName: z.string().min(1).max(90).optional().meta({ description: "Resource group of the store; `azure.resourceGroupName` when omitted." }),
    endpoint: z
      .url({ protocol: /^https$/, error: "must be an https URL such as 'https://appcs-x.azconfig.io'" })
      .optional()
      .meta({ description: "Endpoint of the existing store; external mode only, required there (managed mode reads it from the store)." }),
    sku: z.enum(["free", "developer", "standard", "premium"]).default("standard").meta({ description: "Store SKU." }),
    purgeProtection: z.boolean().default(false).meta({
      description:
        "Purge protection of a store the stack creates (a deleted store cannot be purged during its retention period): managed mode, `mode: create`, SKU `standard` or `premium` only. Cannot be turned off again once on. `true` in prod.",
    }),
    label: z
      .string()
      .min(1)
      .max(255)
      .regex(APPCONFIG_LABEL, "must not contain '*', ',' or '%'")
      .default("custom-engine-workers")
      .meta({ description: "The label the workers' provider selects; `keyValues` are written under it." }),
    keyValues: z
      .record(
        z
          .string()
          .min(1)
          .regex(/^[^%]+$/, "keys must not contain '%'"),
        text(),
      )
      .default({})
      .meta({
        description:
          "Key-values written to the store under `label` (managed mode; empty in external mode). The provider copies each key minus `keyPrefix` into `configmap-custom-engine-workers`, read through `envFrom`: every key must start with `keyPrefix` and be an environment variable name after it (`CELERY_LOG_LEVEL`, not `Celery:LogLevel`).",
      }),
    keyPrefix: z
      .string()
      .regex(/^[^*,%]*$/, "must not contain '*', ',' or '%'")
      .default("")
      .meta({ description: "Key prefix selected and trimmed by the provider (empty: every key under the label)." }),
    refreshInterval: z
      .union([z.literal("off"), duration()])
      .default("1m")
      .meta({ description: "Refresh interval of the provider, or `off`." }),
    waitForSync: z.boolean().default(true).meta({
      description:
        "Hold the workers back until the provider reports its first sync complete (`status.phase: COMPLETE`); `false` only where no provider controller runs (the local stack).",
    }),
  })
  .prefault({})
  .superRefine((a, ctx) => {
    const prefix = typeof a?.keyPrefix === "string" ? a.keyPrefix : "";
    const synced = new Map<string, string>();
    for (const key of Object.keys(a?.keyValues ?? {})) {
      const path = ["keyValues", key];
      if (!key.startsWith(prefix)) {
        ctx.addIssue({
          code: "custom",
          path,
          message: `is written to the store but never synced: it does not start with appConfiguration.keyPrefix '${prefix}'`,
        });
        continue;
      }
      const name = key.slice(prefix.length);
      if (!ENV_NAME.test(name)) {
        ctx.addIssue({
          code: "custom",
          path,
          message: `becomes the ConfigMap key and environment variable '${name}' (after keyPrefix '${prefix}'), which must be an environment variable name ([A-Za-z_][A-Za-z0-9_]*; no ':', '/', '.' or '-'), e.g. '${prefix}${envNameFor(name)}'`,
        });
        continue;
      }
      const other = synced.get(name);
      if (other !== undefined) ctx.addIssue({ code: "custom", path, message: `syncs to the same ConfigMap key '${name}' as '${other}'` });
      synced.set(name, key);
    }
  }, ALWAYS)
  .meta({ description: "The App Configuration store and the workers' provider." });

/** `Celery:LogLevel` -> `CELERY_LOG_LEVEL`: a suggestion for an invalid key. */
function envNameFor(key: string): string {
  const name = key
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/[^A-Za-z0-9_]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .toUpperCase();
  return /^[0-9]/.test(name) ? `_${name}` : name || "NAME";
}

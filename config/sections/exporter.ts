/** `exporter`: the DataHub exporter CronJob. */
import { z } from "zod";
import { ALWAYS, dnsLabel, envMap, envName, nonNegativeInt, positiveInt, resources } from "../fields";
import { cronScheduleError } from "../cron";
import { timeZoneError } from "../time-zone";

export const exporterSchema = z
  .strictObject({
    enabled: z.boolean().default(false).meta({ description: "Deploy the exporter CronJob (its namespace, identity and settings)." }),
    schedule: z
      .string()
      .default("0 2 * * *")
      .superRefine((s, ctx) => {
        const error = cronScheduleError(s);
        if (error) ctx.addIssue({ code: "custom", message: `must be a schedule the Kubernetes CronJob API accepts: ${error}` });
      })
      .meta({
        description:
          "Cron schedule exactly as the API server accepts it: five fields (`?` allowed, names like `mon-fri`, day of week 0-6) or a descriptor (`@daily`, `@hourly`, `@every 1h`); no `TZ=`/`CRON_TZ=` (use `timeZone`).",
      }),
    timeZone: z
      .string()
      .superRefine((s, ctx) => {
        const error = timeZoneError(s);
        if (error) ctx.addIssue({ code: "custom", message: error });
      })
      .optional()
      .meta({ description: "IANA time zone of the schedule, e.g. `Europe/Paris`; the controller's (UTC on AKS) when omitted." }),
    nodePool: dnsLabel().default("apps").meta({ description: "AKS agent pool." }),
    createConfig: z
      .boolean()
      .default(true)
      .meta({ description: "Create `configmap-datahub-exporter` / `secret-datahub-exporter`; `false` leaves them to exist." }),
    args: envMap().default({}).meta({ description: "Entries of `configmap-datahub-exporter` (the job's environment; values as the CLI stores them)." }),
    arguments: z.array(z.string()).default([]).meta({
      description:
        "Command-line arguments of `main_export.py`; `$(NAME)` is expanded by Kubernetes from the exporter ConfigMap/Secret, so a secret never appears in the CronJob. Every `$(NAME)` must be in `args` or `requiredSecrets`. Empty: the script reads its settings from the environment.",
    }),
    requiredSecrets: z.array(envName()).default([]).meta({
      description: "Entries of `exporterSecrets` the exporter cannot run without; a missing one stops the program (checked when enabled with `createConfig`).",
    }),
    resources: resources({ cpu: "100m", memory: "256Mi" }, { cpu: "500m", memory: "512Mi" }),
    backoffLimit: nonNegativeInt().default(2).meta({ description: "Retries per run." }),
    activeDeadlineSeconds: positiveInt().default(3600).meta({ description: "A run is killed after this many seconds." }),
    startingDeadlineSeconds: positiveInt().default(300).meta({ description: "A run that could not start within this many seconds is skipped." }),
    successfulJobsHistoryLimit: nonNegativeInt().default(3).meta({ description: "Finished jobs kept." }),
    failedJobsHistoryLimit: nonNegativeInt().default(3).meta({ description: "Failed jobs kept." }),
  })
  .prefault({})
  .superRefine((e, ctx) => {
    // Kubernetes passes an unknown `$(NAME)` through literally, so a typo would reach the script as text.
    const known = new Set([...Object.keys(e?.args ?? {}), ...(e?.requiredSecrets ?? []).map(String)]);
    (e?.arguments ?? []).forEach((arg, i) => {
      if (typeof arg !== "string") return;
      for (const m of arg.matchAll(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g)) {
        if (!known.has(m[1]!) && !arg.includes(`$$(${m[1]})`)) {
          ctx.addIssue({
            code: "custom",
            path: ["arguments", i],
            message: `refers to $(${m[1]}), which is neither in exporter.args nor in exporter.requiredSecrets: Kubernetes would pass '$(${m[1]})' literally`,
          });
        }
      }
    });
  }, ALWAYS)
  .meta({ description: "The DataHub exporter CronJob." });

import type { ResourceValidationPolicy } from "@pulumi/policy";
import { containersOf, POD_TEMPLATE_TYPES, podTemplateOf } from "../lib/k8s";
import { validateTypes } from "../lib/policy";
import { at, isUnknown } from "../lib/values";

/** Kubernetes' default `terminationGracePeriodSeconds`. */
const DEFAULT_GRACE_SECONDS = 30;

/** The value of `--time-limit=N` (or `--time-limit N`) in a Celery worker command, if any. */
export function celeryTimeLimit(command: readonly unknown[]): number | undefined {
  const words = command.map(String);
  if (!words.includes("celery") || !words.includes("worker")) return undefined;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const raw = w.startsWith("--time-limit=") ? w.slice("--time-limit=".length) : w === "--time-limit" ? words[i + 1] : undefined;
    if (raw !== undefined && /^\d+(\.\d+)?$/.test(raw)) return Number(raw);
  }
  return undefined;
}

export const celeryDrainFitsGrace: ResourceValidationPolicy = {
  name: "celery-drain-fits-grace",
  description:
    "A Celery worker's hard task time limit (--time-limit) is below its pod's terminationGracePeriodSeconds. On SIGTERM (a rollout, a " +
    "blue/green cutover, a node drain) Celery's warm shutdown waits for running tasks; a task allowed to run longer than the grace period " +
    "is killed mid-way and redelivered.",
  remediationSteps:
    "Lower `workers.timeLimitSeconds` (or the pool's) below `workers.terminationGracePeriodSeconds`, or raise the grace period " +
    "(docs/operations.md, 'What the image must do so a drained worker loses no task').",
  severity: "high",
  validateResource: validateTypes(POD_TEMPLATE_TYPES, (props, args, reportViolation) => {
    const template = podTemplateOf(args.type, props, args.name);
    if (!template) return;
    const graceRaw = at(template.spec, "terminationGracePeriodSeconds");
    if (isUnknown(graceRaw)) return;
    const grace = typeof graceRaw === "number" ? graceRaw : DEFAULT_GRACE_SECONDS;
    for (const c of containersOf(template)) {
      const command = at(c.value, "command");
      if (isUnknown(command) || !Array.isArray(command) || command.some(isUnknown)) continue;
      const limit = celeryTimeLimit(command);
      if (limit !== undefined && limit >= grace) {
        reportViolation(
          `${template.ref}: container "${c.name}" runs tasks for up to --time-limit=${limit}s, not below terminationGracePeriodSeconds ` +
            `${grace}s: a task still running when the pod is drained is killed at the end of the grace period and redelivered`,
        );
      }
    }
  }),
};

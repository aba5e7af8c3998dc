/**
 * Field types shared by the config sections: patterns, value coercion the way
 * `pulumi config set --path` stores values, and small building blocks (resources, probes).
 * Every default of the stack configuration is written in the section schemas, once.
 */
import { z } from "zod";
import { parseQuantity } from "./quantity";

/** DNS-1123 label: namespaces, pool names, node pool label values. */
export const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** DNS-1123 subdomain: ConfigMap/Secret/object names. */
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** Environment variable names. */
export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Go duration as used by the ALB HealthCheckPolicy and the App Configuration provider (`5s`, `1m30s`). */
const DURATION = /^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CIDR = /^(\d{1,3}\.){3}\d{1,3}\/(\d|[12]\d|3[0-2])$|^[0-9a-fA-F:]+\/\d{1,3}$/;

/**
 * Cross-field rules run even when a field already failed, so every problem is reported in one
 * pass. Their code must therefore cope with missing or invalid fields.
 */
export const ALWAYS = { when: () => true } as const;

/** Every field optional, recursively (what a refinement may see when fields failed). */
export type DeepPartial<T> = T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

export const dnsLabel = () =>
  z
    .string()
    .max(63)
    .regex(DNS1123_LABEL, "must be a DNS-1123 label (lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters)");
export const dnsSubdomain = () => z.string().max(253).regex(DNS1123_SUBDOMAIN, "must be a DNS-1123 subdomain (lower-case letters, digits, '-' and '.')");
export const positiveInt = () => z.int().min(1);
export const nonNegativeInt = () => z.int().min(0);
export const port = () => z.int().min(1).max(65535);
/** Params of a type check whose message, when the value is missing, says why it is required. */
export const requiredWhen = (missing: string) => ({ error: (issue: { input?: unknown }) => (issue.input === undefined ? missing : undefined) });
export const uuid = (params?: ReturnType<typeof requiredWhen>) => z.string(params).regex(UUID, "must be a GUID like 00000000-0000-0000-0000-000000000000");
export const duration = () => z.string().regex(DURATION, "must be a duration such as '5s', '500ms' or '1m'");
export const cidr = () => z.string().regex(CIDR, "must be a CIDR such as '10.0.0.0/16'");
export const envName = (what = "must be an environment variable name ([A-Za-z_][A-Za-z0-9_]*)") => z.string().regex(ENV_NAME, what);

/**
 * A string-valued setting as `pulumi config set --path` stores it: `... 1` is stored as the
 * number 1 and `... true` as a boolean, so numbers and booleans are taken in their written form.
 */
export const text = () =>
  z
    .union([z.string(), z.number(), z.boolean()], {
      error: (issue) => (issue.input === undefined ? "is required (a string)" : "must be a string (numbers and booleans are taken as written)"),
    })
    .transform((v) => String(v));

/** Map of environment variable names to values (values as the CLI stores them). */
export const envMap = () => z.record(envName("keys must be environment variable names ([A-Za-z_][A-Za-z0-9_]*)"), text());

/** A Kubernetes resource quantity (every form the API server accepts), greater than zero. */
export const quantity = () =>
  text().pipe(
    z.string().refine((v) => (parseQuantity(v)?.sign ?? 0) > 0, "must be a positive Kubernetes quantity such as '100m', '0.5', '850Mi', '1Gi' or '1e3'"),
  );

/** CPU and memory of one side (requests or limits). */
export interface Amounts {
  readonly cpu: string;
  readonly memory: string;
}

const amounts = (defaults: Amounts) => z.strictObject({ cpu: quantity().default(defaults.cpu), memory: quantity().default(defaults.memory) }).prefault({});

/** Limits must not be below requests, per resource; `path` leads to the resources object. */
export function checkLimits(r: DeepPartial<{ requests: Amounts; limits: Amounts }> | undefined, ctx: z.RefinementCtx, path: PropertyKey[]): void {
  for (const key of ["cpu", "memory"] as const) {
    const requested = r?.requests?.[key];
    const limit = r?.limits?.[key];
    if (typeof requested !== "string" || typeof limit !== "string") continue;
    const req = parseQuantity(requested);
    const lim = parseQuantity(limit);
    if (req !== undefined && lim !== undefined && lim.compare(req) < 0) {
      ctx.addIssue({ code: "custom", path: [...path, "limits", key], message: `must be at least requests.${key} (${requested})` });
    }
  }
}

/** Requests and limits of one container, each side merged with its defaults; limits ≥ requests. */
export const resources = (requests: Amounts, limits: Amounts) =>
  z
    .strictObject({ requests: amounts(requests), limits: amounts(limits) })
    .prefault({})
    .superRefine((r, ctx) => checkLimits(r, ctx, []), ALWAYS)
    .meta({
      description:
        "Container resources: `{requests: {cpu, memory}, limits: {cpu, memory}}`; each side merged with its defaults; limits must be at least the requests.",
    });

/** Probe timings of one probe, with its defaults. */
export interface ProbeDefaults {
  readonly initialDelaySeconds: number;
  readonly periodSeconds: number;
  readonly timeoutSeconds: number;
  readonly failureThreshold: number;
}

export const probeTimings = (d: ProbeDefaults, description: string) =>
  z
    .strictObject({
      initialDelaySeconds: nonNegativeInt().default(d.initialDelaySeconds),
      periodSeconds: positiveInt().default(d.periodSeconds),
      timeoutSeconds: positiveInt().default(d.timeoutSeconds),
      failureThreshold: positiveInt().default(d.failureThreshold),
    })
    .prefault({})
    .meta({ description });

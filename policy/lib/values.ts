/**
 * Plain, preview-safe access to resource properties.
 *
 * During `pulumi preview` a property that depends on a value the cloud assigns later is unknown.
 * `@pulumi/policy` hands policies a proxy that throws `UnknownValueError` as soon as such a value is
 * read, which aborts the whole policy for that resource (or, for a stack policy, for the whole
 * stack) with an advisory "can't run during preview" note. The policies here instead read a plain
 * copy of the properties in which every unknown is the {@link UNKNOWN} symbol, skip the checks
 * that depend on it, and still run every other check.
 */

/** A property value whose content is not known yet (preview). */
export const UNKNOWN: unique symbol = Symbol("unknown");
export type Unknown = typeof UNKNOWN;

/**
 * The sentinels the Pulumi engine uses for unknown values (`@pulumi/policy/proxy`, `@internal` there,
 * so copied here; `tests/values.test.ts` checks they still match the installed package).
 */
export const UNKNOWN_SENTINELS: readonly string[] = [
  "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7", // boolean
  "3eeb2bf0-c639-47a8-9e75-3b44932eb421", // number
  "04da6b54-80e4-46f7-96ec-b56ff0331ba9", // string
  "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2", // array
  "030794c1-ac77-496b-92df-f27374a8bd58", // asset
  "e48ece36-62e2-4504-bad9-02848725956a", // archive
  "dd056dcd-154b-4c76-9bd3-c8f88648b5ff", // object
];
const SENTINELS = new Set(UNKNOWN_SENTINELS);

/** Property of `@pulumi/policy`'s unknown-checking proxy that returns the proxied object. */
const PROXY_TARGET = "__getSpecialProxyTarget";

export function isUnknown(value: unknown): value is Unknown {
  return value === UNKNOWN;
}

function unwrapProxy(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  const target = (value as Record<string, unknown>)[PROXY_TARGET];
  return target !== undefined ? target : value;
}

/**
 * A deep plain copy of resource properties: the policy proxy removed, unknown sentinels replaced by
 * {@link UNKNOWN}, `@pulumi/policy` `Secret` wrappers unwrapped.
 */
export function plain(value: unknown): unknown {
  const v = unwrapProxy(value);
  if (typeof v === "string") return SENTINELS.has(v) ? UNKNOWN : v;
  if (Array.isArray(v)) return v.map(plain);
  if (typeof v === "object" && v !== null) {
    if (v.constructor?.name === "Secret" && "value" in v) return plain(v.value);
    const out: Record<string, unknown> = {};
    for (const [k, child] of Object.entries(v)) out[k] = plain(child);
    return out;
  }
  return v;
}

/** The value at `path` (object keys and array indexes): `undefined` when absent, {@link UNKNOWN} when any step is unknown. */
export function at(value: unknown, ...path: (string | number)[]): unknown {
  let cur = value;
  for (const key of path) {
    if (isUnknown(cur)) return UNKNOWN;
    if (typeof cur !== "object" || cur === null) return undefined;
    cur = (cur as Record<string | number, unknown>)[key];
  }
  return cur;
}

/** A plain object (not an array, not unknown), or undefined. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** How a value is shown in a violation message. */
export function show(value: unknown): string {
  if (value === undefined) return "unset";
  if (isUnknown(value)) return "unknown";
  return JSON.stringify(value);
}

/** The Pulumi type token of an SDK resource class (`__pulumiType` is not in the SDK typings). */
export function pulumiType(resourceClass: unknown): string {
  const token = (resourceClass as { __pulumiType?: unknown }).__pulumiType;
  if (typeof token !== "string") throw new Error("resource class has no __pulumiType");
  return token;
}

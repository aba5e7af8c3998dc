/**
 * Turns schema issues into one message per problem, each naming the key, the value given and
 * what is allowed. The error class is a `pulumi.RunError`, so `pulumi up` prints the messages
 * without a stack trace.
 */
import * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";

/** All configuration problems of a stack, reported together. */
export class ConfigValidationError extends pulumi.RunError {
  constructor(public readonly problems: readonly string[]) {
    super(`Invalid stack configuration (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n` + problems.map((p) => `  - ${p}`).join("\n"));
    this.name = "ConfigValidationError";
  }
}

/** Value at `path` in the raw (unvalidated) input. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** ` (got <value>)`, or ` (not set)`. */
function got(value: unknown): string {
  if (value === undefined) return " (not set)";
  const json = JSON.stringify(value);
  return ` (got ${json.length > 80 ? `${json.slice(0, 77)}...` : json})`;
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}

type Def = {
  type?: string;
  innerType?: unknown;
  in?: unknown;
  shape?: Record<string, unknown>;
  valueType?: unknown;
  options?: unknown[];
  discriminator?: string;
};
const defOf = (s: unknown): Def | undefined => (s as { _zod?: { def?: Def } })._zod?.def;

/** The keys an object schema at `path` accepts (a union: the option the input's discriminator picks, else all). */
function allowedKeys(schema: z.ZodType, path: readonly PropertyKey[], input: unknown): string[] {
  const unwrap = (s: unknown): Def | undefined => {
    let d = defOf(s);
    while (d && (d.innerType !== undefined || (d.type === "pipe" && d.in !== undefined))) d = defOf(d.innerType ?? d.in);
    return d;
  };
  const keysOf = (s: unknown, at: readonly PropertyKey[], value: unknown): string[] => {
    const d = unwrap(s);
    if (d?.type === "union" && d.options) {
      const picked = d.options.filter((o) => {
        const disc = d.discriminator !== undefined ? (unwrap(unwrap(o)?.shape?.[d.discriminator]) as { values?: unknown[] } | undefined) : undefined;
        const mode = (value as Record<string, unknown> | undefined)?.[d.discriminator ?? ""];
        return disc?.values === undefined || disc.values.includes(mode);
      });
      return [...new Set((picked.length > 0 ? picked : d.options).flatMap((o) => keysOf(o, at, value)))];
    }
    if (at.length === 0) return d?.type === "object" && d.shape ? Object.keys(d.shape) : [];
    const [key, ...rest] = at;
    const next = (value as Record<PropertyKey, unknown> | undefined)?.[key!];
    if (d?.type === "object" && d.shape) return keysOf(d.shape[String(key)], rest, next);
    if (d?.type === "record") return keysOf(d.valueType, rest, next);
    return [];
  };
  return keysOf(schema, path, input);
}

/** The allowed key closest to a misspelt one (edit distance, case ignored), if close enough. */
export function didYouMean(key: string, allowed: readonly string[]): string | undefined {
  const distance = (a: string, b: string): number => {
    const row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      let prev = row[0]!;
      row[0] = i;
      for (let j = 1; j <= b.length; j++) {
        const cur = row[j]!;
        row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
        prev = cur;
      }
    }
    return row[b.length]!;
  };
  let best: { key: string; d: number } | undefined;
  for (const candidate of allowed) {
    const d = distance(key.toLowerCase(), candidate.toLowerCase());
    if (best === undefined || d < best.d) best = { key: candidate, d };
  }
  return best !== undefined && best.d <= Math.max(2, Math.floor(key.length / 3)) ? best.key : undefined;
}

/** Zod's own wording (replaced by ours); any other message was written in a schema and is kept. */
const ZOD_WORDING = /^(Invalid|Too (small|big)|Unrecognized|Expected)/;

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  return `a ${typeof value}`;
}

/** One human sentence per schema issue. `namespace` is the Pulumi config namespace (`pulse-os`). */
export function formatIssues(
  namespace: string,
  schema: z.ZodType,
  input: unknown,
  issues: readonly z.core.$ZodIssue[],
  /** Top-level keys accepted outside the schema (the secret keys). */
  extraTopLevelKeys: readonly string[] = [],
  /** Top-level keys whose values are secret: never shown. */
  secretKeys: readonly string[] = extraTopLevelKeys,
): string[] {
  const problems: string[] = [];
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys") {
      // Never the value: a misspelt key may hold a secret (`settingSecrets`).
      const allowed = [...allowedKeys(schema, issue.path, input), ...(issue.path.length === 0 ? extraTopLevelKeys : [])];
      for (const key of issue.keys) {
        const suggestion = didYouMean(key, allowed);
        problems.push(
          `${namespace}:${configPath([...issue.path, key])}: unknown key${suggestion !== undefined ? ` (did you mean '${suggestion}'?)` : ""}; allowed keys here: ${allowed.join(", ")}`,
        );
      }
      continue;
    }
    const hidden = issue.path.length > 0 && secretKeys.includes(String(issue.path[0]));
    const value = valueAt(input, issue.path);
    const own = !ZOD_WORDING.test(issue.message);
    const key = issue.path.length === 0 ? namespace : `${namespace}:${configPath(issue.path)}`;
    let message: string;
    switch (issue.code) {
      case "invalid_type":
        message = own
          ? issue.message
          : value === undefined
            ? `is required (${article(issue.expected)})`
            : `must be ${issue.expected === "int" ? "an integer" : article(issue.expected)}, got ${typeName(value)}`;
        break;
      case "invalid_value":
        message = own ? issue.message : `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
        break;
      case "too_small":
        message =
          issue.origin === "string"
            ? `must be at least ${issue.minimum} characters long`
            : issue.origin === "array"
              ? issue.message.startsWith("Too small")
                ? `needs at least ${issue.minimum} entries`
                : issue.message
              : issue.message.startsWith("Too small")
                ? `must be ${issue.inclusive === false ? "greater than" : "at least"} ${issue.minimum}`
                : issue.message;
        break;
      case "too_big":
        message =
          issue.origin === "string"
            ? `must be at most ${issue.maximum} characters long`
            : issue.origin === "array"
              ? `allows at most ${issue.maximum} entries`
              : `must be at most ${issue.maximum}`;
        break;
      case "invalid_key":
        // A record key broke its rule: the key is the value to show, not what it maps to.
        problems.push(`${key}: ${issue.issues[0]?.message ?? issue.message} (got key ${JSON.stringify(issue.path[issue.path.length - 1])})`);
        continue;
      case "invalid_union":
        message = own ? issue.message : "is not any of the accepted forms";
        break;
      default:
        message = issue.message;
    }
    problems.push(`${key}: ${message}${hidden ? " (value hidden: secret)" : got(value)}`);
  }
  return problems;
}

/**
 * A config path as `pulumi config set --path` writes it: dotted names, and `["…"]` for a map key
 * that is not a plain name (`appConfiguration.keyValues["Celery:LogLevel"]`).
 */
export function configPath(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === "number" || /^[A-Za-z0-9_-]+$/.test(String(p)) ? `${i === 0 ? "" : "."}${String(p)}` : `[${JSON.stringify(String(p))}]`))
    .join("");
}

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
    super(
      `Invalid stack configuration (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n` +
        problems.map((p) => `  - ${p}`).join("\n"),
    );
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

/** The keys an object schema at `path` accepts (for "unknown key" messages). */
function allowedKeys(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let current: unknown = schema;
  const unwrap = () => {
    for (;;) {
      const def = (current as { _zod?: { def?: { type?: string; innerType?: unknown; in?: unknown } } })._zod?.def;
      if (def?.innerType !== undefined) current = def.innerType;
      else if (def?.type === "pipe" && def.in !== undefined) current = def.in;
      else return def;
    }
  };
  for (const key of path) {
    const def = unwrap() as { type?: string; shape?: Record<string, unknown>; valueType?: unknown } | undefined;
    if (def?.type === "object" && def.shape) current = def.shape[String(key)];
    else if (def?.type === "record") current = def.valueType;
    else return [];
  }
  const def = unwrap() as { type?: string; shape?: Record<string, unknown> } | undefined;
  return def?.type === "object" && def.shape ? Object.keys(def.shape) : [];
}

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
): string[] {
  const problems: string[] = [];
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys") {
      const allowed = [...allowedKeys(schema, issue.path), ...(issue.path.length === 0 ? extraTopLevelKeys : [])];
      for (const key of issue.keys) {
        const path = [...issue.path, key];
        problems.push(`${namespace}:${configPath(path)}: is not a known setting${got(valueAt(input, path))}; allowed keys here: ${allowed.join(", ")}`);
      }
      continue;
    }
    const value = valueAt(input, issue.path);
    const key = issue.path.length === 0 ? namespace : `${namespace}:${configPath(issue.path)}`;
    let message: string;
    switch (issue.code) {
      case "invalid_type":
        message = value === undefined ? `is required (${article(issue.expected)})` : `must be ${issue.expected === "int" ? "an integer" : article(issue.expected)}, got ${typeName(value)}`;
        break;
      case "invalid_value":
        message = `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
        break;
      case "too_small":
        message =
          issue.origin === "string" ? `must be at least ${issue.minimum} characters long`
          : issue.origin === "array" ? (issue.message.startsWith("Too small") ? `needs at least ${issue.minimum} entries` : issue.message)
          : issue.message.startsWith("Too small") ? `must be ${issue.inclusive === false ? "greater than" : "at least"} ${issue.minimum}` : issue.message;
        break;
      case "too_big":
        message =
          issue.origin === "string" ? `must be at most ${issue.maximum} characters long`
          : issue.origin === "array" ? `allows at most ${issue.maximum} entries`
          : `must be at most ${issue.maximum}`;
        break;
      case "invalid_key":
        // A record key broke its rule: the key is the value to show, not what it maps to.
        problems.push(`${key}: ${issue.issues[0]?.message ?? issue.message} (got key ${JSON.stringify(issue.path[issue.path.length - 1])})`);
        continue;
      case "invalid_union":
        message = "is not any of the accepted forms";
        break;
      default:
        message = issue.message;
    }
    problems.push(`${key}: ${message}${got(value)}`);
  }
  return problems;
}

/**
 * A config path as `pulumi config set --path` writes it: dotted names, and `["…"]` for a map key
 * that is not a plain name (`appConfiguration.keyValues["Celery:LogLevel"]`).
 */
export function configPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === "number" || /^[A-Za-z0-9_-]+$/.test(String(p)) ? `${i === 0 ? "" : "."}${String(p)}` : `[${JSON.stringify(String(p))}]`)).join("");
}


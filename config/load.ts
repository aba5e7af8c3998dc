/**
 * Reads and validates the stack configuration. This is the only module that touches
 * `pulumi.Config`; components receive everything through their args.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { ConfigValidationError, formatIssues } from "./errors";
import { SECRET_CONFIG_KEYS, stackConfigSchema, type StackConfig } from "./schema";

/** Pulumi config namespace of every key (the project name). */
export const CONFIG_NAMESPACE = "pulse-os";

const secretMap = z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "keys must be environment variable names ([A-Za-z_][A-Za-z0-9_]*)"), z.string());

/** Everything the program needs from config, validated, defaults resolved. */
export interface ProgramConfig extends StackConfig {
  /** Stack name (e.g. `dev`). */
  readonly stack: string;
  /** Entries of `secret-api-workers`, as a Pulumi secret. Undefined when none are configured. */
  readonly settingsSecrets?: pulumi.Output<Record<string, string>>;
  /** Entries of `secret-datahub-exporter`, as a Pulumi secret. Undefined when none are configured. */
  readonly exporterSecrets?: pulumi.Output<Record<string, string>>;
}

/**
 * Whether the engine marked a key secret. The SDK exports this at run time but not in its
 * typings; if a future SDK drops it, the check is skipped rather than failing every stack.
 */
function isConfigSecret(fullKey: string): boolean {
  const fn = (pulumi.runtime as unknown as { isConfigSecret?: (k: string) => boolean }).isConfigSecret;
  return fn === undefined ? true : fn(fullKey);
}

/** Raw value of a key: JSON when it parses, else the string itself (so type errors are reported, not thrown). */
function parseRaw(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Required secret entries that are not set (only names are looked at, never a value). */
function missingSecrets(config: StackConfig, input: Record<string, unknown>): string[] {
  const required: Array<[(typeof SECRET_CONFIG_KEYS)[number], string, readonly string[]]> = [
    ["settingsSecrets", "settings.requiredSecrets", config.settings.requiredSecrets],
    ["exporterSecrets", "exporter.requiredSecrets", config.exporter.enabled && config.exporter.createConfig ? config.exporter.requiredSecrets : []],
  ];
  const problems: string[] = [];
  for (const [key, declaredBy, names] of required) {
    const given = input[key];
    const present = typeof given === "object" && given !== null ? Object.keys(given) : [];
    for (const name of names) {
      if (!present.includes(name)) {
        problems.push(`${CONFIG_NAMESPACE}:${key}.${name}: is required by ${declaredBy} and not set (pulumi config set --secret --path ${key}.${name} <value>)`);
      }
    }
  }
  return problems;
}

/**
 * Validates a raw configuration object (as found in a stack file). Throws one
 * {@link ConfigValidationError} listing every problem.
 */
export function validateConfig(input: Record<string, unknown>, isSecret: (key: string) => boolean = () => true): StackConfig {
  const problems: string[] = [];
  const plain = Object.fromEntries(Object.entries(input).filter(([k]) => !(SECRET_CONFIG_KEYS as readonly string[]).includes(k)));
  const result = stackConfigSchema.safeParse(plain);
  if (!result.success) problems.push(...formatIssues(CONFIG_NAMESPACE, stackConfigSchema, plain, result.error.issues, SECRET_CONFIG_KEYS));
  for (const key of SECRET_CONFIG_KEYS) {
    if (input[key] === undefined) continue;
    const given = input[key];
    if (typeof given === "object" && given !== null && Object.keys(given).length > 0 && !isSecret(key)) {
      problems.push(`${CONFIG_NAMESPACE}:${key}: must be stored as a secret (pulumi config set --secret --path ${key}.NAME value), got a plain value (value hidden)`);
    }
    const secret = secretMap.safeParse(given);
    // Never echo secret values: report the key and the rule only.
    if (!secret.success) {
      for (const issue of secret.error.issues) {
        problems.push(`${CONFIG_NAMESPACE}:${[key, ...issue.path].join(".")}: ${issue.code === "invalid_type" ? `must be a map of names to strings` : issue.code === "invalid_key" ? (issue.issues[0]?.message ?? issue.message) : issue.message} (value hidden: secret)`);
      }
    }
  }
  if (result.success) problems.push(...missingSecrets(result.data, input));
  if (problems.length > 0 || !result.success) throw new ConfigValidationError(problems);
  return result.data;
}

/** Reads every known key of the current stack, validates it and returns the typed config. */
export function loadConfig(): ProgramConfig {
  // Every key of our namespace, known or not, so a misspelt top-level key is reported too.
  const input: Record<string, unknown> = {};
  for (const [fullKey, text] of Object.entries(pulumi.runtime.allConfig())) {
    if (fullKey.startsWith(`${CONFIG_NAMESPACE}:`)) input[fullKey.slice(CONFIG_NAMESPACE.length + 1)] = parseRaw(text);
  }
  const config = validateConfig(input, (key) => isConfigSecret(`${CONFIG_NAMESPACE}:${key}`));
  // Only the number of entries is looked at here, never a value.
  const secret = (key: (typeof SECRET_CONFIG_KEYS)[number]) => {
    const entries = (input[key] as Record<string, string> | undefined) ?? {};
    return Object.keys(entries).length > 0 ? { [key]: pulumi.secret(entries) } : {};
  };
  return {
    ...config,
    stack: pulumi.getStack(),
    ...secret("settingsSecrets"),
    ...secret("exporterSecrets"),
  };
}

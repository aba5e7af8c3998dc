/**
 * Reads and validates the stack configuration. This is the only module that touches
 * `pulumi.Config`; components receive everything through their args.
 */
import * as pulumi from "@pulumi/pulumi";
import { ConfigValidationError, configPath, formatIssues } from "./errors";
import { ENV_NAME } from "./fields";
import { azureNameProblems } from "./names";
import { SECRET_CONFIG_KEYS, stackConfigSchema, type StackConfig } from "./schema";
import { engineSecretLookup, projectStackFile, stackFileSecretLookup, type SecretLookup } from "./secrets";

/** Pulumi config namespace of every key (the project name). */
export const CONFIG_NAMESPACE = "pulse-os";

type SecretKey = (typeof SECRET_CONFIG_KEYS)[number];

/** Everything the program needs from config, validated, defaults resolved. */
export type ProgramConfig = StackConfig & {
  /** Stack name (e.g. `dev`). */
  readonly stack: string;
  /** Entries of `secret-api-workers`, as a Pulumi secret. Undefined when none are configured. */
  readonly settingsSecrets?: pulumi.Output<Record<string, string>>;
  /** Entries of `secret-datahub-exporter`, as a Pulumi secret. Undefined when none are configured. */
  readonly exporterSecrets?: pulumi.Output<Record<string, string>>;
};

export type { SecretLookup } from "./secrets";

export interface ValidateOptions {
  /** Stack name: checks the Azure names the naming scheme derives from it. */
  readonly stack?: string;
}

/** Raw value of a key: JSON when it parses, else the string itself (so type errors are reported, not thrown). */
function parseRaw(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A secret map's problems, by key and rule only: its values are never read into a message. */
function secretMapProblems(key: SecretKey, given: unknown, isSecret: SecretLookup): string[] {
  const where = `${CONFIG_NAMESPACE}:${key}`;
  if (typeof given !== "object" || given === null || Array.isArray(given)) return [`${where}: must be a map of names to strings (value hidden: secret)`];
  const problems: string[] = [];
  for (const [name, value] of Object.entries(given)) {
    const at = `${CONFIG_NAMESPACE}:${configPath([key, name])}`;
    if (!ENV_NAME.test(name)) problems.push(`${at}: keys must be environment variable names ([A-Za-z_][A-Za-z0-9_]*) (value hidden: secret)`);
    if (!["string", "number", "boolean"].includes(typeof value)) problems.push(`${at}: must be a string (value hidden: secret)`);
    const secret = isSecret([key, name]);
    if (secret === undefined) {
      problems.push(
        `${at}: cannot tell whether this value is stored as a secret (the Pulumi SDK no longer reports it), so it is refused; check the SDK version (value hidden)`,
      );
    } else if (!secret) {
      problems.push(`${at}: must be stored as a secret (pulumi config set --secret --path ${key}.${name} <value>), got a plain value (value hidden)`);
    }
  }
  return problems;
}

/** Required secret entries that are not set (only names are looked at, never a value). */
function missingSecrets(config: StackConfig, input: Record<string, unknown>): string[] {
  const required: Array<[SecretKey, string, readonly string[]]> = [
    ["settingsSecrets", "settings.requiredSecrets", config.settings.requiredSecrets],
    ["exporterSecrets", "exporter.requiredSecrets", config.exporter.enabled && config.exporter.createConfig ? config.exporter.requiredSecrets : []],
  ];
  const problems: string[] = [];
  for (const [key, declaredBy, names] of required) {
    const given = input[key];
    const present = typeof given === "object" && given !== null ? Object.keys(given) : [];
    for (const name of names) {
      if (!present.includes(name)) {
        problems.push(
          `${CONFIG_NAMESPACE}:${key}.${name}: is required by ${declaredBy} and not set (pulumi config set --secret --path ${key}.${name} <value>)`,
        );
      }
    }
  }
  return problems;
}

/**
 * Validates a raw configuration object (as found in a stack file). Throws one
 * {@link ConfigValidationError} listing every problem. `isSecret` says which values are stored
 * encrypted; by default the secret maps are and nothing else is (a test input).
 */
export function validateConfig(
  input: Record<string, unknown>,
  isSecret: SecretLookup = (p) => (SECRET_CONFIG_KEYS as readonly string[]).includes(p[0]!),
  options: ValidateOptions = {},
): StackConfig {
  const problems: string[] = [];
  const plain = Object.fromEntries(Object.entries(input).filter(([k]) => !(SECRET_CONFIG_KEYS as readonly string[]).includes(k)));
  const secretTopKeys = [...SECRET_CONFIG_KEYS, ...Object.keys(plain).filter((k) => isSecret([k]) === true)];
  const result = stackConfigSchema.safeParse(plain);
  if (!result.success) problems.push(...formatIssues(CONFIG_NAMESPACE, stackConfigSchema, plain, result.error.issues, SECRET_CONFIG_KEYS, secretTopKeys));
  for (const key of SECRET_CONFIG_KEYS) {
    if (input[key] !== undefined) problems.push(...secretMapProblems(key, input[key], isSecret));
  }
  if (result.success) {
    problems.push(...missingSecrets(result.data, input));
    if (options.stack !== undefined) problems.push(...azureNameProblems(CONFIG_NAMESPACE, options.stack, result.data));
  }
  if (problems.length > 0 || !result.success) throw new ConfigValidationError(problems);
  return result.data;
}

/** Entries of a secret map as strings (the CLI stores `--path` numbers and booleans as such). */
function entries(value: unknown): Record<string, string> {
  if (typeof value !== "object" || value === null) return {};
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)]));
}

/** Reads every key of the current stack, validates it and returns the typed config. */
export function loadConfig(): ProgramConfig {
  // Every key of our namespace, known or not, so a misspelt top-level key is reported too.
  const input: Record<string, unknown> = {};
  for (const [fullKey, text] of Object.entries(pulumi.runtime.allConfig())) {
    if (fullKey.startsWith(`${CONFIG_NAMESPACE}:`)) input[fullKey.slice(CONFIG_NAMESPACE.length + 1)] = parseRaw(text);
  }
  const stack = pulumi.getStack();
  const isSecret = stackFileSecretLookup(CONFIG_NAMESPACE, projectStackFile(stack), input, engineSecretLookup(CONFIG_NAMESPACE));
  const config = validateConfig(input, isSecret, { stack });
  const secret = (key: SecretKey) => {
    const values = entries(input[key]);
    return Object.keys(values).length > 0 ? { [key]: pulumi.secret(values) } : {};
  };
  return { ...config, stack, ...secret("settingsSecrets"), ...secret("exporterSecrets") };
}

/**
 * Reads a stack's configuration the way the Pulumi CLI hands it to the program: project
 * defaults from `Pulumi.yaml`'s `config:` block, overridden by the stack file. Encrypted
 * (`secure:`) values cannot be decrypted offline and become a fixed placeholder.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";

/** The placeholder used for every encrypted value. */
export const SECRET_PLACEHOLDER = "[secret]";

export interface StackConfigFile {
  /** Project name (the config namespace). */
  readonly project: string;
  /** Full keys (`pulse-os:workers`) to the raw string values the program reads. */
  readonly config: Record<string, string>;
  /** Full keys whose value is (or contains) a secret. */
  readonly secretKeys: string[];
}

function isSecure(v: unknown): v is { secure: string } {
  return typeof v === "object" && v !== null && !Array.isArray(v) && Object.keys(v).length === 1 && typeof (v as { secure?: unknown }).secure === "string";
}

/** Replaces every `{secure: ...}` leaf; reports whether any was found. */
function decrypt(value: unknown): { value: unknown; secret: boolean } {
  if (isSecure(value)) return { value: SECRET_PLACEHOLDER, secret: true };
  if (Array.isArray(value)) {
    const items = value.map(decrypt);
    return { value: items.map((i) => i.value), secret: items.some((i) => i.secret) };
  }
  if (typeof value === "object" && value !== null) {
    let secret = false;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const d = decrypt(v);
      out[k] = d.value;
      secret ||= d.secret;
    }
    return { value: out, secret };
  }
  return { value, secret: false };
}

/** Pulumi passes strings as-is and everything else as JSON. */
function encode(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** Loads `Pulumi.yaml` from `projectDir` and the stack file at `stackFile`. */
export function readStackConfig(projectDir: string, stackFile: string): StackConfigFile {
  const project = parse(readFileSync(path.join(projectDir, "Pulumi.yaml"), "utf8")) as {
    name: string;
    config?: Record<string, unknown>; // a declaration ({ type, default, value, ... }) per key
  };
  const stack = (parse(readFileSync(stackFile, "utf8")) ?? {}) as { config?: Record<string, unknown> };
  const config: Record<string, string> = {};
  const secretKeys: string[] = [];
  const fullKey = (key: string) => (key.includes(":") ? key : `${project.name}:${key}`);

  for (const [key, spec] of Object.entries(project.config ?? {})) {
    const s = spec as { default?: unknown; value?: unknown };
    const v = typeof spec === "object" && spec !== null && ("default" in s || "value" in s) ? (s.default ?? s.value) : undefined;
    if (v !== undefined) config[fullKey(key)] = encode(v);
  }
  for (const [key, raw] of Object.entries(stack.config ?? {})) {
    const { value, secret } = decrypt(raw);
    config[fullKey(key)] = encode(value);
    if (secret) secretKeys.push(fullKey(key));
  }
  return { project: project.name, config, secretKeys };
}

/** Raw config of the project's namespace only, parsed like `loadConfig` does (for offline validation). */
export function namespaceInput(file: StackConfigFile): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [key, text] of Object.entries(file.config)) {
    if (!key.startsWith(`${file.project}:`)) continue;
    let value: unknown = text;
    try {
      value = JSON.parse(text);
    } catch {
      // plain string
    }
    input[key.slice(file.project.length + 1)] = value;
  }
  return input;
}

/**
 * Where the program learns which values are stored encrypted. The engine only says which
 * top-level keys hold a secret somewhere (`settingsSecrets` is marked as soon as one entry is
 * `secure:`), so each entry of a secret map is looked up in the stack file itself when that file
 * is the one the values came from; otherwise the engine's answer for the whole key is used.
 */
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { parse } from "yaml";

/**
 * Whether a value is stored encrypted: `path` is a top-level key, or a secret key and one entry
 * (`["settingsSecrets", "APP_SECRET_KEY"]`). `undefined`: the source cannot tell, which fails closed.
 */
export type SecretLookup = (path: readonly string[]) => boolean | undefined;

const isSecure = (v: unknown): boolean =>
  typeof v === "object" && v !== null && !Array.isArray(v) && Object.keys(v).length === 1 && typeof (v as { secure?: unknown }).secure === "string";

/**
 * The engine's answer, per top-level key (`pulumi.runtime.isConfigSecret`, exported at run time
 * but not in the SDK's typings). Without it nothing can be known: every lookup answers
 * `undefined`, so secret entries are refused rather than let through.
 */
export function engineSecretLookup(namespace: string, runtime: unknown = pulumi.runtime): SecretLookup {
  const fn = (runtime as { isConfigSecret?: unknown }).isConfigSecret;
  if (typeof fn !== "function") return () => undefined;
  return (p) => (fn as (k: string) => boolean)(`${namespace}:${p[0]}`);
}

/**
 * Per entry from a stack file's raw `config:` block, for the secret maps whose entries are the
 * ones the program received (same names); the engine's lookup for everything else.
 */
export function stackFileSecretLookup(
  namespace: string,
  rawConfig: Record<string, unknown>,
  received: Record<string, unknown>,
  fallback: SecretLookup,
): SecretLookup {
  return (p) => {
    if (p.length !== 2) return fallback(p);
    const stored = rawConfig[`${namespace}:${p[0]}`];
    const given = received[p[0]!];
    if (typeof stored !== "object" || stored === null || typeof given !== "object" || given === null) return fallback(p);
    if (isSecure(stored)) return true; // the whole map is one secret
    const names = (o: object) => Object.keys(o).sort().join("\u0000");
    if (names(stored) !== names(given)) return fallback(p);
    return isSecure((stored as Record<string, unknown>)[p[1]!]);
  };
}

/** `Pulumi.<stack>.yaml` of the project directory (the CLI's working directory), when there is one. */
export function projectStackFile(stack: string, dir = process.cwd()): Record<string, unknown> {
  const file = path.join(dir, `Pulumi.${stack}.yaml`);
  if (!existsSync(file)) return {};
  const parsed = parse(readFileSync(file, "utf8")) as { config?: Record<string, unknown> } | null;
  return parsed?.config ?? {};
}

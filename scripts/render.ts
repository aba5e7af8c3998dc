/**
 * Offline render: runs the real program under Pulumi's mock runtime and writes what it would
 * send, per stack:
 *   <out>/<stack>/kubernetes/<kind>-<namespace>-<name>.yaml   one object per file
 *   <out>/<stack>/azure.json                                   every Azure resource (type, name, inputs)
 *   <out>/<stack>/outputs.json                                 the stack outputs
 *
 * Usage: npm run render -- [--stack <name>]... [--config-file <path>]... [--all] [--out <dir>]
 * Exit codes: 0 rendered, 1 unexpected failure, 2 invalid configuration (nothing written).
 * Secret values are never written: they show as "[secret]" / "[redacted]".
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { parse, stringify } from "yaml";
import { ConfigValidationError, stackFileSecretLookup, validateConfig } from "../config";
import { runUnderMocks, type RecordedResource } from "../program/mock-runtime";
import { namespaceInput, readStackConfig, type StackConfigFile } from "../program/stack-files";

const ROOT = path.resolve(__dirname, "..");

export interface Target {
  readonly stack: string;
  readonly file: string;
}

function usage(message: string): never {
  process.stderr.write(`${message}\nUsage: npm run render -- [--stack <name>]... [--config-file <path>]... [--all] [--out <dir>]\n`);
  process.exit(1);
}

function parseArgs(argv: string[]): { targets: Target[]; out: string; single: boolean } {
  const targets: Target[] = [];
  let out = path.join(ROOT, "out");
  let single = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const next = () => argv[++i] ?? usage(`${arg} needs a value`);
    if (arg === "--stack") {
      const stack = next();
      targets.push({ stack, file: path.join(ROOT, `Pulumi.${stack}.yaml`) });
    } else if (arg === "--config-file") {
      const file = path.resolve(next());
      const m = /^Pulumi\.(.+)\.ya?ml$/.exec(path.basename(file));
      targets.push({ stack: m ? m[1]! : path.basename(file).replace(/\.ya?ml$/, ""), file });
    } else if (arg === "--all") {
      for (const f of readdirSync(ROOT).sort()) {
        const m = /^Pulumi\.(.+)\.yaml$/.exec(f);
        if (m) targets.push({ stack: m[1]!, file: path.join(ROOT, f) });
      }
    } else if (arg === "--out") {
      out = path.resolve(next());
    } else if (arg === "--single") {
      single = true;
    } else {
      usage(`unknown argument '${arg}'`);
    }
  }
  if (targets.length === 0) usage("name at least one stack (--stack, --config-file or --all)");
  return { targets, out, single };
}

/** `<kind>-<namespace>-<name>.yaml`; cluster-scoped objects use `_cluster` as namespace. */
export function manifestFileName(obj: { kind: string; metadata: { name: string; namespace?: string } }): string {
  return `${obj.kind}-${obj.metadata.namespace ?? "_cluster"}-${obj.metadata.name}.yaml`.toLowerCase();
}

/** Pulumi's marker of a secret value inside mock inputs. */
const SECRET_SIG = "4dabf18193072939515e22adb298388d";

/** Replaces every secret value by "[secret]". */
function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (typeof value === "object" && value !== null) {
    if (SECRET_SIG in value) return "[secret]";
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactSecrets(v)]));
  }
  return value;
}

/** A Kubernetes object as the API server would receive it (secret values redacted). */
function manifest(r: RecordedResource): Record<string, unknown> {
  const inputs: Record<string, unknown> = { ...r.inputs };
  if (inputs["kind"] === "Secret") {
    // Keep the entry names (reviewers need them), never the values.
    for (const field of ["data", "stringData"]) {
      const v = inputs[field];
      const entries = typeof v === "object" && v !== null && SECRET_SIG in v ? ("value" in v ? v.value : undefined) : v;
      if (typeof entries === "object" && entries !== null)
        inputs[field] = Object.fromEntries(
          Object.keys(entries)
            .sort()
            .map((k) => [k, "[redacted]"]),
        );
    }
  }
  const { apiVersion, kind, metadata, ...rest } = redactSecrets(inputs) as Record<string, unknown>;
  return { apiVersion, kind, metadata, ...rest };
}

function isKubernetesObject(r: RecordedResource): boolean {
  return r.custom && r.type.startsWith("kubernetes:") && r.inputs["kind"] !== undefined;
}

/** Reads and validates a stack file; prints every problem and returns undefined when invalid. */
export function check(target: Target): StackConfigFile | undefined {
  let file: StackConfigFile;
  try {
    file = readStackConfig(ROOT, target.file);
  } catch (err) {
    process.stderr.write(`render ${target.stack}: cannot read ${target.file}: ${(err as Error).message}\n`);
    return undefined;
  }
  try {
    const input = namespaceInput(file);
    const raw = (parse(readFileSync(target.file, "utf8")) as { config?: Record<string, unknown> } | null)?.config ?? {};
    validateConfig(
      input,
      stackFileSecretLookup(file.project, raw, input, (p) => file.secretKeys.includes(`${file.project}:${p[0]}`)),
      { stack: target.stack },
    );
  } catch (err) {
    if (err instanceof ConfigValidationError) {
      process.stderr.write(`render ${target.stack}: ${err.message}\n`);
      return undefined;
    }
    throw err;
  }
  return file;
}

export async function renderOne(target: Target, out: string): Promise<number> {
  const file = check(target);
  if (file === undefined) return 2;
  const result = await runUnderMocks({
    project: file.project,
    stack: target.stack,
    config: file.config,
    secretKeys: file.secretKeys,
    load: () => import("../index"),
  });

  const dir = path.join(out, target.stack);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, "kubernetes"), { recursive: true });
  const written = new Set<string>();
  for (const r of result.resources.filter(isKubernetesObject)) {
    const obj = manifest(r);
    const name = manifestFileName(obj as { kind: string; metadata: { name: string; namespace?: string } });
    if (written.has(name)) throw new Error(`two objects render to ${name}`);
    written.add(name);
    writeFileSync(path.join(dir, "kubernetes", name), stringify(obj, { sortMapEntries: false, lineWidth: 0 }));
  }
  const azure = result.resources
    .filter((r) => r.custom && r.type.startsWith("azure-native:"))
    .map((r) => ({ type: r.type, name: r.name, inputs: redactSecrets(r.inputs) }))
    .sort((a, b) => (a.type + a.name).localeCompare(b.type + b.name));
  writeFileSync(path.join(dir, "azure.json"), `${JSON.stringify(azure, null, 2)}\n`);
  // Resolved outputs have lost their secretness: the raw exports tell which ones were secret.
  const outputs = Object.fromEntries(
    Object.keys(result.outputs)
      .sort()
      .map((k) => [k, result.secretOutputs.includes(k) ? "[secret]" : result.outputs[k]]),
  );
  writeFileSync(path.join(dir, "outputs.json"), `${JSON.stringify(outputs, null, 2)}\n`);
  process.stdout.write(
    `render ${target.stack}: ${written.size} Kubernetes objects, ${azure.length} Azure resources -> ${path.relative(process.cwd(), dir) || dir}\n`,
  );
  return 0;
}

async function main(): Promise<void> {
  const { targets, out, single } = parseArgs(process.argv.slice(2));
  if (targets.length === 1 || single) {
    process.exitCode = await renderOne(targets[0]!, out);
    return;
  }
  // Validate every stack first so an invalid one means nothing is written at all.
  const invalid = targets.filter((t) => check(t) === undefined);
  if (invalid.length > 0) {
    process.exitCode = 2;
    return;
  }
  // The mock runtime's state is global to a process: one child process per stack.
  let worst = 0;
  for (const t of targets) {
    const child = spawnSync(process.execPath, [...process.execArgv, __filename, "--single", "--config-file", t.file, "--out", out], { stdio: "inherit" });
    worst = Math.max(worst, child.status ?? 1);
  }
  process.exitCode = worst;
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`render failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 1;
  });
}

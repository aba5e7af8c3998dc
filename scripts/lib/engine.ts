/**
 * The real Pulumi engine through the Automation API, shared by `npm run local`, the e2e suite and
 * the benchmark.
 *
 * The program runs as an *inline* program: the Node SDK serves the language runtime inside this
 * process and the CLI attaches to it (`--client`), so no Node language host is needed. Policy
 * packs run through the analyzer script `scripts/toolchain.sh` writes next to the CLI
 * (`pulumi-analyzer-policy-nodejs`); see docs/toolchain.md.
 *
 * Paths: the toolchain cache (`PULSE_TOOLCHAIN_DIR`, default `$XDG_CACHE_HOME|~/.cache/pulse-os-toolchain`)
 * holds the CLI, the plugins (`pulumi-home/`), the state (`state/`, or `PULSE_STATE_DIR`) and one
 * work dir per stack (`work/<stack>/`, or `PULSE_WORK_DIR`: a copy of Pulumi.yaml and of the stack
 * file, so the engine never writes into the clone).
 *
 * Two environments: `toolchain` (the simulated cluster: the cache's CLI and plugins, the local file
 * backend, the cluster's kubeconfig) and `operator` (a real environment: the operator's own backend
 * from `pulumi login`/`PULUMI_BACKEND_URL`, the stack file's secrets provider, ambient Azure and
 * Kubernetes credentials; the cache's CLI when it is built, else `pulumi` on `PATH`).
 */
import { execFile, execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { LocalWorkspace, PulumiCommand, type PulumiFn, type Stack } from "@pulumi/pulumi/automation";
import { parse, stringify } from "yaml";

export const ROOT = path.resolve(__dirname, "../..");
export const PROJECT = "pulse-os";
export const POLICY_PACK = path.join(ROOT, "policy");

/** Where the toolchain lives (same rule as scripts/lib/common.sh). */
export const TOOLCHAIN_DIR =
  process.env["PULSE_TOOLCHAIN_DIR"] ?? path.join(process.env["XDG_CACHE_HOME"] ?? path.join(os.homedir(), ".cache"), "pulse-os-toolchain");
export const TOOLCHAIN_BIN = path.join(TOOLCHAIN_DIR, "bin");
export const CLUSTER_KUBECONFIG = process.env["PULSE_KUBECONFIG"] ?? path.join(TOOLCHAIN_DIR, "cluster", "kubeconfig");

/**
 * Passphrase of the local file backend. A throwaway value that protects nothing: the local state
 * only ever holds the simulated cluster's objects. Real stacks use a real secrets provider
 * (README, docs/outputs.md).
 */
const LOCAL_PASSPHRASE = "local-dev-only-not-a-secret";

/** Environment of every CLI run: the cache's CLI and plugins, the local backend, Node 22 first on PATH. */
export function engineEnv(backendDir = process.env["PULSE_STATE_DIR"] ?? path.join(TOOLCHAIN_DIR, "state")): Record<string, string> {
  mkdirSync(backendDir, { recursive: true });
  const env: Record<string, string> = {
    PATH: [TOOLCHAIN_BIN, path.dirname(process.execPath), process.env["PATH"] ?? ""].join(path.delimiter),
    PULUMI_HOME: process.env["PULUMI_HOME"] ?? path.join(TOOLCHAIN_DIR, "pulumi-home"),
    PULUMI_BACKEND_URL: `file://${backendDir}`,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    KUBECONFIG: CLUSTER_KUBECONFIG,
  };
  if (process.env["PULUMI_CONFIG_PASSPHRASE"] === undefined && process.env["PULUMI_CONFIG_PASSPHRASE_FILE"] === undefined) {
    env["PULUMI_CONFIG_PASSPHRASE"] = LOCAL_PASSPHRASE;
  }
  return env;
}

/**
 * Environment of a CLI run against a real environment: what the operator's shell has (backend,
 * secrets provider credentials, Azure login), with the cache's CLI and analyzer first on `PATH`
 * when they are built and Node 22 before the system one.
 */
export function operatorEnv(): Record<string, string> {
  const dirs = [path.dirname(process.execPath), process.env["PATH"] ?? ""];
  if (existsSync(path.join(TOOLCHAIN_BIN, "pulumi"))) dirs.unshift(TOOLCHAIN_BIN);
  return { PATH: dirs.join(path.delimiter), PULUMI_SKIP_UPDATE_CHECK: "true" };
}

/** Stack config as a stack file holds it: full keys (`pulse-os:workers`) to values. */
export type StackConfigValues = Record<string, unknown>;

/** A stack file: `config` plus the secrets provider settings (`secretsprovider`, `encryptedkey`, `encryptionsalt`). */
export interface StackFile {
  readonly config: StackConfigValues;
  readonly settings: Record<string, unknown>;
}

/** The stack file name of a stack (`org/project/dev` -> `Pulumi.dev.yaml`). */
export function stackFileName(stack: string): string {
  return `Pulumi.${stack.split("/").pop()}.yaml`;
}

/** Reads a stack file (default: the clone's `Pulumi.<stack>.yaml`). */
export function readStackFile(file: string): StackFile {
  const doc = (parse(readFileSync(file, "utf8")) ?? {}) as Record<string, unknown>;
  const { config, ...settings } = doc;
  return { config: { ...((config ?? {}) as StackConfigValues) }, settings };
}

/** The `config:` block of `Pulumi.<stack>.yaml` in the clone. */
export function repoStackConfig(stack: string): StackConfigValues {
  return readStackFile(path.join(ROOT, stackFileName(stack))).config;
}

export interface OpenStackOptions {
  /** Stack name. */
  readonly stack: string;
  /** The stack's config (full keys). @default the clone's `Pulumi.<stack>.yaml` */
  readonly config?: StackConfigValues;
  /** Work dir (holds Pulumi.yaml and the stack file). @default `<cache>/work/<stack>` */
  readonly workDir?: string;
  /** Backend dir (`file://`). @default `<cache>/state` */
  readonly backendDir?: string;
  /** The program. @default `pulseOs` of program/main.ts */
  readonly program?: PulumiFn;
  /** Stack file settings besides config (secrets provider). @default none (the engine's own, kept across runs) */
  readonly settings?: Record<string, unknown>;
  /** `toolchain` (simulated cluster) or `operator` (a real environment). @default "toolchain" */
  readonly environment?: "toolchain" | "operator";
}

/** What the engine writes into a stack file for its secrets provider. */
const SECRETS_SETTINGS = ["secretsprovider", "encryptedkey", "encryptionsalt"] as const;

/**
 * Writes the work dir's stack file from `config` and `settings`, keeping the secrets provider
 * settings the engine wrote there before unless `settings` gives them (without them the provider
 * could not decrypt the stack's secrets).
 */
function writeStackFile(file: string, config: StackConfigValues, settings: Record<string, unknown>): void {
  const previous = existsSync(file) ? ((parse(readFileSync(file, "utf8")) ?? {}) as Record<string, unknown>) : {};
  const doc: Record<string, unknown> = {};
  for (const key of SECRETS_SETTINGS) if (previous[key] !== undefined) doc[key] = previous[key];
  Object.assign(doc, settings);
  doc["config"] = config;
  writeFileSync(file, stringify(doc));
}

/** The program of this repo as an inline program (loaded on first use). */
export const pulseOsProgram: PulumiFn = async () => {
  const { pulseOs } = await import("../../program/main");
  return { ...pulseOs() };
};

let command: Promise<PulumiCommand> | undefined;

/** The `pulumi` of the operator: the cache's when it is built, else the one on `PATH`. */
function operatorCommand(): Promise<PulumiCommand> {
  return existsSync(path.join(TOOLCHAIN_BIN, "pulumi")) ? pulumiCommand() : PulumiCommand.get();
}

/** The cache's `pulumi` CLI (built by `scripts/toolchain.sh pulumi`). */
export function pulumiCommand(): Promise<PulumiCommand> {
  const cli = path.join(TOOLCHAIN_BIN, "pulumi");
  if (!existsSync(cli)) throw new Error(`no Pulumi CLI at ${cli}: run 'npm run toolchain -- pulumi k8s-provider' first`);
  command ??= PulumiCommand.get({ root: TOOLCHAIN_DIR });
  return command;
}

/** Selects (or creates) a stack of this project in its own work dir, with the given config. */
export async function openStack(opts: OpenStackOptions): Promise<Stack> {
  const workDir = opts.workDir ?? process.env["PULSE_WORK_DIR"] ?? path.join(TOOLCHAIN_DIR, "work", opts.stack.replace(/\//g, "_"));
  mkdirSync(workDir, { recursive: true });
  // The project file as it is, minus `main`: the CLI checks that the entry file exists, and an
  // inline program has none (the program is `opts.program`).
  const project = parse(readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8")) as Record<string, unknown>;
  delete project["main"];
  writeFileSync(path.join(workDir, "Pulumi.yaml"), stringify(project));
  writeStackFile(path.join(workDir, stackFileName(opts.stack)), opts.config ?? repoStackConfig(opts.stack), opts.settings ?? {});
  const stack = { stackName: opts.stack, projectName: PROJECT, program: opts.program ?? pulseOsProgram };
  if (opts.environment === "operator") {
    return LocalWorkspace.createOrSelectStack(stack, { workDir, envVars: operatorEnv(), pulumiCommand: await operatorCommand() });
  }
  const env = engineEnv(opts.backendDir);
  return LocalWorkspace.createOrSelectStack(stack, { workDir, envVars: env, pulumiHome: env["PULUMI_HOME"]!, pulumiCommand: await pulumiCommand() });
}

/** Runs kubectl of the toolchain against the local cluster; returns stdout. */
export function kubectl(args: readonly string[], input?: string): string {
  return execFileSync(path.join(TOOLCHAIN_BIN, "kubectl"), args, {
    encoding: "utf8",
    input,
    env: { ...process.env, KUBECONFIG: CLUSTER_KUBECONFIG },
    stdio: ["pipe", "pipe", "pipe"],
    maxBuffer: 64 << 20,
  });
}

/** kubectl without blocking the event loop (the inline program shares it); resolves to stdout. */
export function kubectlAsync(args: readonly string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      path.join(TOOLCHAIN_BIN, "kubectl"),
      [...args],
      { encoding: "utf8", env: { ...process.env, KUBECONFIG: CLUSTER_KUBECONFIG }, maxBuffer: 64 << 20 },
      (err: Error | null, stdout) =>
        // Typed as the Error it is (ExecFileException is an Omit<> of one); it carries kubectl's stderr.
        err ? reject(err) : resolve(stdout),
    );
    if (input !== undefined) child.stdin?.end(input);
  });
}

/** Parsed JSON of a kubectl read (`-o json` is appended), typed as the caller expects it. */
export function kubectlJson<T = unknown>(args: readonly string[]): T {
  return JSON.parse(kubectl([...args, "-o", "json"])) as T;
}

/** Whether the local cluster answers. */
export function clusterReachable(): boolean {
  try {
    kubectl(["get", "--raw=/readyz"]);
    return true;
  } catch {
    return false;
  }
}

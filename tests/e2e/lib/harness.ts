/**
 * The e2e suite's way to the real engine: one throwaway file backend and work dir per suite, the
 * program as an inline Automation API program, config changed with the same `--path` commands
 * operators use. kubectl is only used to inspect the cluster (and to play out-of-band actors).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { EngineEvent, PulumiFn, Stack } from "@pulumi/pulumi/automation";
import {
  kubectl,
  kubectlJson as kubectlJsonAs,
  openStack,
  POLICY_PACK,
  repoStackConfig,
  TOOLCHAIN_BIN,
  type StackConfigValues,
} from "../../../scripts/lib/engine";

export { kubectl, POLICY_PACK };
/** A Kubernetes object as the tests read it (by path, asserting on what they find). */
export type Obj = Record<string, any>;

/** Parsed JSON of a kubectl read (`-o json` is appended). */
export function kubectlJson(args: readonly string[]): Obj {
  return kubectlJsonAs<Obj>(args);
}

/** A stack of its own (temp backend + work dir) holding the clone's `local` config plus `overrides`. */
export class EngineStack {
  readonly dir = mkdtempSync(path.join(tmpdir(), "pulse-e2e-"));
  readonly log: string[] = [];
  stack!: Stack;

  /** `program`: the inline program to run instead of this repo's (the default). */
  constructor(
    readonly name: string,
    private readonly overrides: StackConfigValues = {},
    private readonly program?: PulumiFn,
  ) {}

  async open(): Promise<Stack> {
    const config = { ...repoStackConfig("local"), ...this.overrides };
    this.stack = await openStack({
      stack: this.name,
      config,
      workDir: path.join(this.dir, "work"),
      backendDir: path.join(this.dir, "state"),
      ...(this.program ? { program: this.program } : {}),
    });
    return this.stack;
  }

  /** `pulumi config set [--secret] --path <key> <value>` on this stack. */
  async set(pathKey: string, value: string, secret = false): Promise<void> {
    await this.stack.setConfig(`pulse-os:${pathKey}`, { value, secret }, true);
  }

  /** `pulumi config rm --path <key>`. */
  async unset(pathKey: string): Promise<void> {
    await this.stack.removeConfig(`pulse-os:${pathKey}`, true);
  }

  private readonly onOutput = (s: string) => this.log.push(s);

  /**
   * `pulumi up --refresh` with the policy pack, as `npm run local` runs it: the refresh is what
   * lets an update see (and revert) a change made out of band.
   */
  up(onEvent?: (e: EngineEvent) => void) {
    return this.stack.up({ onOutput: this.onOutput, policyPacks: [POLICY_PACK], refresh: true, ...(onEvent ? { onEvent } : {}) });
  }

  preview(opts: { refresh?: boolean; diff?: boolean } = {}) {
    return this.stack.preview({ onOutput: this.onOutput, policyPacks: [POLICY_PACK], ...opts });
  }

  refresh() {
    return this.stack.refresh({ onOutput: this.onOutput });
  }

  destroy() {
    return this.stack.destroy({ onOutput: this.onOutput });
  }

  /** The Kubernetes objects the state holds, as sorted `Kind/namespace/name` (duplicates kept). */
  async stateObjects(): Promise<string[]> {
    const state = await this.stack.exportStack();
    const out: string[] = [];
    for (const r of (state.deployment["resources"] ?? []) as Obj[]) {
      if (!String(r["type"]).startsWith("kubernetes:") || r["type"] === "pulumi:providers:kubernetes") continue;
      const o = r["outputs"] ?? {};
      if (o["kind"] === undefined || o["metadata"] === undefined) continue;
      out.push(objectKey(o));
    }
    return out.sort();
  }

  /**
   * Everything the backend holds for the stack, as text: the checkpoint, its backups and the
   * update history (the Automation API's `exportStack` would decrypt secrets: it passes
   * `--show-secrets`).
   */
  backendContents(): string {
    const root = path.join(this.dir, "state");
    return readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => readFileSync(path.join(e.parentPath, e.name), "utf8"))
      .join("\n");
  }

  /** Destroys what is left and removes the temp dirs (best effort: runs in `after`). */
  async dispose(): Promise<void> {
    try {
      if (this.stack) {
        await this.stack.cancel().catch(() => undefined);
        await this.stack.destroy({ onOutput: this.onOutput });
      }
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }

  /** Runs the CLI on this stack as an operator would (`pulumi <args> --stack <name>`); returns stdout. */
  cli(args: readonly string[]): string {
    return execFileSync(path.join(TOOLCHAIN_BIN, "pulumi"), [...args, "--stack", this.name, "--non-interactive"], {
      cwd: this.stack.workspace.workDir,
      env: { ...process.env, ...this.stack.workspace.envVars },
      encoding: "utf8",
      maxBuffer: 64 << 20,
    });
  }

  /** The engine's progress so far (for assertion messages). */
  output(): string {
    return this.log.join("");
  }
}

/** `Kind/namespace/name` of an object (`_cluster` for cluster-scoped ones). */
export function objectKey(o: Obj): string {
  return `${o["kind"]}/${o["metadata"].namespace ?? "_cluster"}/${o["metadata"].name}`;
}

/** The kinds the program creates, as kubectl resource names. */
export const PROGRAM_KINDS = [
  "namespaces",
  "serviceaccounts",
  "configmaps",
  "secrets",
  "services",
  "deployments",
  "cronjobs",
  "poddisruptionbudgets",
  "horizontalpodautoscalers",
  "networkpolicies",
  "httproutes.gateway.networking.k8s.io",
  "healthcheckpolicies.alb.networking.azure.io",
  "azureappconfigurationproviders.azconfig.io",
  "scaledobjects.keda.sh",
  "triggerauthentications.keda.sh",
] as const;

/** Every live object labelled `app.kubernetes.io/part-of=pulse-os`, as `Kind/namespace/name`. */
export function liveProgramObjects(): Set<string> {
  const items = kubectlJson(["get", PROGRAM_KINDS.join(","), "-A", "-l", "app.kubernetes.io/part-of=pulse-os"])["items"] as Obj[];
  return new Set(items.filter((o) => !o["metadata"].deletionTimestamp).map(objectKey));
}

/** Non-terminating pods of a workload (`app.kubernetes.io/instance`) in a namespace. */
export function podsOf(namespace: string, instance: string): Obj[] {
  return (kubectlJson(["get", "pods", "-n", namespace, "-l", `app.kubernetes.io/instance=${instance}`])["items"] as Obj[]).filter(
    (p) => !p["metadata"].deletionTimestamp,
  );
}

export function nodeLabels(nodeName: string): Obj {
  return kubectlJson(["get", "node", nodeName])["metadata"].labels as Obj;
}

/**
 * Polls `check` until it returns true. The limit is a safety net against a hung cluster, far
 * above what any step needs; the result never depends on how fast the machine is.
 */
export async function eventually(what: string, check: () => boolean, limitSeconds = 180): Promise<void> {
  const deadline = Date.now() + limitSeconds * 1000;
  for (;;) {
    if (check()) return;
    if (Date.now() > deadline) throw new Error(`not reached within ${limitSeconds}s: ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** What the SDK rejects a resource registration with once the engine has gone away. */
const MONITOR_TERMINATING = "Resource monitor is terminating";

/**
 * For suites whose updates are meant to fail (killed engine, refused by a policy, refused config):
 * the inline program keeps registering resources after the engine stopped, and each registration
 * still in flight rejects with "Resource monitor is terminating" after the operation returned (the
 * SDK removes its own handler when the operation ends); a program that throws (invalid config) has
 * its error reported to the engine and then rejected once more from the stack resource's outputs.
 * Those rejections are expected; every other unhandled rejection still reaches the test runner.
 * Call it in `before()`, once the runner's own listener is installed.
 */
export function tolerateEngineShutdown(): void {
  const runner = process.listeners("unhandledRejection");
  process.removeAllListeners("unhandledRejection");
  process.on("unhandledRejection", (reason, promise) => {
    if (reason instanceof Error && (reason.message === MONITOR_TERMINATING || reason.name === "ConfigValidationError")) return;
    for (const listener of runner) listener(reason, promise);
  });
}

/**
 * The engine runs of `npm run deploy` and `npm run drift`: which environment a stack is deployed
 * in, and `preview`/`up` with the policy pack. The policy pack is not a parameter here: every run
 * through this file applies `policy/`, so neither command can leave it out.
 */
import * as path from "node:path";
import type { EngineEvent, PreviewResult, Stack, UpResult } from "@pulumi/pulumi/automation";
import { openStack, POLICY_PACK, readStackFile, ROOT, stackFileName } from "./engine";
import { ensureLocalCluster, type Steps } from "./steps";

/** The stack that runs on the simulated cluster; every other stack is a real environment. */
export const LOCAL_STACK = "local";

export type Environment = "toolchain" | "operator";

/** `local` runs with the toolchain on the simulated cluster; `dev`, `prod`, ... with the operator's own backend and credentials. */
export function environmentOf(stack: string): Environment {
  return stack === LOCAL_STACK ? "toolchain" : "operator";
}

/**
 * Opens the stack from its stack file (the clone's `Pulumi.<stack>.yaml`, or `configFile`), after
 * bringing up the toolchain and the cluster for the local stack.
 */
export async function openTarget(s: Steps, stack: string, configFile?: string): Promise<Stack> {
  const environment = environmentOf(stack);
  if (environment === "toolchain") await ensureLocalCluster(s);
  const file = path.resolve(configFile ?? path.join(ROOT, stackFileName(stack)));
  return s.step(
    `stack ${stack} (${environment === "toolchain" ? "simulated cluster, local backend" : "operator's backend and credentials"}; ${path.relative(ROOT, file)})`,
    () => {
      const { config, settings } = readStackFile(file);
      return openStack({ stack, config, settings, environment });
    },
  );
}

export interface Run<R> {
  /** The engine's result, when the operation succeeded. */
  readonly result?: R;
  /** Why it failed, when it did. */
  readonly error?: Error;
  /** Every structured event of the run. */
  readonly events: readonly EngineEvent[];
}

const streamOutput = (out: string) => process.stdout.write(out);

async function collect<R>(op: (onEvent: (e: EngineEvent) => void) => Promise<R>): Promise<Run<R>> {
  const events: EngineEvent[] = [];
  try {
    return { result: await op((e) => events.push(e)), events };
  } catch (err) {
    return { error: err instanceof Error ? err : new Error(String(err)), events };
  }
}

/** `pulumi preview --diff [--refresh] [--expect-no-changes] --policy-pack policy`, streamed to stdout. */
export function previewWithPolicy(stack: Stack, opts: { readonly refresh: boolean; readonly expectNoChanges?: boolean }): Promise<Run<PreviewResult>> {
  return collect((onEvent) =>
    stack.preview({
      onOutput: streamOutput,
      onEvent,
      diff: true,
      refresh: opts.refresh,
      expectNoChanges: opts.expectNoChanges ?? false,
      policyPacks: [POLICY_PACK],
    }),
  );
}

/** `pulumi up --diff [--refresh] --policy-pack policy`, streamed to stdout. */
export function upWithPolicy(stack: Stack, opts: { readonly refresh: boolean }): Promise<Run<UpResult>> {
  return collect((onEvent) => stack.up({ onOutput: streamOutput, onEvent, diff: true, refresh: opts.refresh, policyPacks: [POLICY_PACK] }));
}

/**
 * After a failed run the inline program may still have resource registrations in flight; each
 * rejects with "Resource monitor is terminating" once the engine has gone. Those are expected (the
 * failure itself is reported by the run); any other unhandled rejection ends the script with 1.
 */
export function tolerateEngineShutdown(log: (msg: string) => void): void {
  process.on("unhandledRejection", (reason) => {
    if (reason instanceof Error && (reason.message === "Resource monitor is terminating" || reason.name === "ConfigValidationError")) return;
    log(`unexpected error: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`);
    process.exit(1);
  });
}

/**
 * Arguments of `npm run deploy` and `npm run drift`, and deploy's confirmation rule. Pure: no
 * process, no engine, so every decision is unit-tested (tests/scripts/cli-options.test.ts).
 *
 * Neither command has an option, or reads an environment variable, that leaves the policy pack
 * out: there is nothing to parse for it, and an unknown argument is refused.
 */
import type { Readable, Writable } from "node:stream";

export interface DeployOptions {
  /** Stack to deploy (required: no default, so prod is never deployed by omission). */
  readonly stack: string;
  /** Skip the confirmation question (CI). */
  readonly yes: boolean;
  /** Refresh the state from the cluster/cloud first, so the update reverts out-of-band changes. */
  readonly refresh: boolean;
  /** Stack file to read instead of the clone's `Pulumi.<stack>.yaml`. */
  readonly configFile?: string;
}

export interface DriftOptions {
  /** Stack to check (required). */
  readonly stack: string;
  /** Markdown report to write (only when given). */
  readonly report?: string;
  /** Stack file to read instead of the clone's `Pulumi.<stack>.yaml`. */
  readonly configFile?: string;
}

/** A command line that cannot run: printed with the usage, exit code 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

export const DEPLOY_USAGE = "usage: npm run deploy -- --stack <name> [--yes] [--refresh] [--config-file <Pulumi.x.yaml>]";
export const DRIFT_USAGE = "usage: npm run drift -- --stack <name> [--report <file.md>] [--config-file <Pulumi.x.yaml>]";

/** Stack names as the Pulumi CLI accepts them (`[org/[project/]]name`, letters, digits, `-_.`). */
const STACK_NAME = /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+){0,2}$/;

type Flags = Record<string, string | true>;

/** Splits argv into known flags; `valued` flags take the next argument, `switches` take none. */
function flags(argv: readonly string[], valued: readonly string[], switches: readonly string[], usage: string): Flags {
  const out: Flags = {};
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i]!;
    const eq = raw.indexOf("=");
    const name = raw.startsWith("--") && eq > 0 ? raw.slice(0, eq) : raw;
    const inline = raw.startsWith("--") && eq > 0 ? raw.slice(eq + 1) : undefined;
    if (out[name] !== undefined) throw new UsageError(`'${name}' given twice\n${usage}`);
    if (valued.includes(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined || value === "" || (inline === undefined && value.startsWith("--"))) {
        throw new UsageError(`'${name}' needs a value\n${usage}`);
      }
      out[name] = value;
    } else if (switches.includes(name) && inline === undefined) {
      out[name] = true;
    } else {
      throw new UsageError(`unknown argument '${raw}'\n${usage}`);
    }
  }
  return out;
}

function requireStack(f: Flags, usage: string): string {
  const stack = f["--stack"];
  if (typeof stack !== "string") throw new UsageError(`'--stack' is required\n${usage}`);
  if (!STACK_NAME.test(stack))
    throw new UsageError(`'--stack' must be a stack name ([org/[project/]]name of letters, digits, '-', '_', '.'), got '${stack}'\n${usage}`);
  return stack;
}

const value = (f: Flags, name: string): string | undefined => {
  const v = f[name];
  return typeof v === "string" ? v : undefined;
};

export function parseDeployArgs(argv: readonly string[]): DeployOptions {
  const f = flags(argv, ["--stack", "--config-file"], ["--yes", "--refresh"], DEPLOY_USAGE);
  const configFile = value(f, "--config-file");
  return { stack: requireStack(f, DEPLOY_USAGE), yes: f["--yes"] === true, refresh: f["--refresh"] === true, ...(configFile ? { configFile } : {}) };
}

export function parseDriftArgs(argv: readonly string[]): DriftOptions {
  const f = flags(argv, ["--stack", "--report", "--config-file"], [], DRIFT_USAGE);
  const report = value(f, "--report");
  const configFile = value(f, "--config-file");
  return { stack: requireStack(f, DRIFT_USAGE), ...(report ? { report } : {}), ...(configFile ? { configFile } : {}) };
}

/** How deploy gets its go-ahead: `--yes` skips the question, a terminal is asked, anything else is refused. */
export type Confirmation = "skip" | "ask" | "refuse";

export function confirmationMode(opts: { readonly yes: boolean; readonly stdinIsTTY: boolean }): Confirmation {
  if (opts.yes) return "skip";
  return opts.stdinIsTTY ? "ask" : "refuse";
}

export function refusalMessage(stack: string): string {
  return (
    `refusing to deploy stack '${stack}': no terminal to confirm on (stdin is not a TTY). ` +
    "Run it in a terminal and answer 'yes', or pass --yes where the preview is reviewed elsewhere (CI)."
  );
}

/** Only the exact answer `yes` (surrounding blanks ignored) proceeds. */
export function isConfirmed(answer: string): boolean {
  return answer.trim() === "yes";
}

/** Asks on `output`, reads one line from `input`; resolves to whether it was `yes` (false on end of input). */
export function askConfirmation(question: string, input: Readable, output: Writable): Promise<boolean> {
  return new Promise((resolve) => {
    output.write(question);
    let buffered = "";
    const done = (answer: string | undefined) => {
      input.off("data", onData);
      input.off("end", onEnd);
      input.pause();
      resolve(answer !== undefined && isConfirmed(answer));
    };
    const onData = (chunk: Buffer | string) => {
      buffered += chunk.toString();
      const nl = buffered.indexOf("\n");
      if (nl >= 0) done(buffered.slice(0, nl));
    };
    const onEnd = () => done(buffered.length > 0 ? buffered : undefined);
    input.on("data", onData);
    input.on("end", onEnd);
    input.resume();
  });
}

/** What deploy does once the preview ran. */
export type AfterPreview = "fail" | "nothing-to-do" | "proceed";

/**
 * A preview that failed, or reported a mandatory policy violation, stops the deploy before `up`;
 * a preview that proposes no change ends it without asking; anything else goes on to the
 * confirmation and `up`.
 */
export function afterPreview(o: { readonly previewFailed: boolean; readonly violations: number; readonly changes: number }): AfterPreview {
  if (o.previewFailed || o.violations > 0) return "fail";
  return o.changes === 0 ? "nothing-to-do" : "proceed";
}

/** `deploy` exit codes: 0 deployed (or nothing to change), 1 failed or not confirmed, 2 refused to start (arguments, no TTY). */
export const DEPLOY_EXIT = { ok: 0, failed: 1, refused: 2 } as const;

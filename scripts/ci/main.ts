/**
 * Entry point of the CI workflows' GitHub-side steps (.github/workflows/*.yml, docs/ci.md):
 *
 *   node -r ts-node/register/transpile-only scripts/ci/main.ts <command> [options]
 *
 *   preview-comment --dir D --pr N [--stacks a,b] [--commit SHA] [--dry-run]
 *       D holds <stack>.log (the preview's stdout+stderr) and <stack>.exit (its exit code) per leg;
 *       a stack of --stacks without files is reported as "no result". Edits the PR's one comment.
 *   render-diff-comment --event FILE --diff FILE [--dry-run]
 *       FILE is the workflow_run event (GITHUB_EVENT_PATH) and the diff the render run uploaded.
 *   drift-issues --dir D --stacks a,b [--dry-run]
 *       D holds <stack>.exit and <stack>.md (the report) per stack; one issue per stack.
 *       Exits 1 when a drift check failed (after handling the other stacks).
 *
 * Needs GITHUB_TOKEN and GITHUB_REPOSITORY (the runner sets the latter); --dry-run prints instead.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { applyDriftAction, DRIFT_LABEL, planDriftIssue, type DriftResult } from "./drift-issue";
import { actionsEnv, restApi, setOutput, upsertComment, type GitHubApi } from "./github";
import { buildPreviewComment, type PreviewResult } from "./preview-report";
import { MAX_DIFF_BYTES, renderDiffComment, resolveTarget, type WorkflowRun } from "./render-diff";

export const PREVIEW_MARKER = "<!-- pulse-os-preview -->";
export const RENDER_DIFF_MARKER = "<!-- pulse-os-render-diff -->";

export class UsageError extends Error {}

const COMMANDS = ["preview-comment", "render-diff-comment", "drift-issues"];

type Flags = Record<string, string | true>;

export function parseFlags(argv: readonly string[]): Flags {
  const flags: Flags = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith("--")) throw new UsageError(`unexpected argument '${a}'`);
    const next = argv[i + 1];
    if (a === "--dry-run") flags["dry-run"] = true;
    else if (next === undefined || next.startsWith("--")) throw new UsageError(`'${a}' needs a value`);
    else {
      flags[a.slice(2)] = next;
      i++;
    }
  }
  return flags;
}

function need(flags: Flags, name: string): string {
  const v = flags[name];
  if (typeof v !== "string" || v === "") throw new UsageError(`--${name} is required`);
  return v;
}

const STACK = /^[A-Za-z0-9_.-]{1,100}$/;

export function stackList(value: string | true | undefined): string[] {
  if (typeof value !== "string") return [];
  const stacks = value
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  const bad = stacks.filter((s) => !STACK.test(s));
  if (bad.length > 0) throw new UsageError(`invalid stack name(s): ${bad.map((s) => `'${s}'`).join(", ")}`);
  return stacks;
}

/** A preview log is our own job's output; anything beyond this is cut by the comment anyway. */
const MAX_LOG_BYTES = 16 * 1024 * 1024;

/** The first `maxBytes` of `file` (`keep: "head"`) or the last (`"tail"`); undefined when it does not exist. */
function readText(file: string, maxBytes = MAX_DIFF_BYTES, keep: "head" | "tail" = "head"): string | undefined {
  if (!existsSync(file)) return undefined;
  const buf = readFileSync(file);
  if (buf.length <= maxBytes) return buf.toString("utf8");
  return (keep === "head" ? buf.subarray(0, maxBytes) : buf.subarray(buf.length - maxBytes)).toString("utf8");
}

/** `<stack>.exit` holds the exit code; anything else (missing, empty, garbage) is "no result". */
export function readExitCode(file: string): number | undefined {
  const raw = readText(file, 64, "head")?.trim();
  return raw !== undefined && /^\d{1,3}$/.test(raw) ? Number(raw) : undefined;
}

/** Stacks found as `<stack>.<ext>` in `dir`, plus `expected`, sorted. */
export function stacksIn(dir: string, ext: string, expected: readonly string[]): string[] {
  const found = existsSync(dir) ? readdirSync(dir) : [];
  const named = found
    .filter((f) => f.endsWith(ext))
    .map((f) => f.slice(0, -ext.length))
    .filter((s) => STACK.test(s));
  return [...new Set([...expected, ...named])].sort();
}

export async function run(argv: readonly string[], env: NodeJS.ProcessEnv, out: (line: string) => void, api?: GitHubApi): Promise<number> {
  const [command, ...rest] = argv;
  if (!COMMANDS.includes(command ?? "")) throw new UsageError(`unknown command '${command ?? ""}' (${COMMANDS.join(" | ")})`);
  const flags = parseFlags(rest);
  const dryRun = flags["dry-run"] === true;
  const gh = dryRun ? undefined : actionsEnv(env);
  const runUrl = gh?.runUrl ?? actionsEnvRunUrl(env);
  const client = (): GitHubApi => api ?? restApi({ token: gh!.token, repository: gh!.repository, apiUrl: gh!.apiUrl });

  switch (command) {
    case "preview-comment": {
      const dir = need(flags, "dir");
      const pr = Number(need(flags, "pr"));
      if (!Number.isInteger(pr) || pr <= 0) throw new UsageError(`--pr must be a pull request number, got '${String(flags.pr)}'`);
      const results: PreviewResult[] = stacksIn(dir, ".exit", stackList(flags.stacks)).map((stack) => ({
        stack,
        exitCode: readExitCode(path.join(dir, `${stack}.exit`)),
        output: readText(path.join(dir, `${stack}.log`), MAX_LOG_BYTES, "tail") ?? "",
      }));
      const commit = typeof flags.commit === "string" ? flags.commit : undefined;
      const body = buildPreviewComment(results, {
        marker: PREVIEW_MARKER,
        title: "Pulumi preview (policy pack enforced)",
        ...(runUrl ? { runUrl } : {}),
        ...(commit ? { commit } : {}),
      });
      if (dryRun) return (out(body), 0);
      out(`${await upsertComment(client(), { issue: pr, marker: PREVIEW_MARKER, body })} the preview comment on #${pr} (${body.length} characters)`);
      return 0; // a failed preview fails its own leg; the comment reports it
    }
    case "render-diff-comment": {
      const event = JSON.parse(readFileSync(need(flags, "event"), "utf8")) as { workflow_run?: WorkflowRun };
      const wr = event.workflow_run;
      if (!wr) throw new UsageError("the event file holds no workflow_run");
      const renderRun = wr.html_url ?? runUrl;
      const body = renderDiffComment({
        marker: RENDER_DIFF_MARKER,
        diff: readText(need(flags, "diff")),
        headSha: wr.head_sha,
        ...(renderRun ? { runUrl: renderRun } : {}),
      });
      if (dryRun) return (out(body), 0);
      const target = await resolveTarget(wr, gh!.repository, client());
      if (target.action === "skip") {
        out(`not commenting: ${target.reason}`);
        setOutput("pr", "", env);
        return 0;
      }
      setOutput("pr", String(target.pr), env);
      out(`${await upsertComment(client(), { issue: target.pr, marker: RENDER_DIFF_MARKER, body })} the render diff comment on #${target.pr}`);
      return 0;
    }
    case "drift-issues": {
      const dir = need(flags, "dir");
      const stacks = stacksIn(dir, ".exit", stackList(need(flags, "stacks")));
      const results: DriftResult[] = stacks.map((stack) => ({
        stack,
        exitCode: readExitCode(path.join(dir, `${stack}.exit`)),
        report: readText(path.join(dir, `${stack}.md`)),
      }));
      const open = dryRun ? [] : await client().listOpenIssues(DRIFT_LABEL);
      let failed = false;
      for (const r of results) {
        const action = planDriftIssue(r, open, runUrl);
        if (action.kind === "error") failed = true;
        const what = "reason" in action ? `: ${action.reason}` : "body" in action ? `\n${action.body}` : "";
        out(dryRun ? `${r.stack}: would ${action.kind}${what}` : `${r.stack}: ${await applyDriftAction(client(), action)}`);
      }
      return failed ? 1 : 0;
    }
    default:
      throw new UsageError(`unknown command '${command ?? ""}'`);
  }
}

function actionsEnvRunUrl(env: NodeJS.ProcessEnv): string | undefined {
  if (!env.GITHUB_REPOSITORY || !env.GITHUB_RUN_ID) return undefined;
  return `${env.GITHUB_SERVER_URL ?? "https://github.com"}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`;
}

if (require.main === module) {
  const t0 = Date.now();
  run(process.argv.slice(2), process.env, (line) => process.stdout.write(`${line}\n`))
    .then((code) => {
      process.stderr.write(`[ci ${process.argv[2] ?? ""}] done in ${((Date.now() - t0) / 1000).toFixed(1)}s, exit ${code}\n`);
      process.exitCode = code;
    })
    .catch((err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = err instanceof UsageError ? 2 : 1;
    });
}

/**
 * The pull-request comment of preview.yml, built from what each preview leg captured itself (the
 * CLI's stdout and stderr, and its exit code): `pulumi/actions` sets its `output` only on success,
 * so a failed preview would otherwise show an empty diff.
 *
 * Per stack: the status; on success the diff; on failure the error (the `Diagnostics:` section and
 * the CLI's `error:` lines) and the policy violations (the `Policies:` section); the whole output
 * clipped to a share of GitHub's size limit. Content goes into code blocks it cannot break out of.
 */
import { clip, codeBlock, fitBody, GITHUB_BODY_LIMIT, inline, omittedNote, stripAnsi } from "./markdown";

export interface PreviewResult {
  readonly stack: string;
  /** Exit code of `pulumi preview`; undefined when the leg recorded none (cancelled, crashed). */
  readonly exitCode: number | undefined;
  /** Everything the CLI printed, stdout and stderr interleaved. */
  readonly output: string;
}

export interface PreviewSummary {
  /** `Diagnostics:` section plus top-level `error:` lines, as printed. */
  readonly errors: string;
  /** `Policies:` section when it reports a violation, else "". */
  readonly policies: string;
  /** Number of `[mandatory]` / `[advisory]` violation lines in the `Policies:` section. */
  readonly mandatory: number;
  readonly advisory: number;
}

/**
 * Top-level sections of the CLI's non-interactive display: a headline at column 0 ending in ":"
 * (`Previewing update (dev):`, `Diagnostics:`, `Policies:`, `Resources:`, `Outputs:`, ...).
 */
function sections(output: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of output.split("\n")) {
    const headline = /^([A-Z][A-Za-z ]*):\s*$/.exec(line);
    if (headline) {
      current = [line];
      found.set(headline[1]!, current);
    } else if (current) {
      if (line.trim() === "" || /^\s/.test(line)) current.push(line);
      else current = undefined;
    }
  }
  return found;
}

const trimBlock = (lines: string[] | undefined): string => (lines ?? []).join("\n").replace(/\s+$/, "");

export function summarizePreview(rawOutput: string): PreviewSummary {
  const output = stripAnsi(rawOutput).replace(/\r\n?/g, "\n");
  const found = sections(output);
  const policies = trimBlock(found.get("Policies"));
  const mandatory = (policies.match(/\[mandatory\]/g) ?? []).length;
  const advisory = (policies.match(/\[advisory\]/g) ?? []).length;
  const diagnostics = trimBlock(found.get("Diagnostics"));
  const errorLines = output.split("\n").filter((l) => /^error: /.test(l) && !diagnostics.includes(l));
  const errors = [diagnostics, ...errorLines].filter((s) => s !== "").join("\n");
  return { errors, policies: mandatory + advisory > 0 ? policies : "", mandatory, advisory };
}

export function statusLine(r: PreviewResult, s: PreviewSummary): string {
  const stack = `\`${inline(r.stack)}\``;
  const policy = [
    s.mandatory > 0 ? `${s.mandatory} mandatory policy violation${s.mandatory === 1 ? "" : "s"}` : "",
    s.advisory > 0 ? `${s.advisory} advisory policy warning${s.advisory === 1 ? "" : "s"}` : "",
  ].filter((p) => p !== "");
  const suffix = policy.length > 0 ? ` (${policy.join(", ")})` : "";
  if (r.exitCode === undefined) return `### ⚠️ ${stack}: no result (the preview job did not finish; see the workflow run)`;
  if (r.exitCode === 0) return `### ✅ ${stack}: preview succeeded${suffix}`;
  return `### ❌ ${stack}: preview failed (exit code ${r.exitCode})${suffix}`;
}

export interface CommentOptions {
  /** Hidden first line that identifies the comment to edit on the next push. */
  readonly marker: string;
  readonly title: string;
  /** Link to the workflow run, for the whole output. */
  readonly runUrl?: string;
  readonly commit?: string;
  readonly limit?: number;
}

/** Fixed text per stack outside the clipped blocks (headings, fences, notes), generously counted. */
const SECTION_OVERHEAD = 900;

function stackSection(r: PreviewResult, budget: number, runUrl: string | undefined): string {
  const s = summarizePreview(r.output);
  const output = stripAnsi(r.output).replace(/\r\n?/g, "\n").replace(/\s+$/, "");
  const parts = [statusLine(r, s)];
  let left = Math.max(0, budget - SECTION_OVERHEAD);
  const block = (heading: string, text: string, keep: "head" | "tail", info: string, max: number) => {
    const c = clip(text, max, keep);
    left -= c.text.length;
    parts.push(`${heading}\n\n${codeBlock(c.text, info)}`);
    const note = omittedNote(c.omitted, keep, runUrl);
    if (note) parts.push(note);
  };
  if (r.exitCode === undefined) return parts.join("\n\n");
  if (r.exitCode !== 0) {
    const error = s.errors !== "" ? s.errors : output;
    block("**Error**", error, "tail", "", Math.floor(left / (s.policies !== "" ? 3 : 2)));
    if (s.policies !== "") block("**Policy violations**", s.policies, "head", "", Math.floor(left / 2));
    const c = clip(output, left, "tail");
    parts.push(`<details><summary>Full output</summary>\n\n${codeBlock(c.text)}\n\n</details>`);
    const note = omittedNote(c.omitted, "tail", runUrl);
    if (note) parts.push(note);
    return parts.join("\n\n");
  }
  if (s.policies !== "") block("**Policy warnings**", s.policies, "head", "", Math.floor(left / 3));
  block("**Diff**", output, "head", "diff", left);
  return parts.join("\n\n");
}

/** The whole comment body, never longer than GitHub's limit. */
export function buildPreviewComment(results: readonly PreviewResult[], opts: CommentOptions): string {
  const limit = opts.limit ?? GITHUB_BODY_LIMIT;
  const header = [
    opts.marker,
    `## ${opts.title}`,
    [opts.commit ? `Commit ${opts.commit.slice(0, 12)}` : "", opts.runUrl ? `[workflow run](${opts.runUrl})` : ""].filter((p) => p !== "").join(" · "),
  ].filter((l) => l !== "").join("\n");
  if (results.length === 0) return fitBody(`${header}\n\n_No preview produced a result; see the workflow run._`, limit);
  const sorted = [...results].sort((a, b) => a.stack.localeCompare(b.stack));
  const budget = Math.floor((limit - header.length - 200) / sorted.length);
  const body = `${header}\n\n${sorted.map((r) => stackSection(r, budget, opts.runUrl)).join("\n\n")}\n`;
  return fitBody(body, limit);
}

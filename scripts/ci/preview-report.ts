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
  /** The `Diagnostics:` section and every top-level `error:` block, as printed, duplicates once. */
  readonly errors: string;
  /** Every policy violation (heading and message), as printed, duplicates once; "" when none. */
  readonly policies: string;
  /** Number of distinct mandatory / advisory violations. */
  readonly mandatory: number;
  readonly advisory: number;
}

/** A headline of the CLI's display at column 0: `Diagnostics:`, `Policies:`, `Resources:`, ... */
const HEADLINE = /^[A-Z][A-Za-z ]*:\s*$/;
/** `--diff` display: `    <pack>@v<version> [mandatory]  <policy>  (<type>: <name>)<description>`. */
const DIFF_VIOLATION = /^\s+\S+@v\S+ \[(mandatory|advisory)\]/;
/** Progress display, inside `Policies:`: `        - [mandatory]  <policy>  (<type>: <name>)`. */
const SECTION_VIOLATION = /^\s+- \[(mandatory|advisory)\]/;

/** Line `i` and the lines after it that `more` accepts. */
function block(lines: readonly string[], i: number, more: (line: string) => boolean): string[] {
  const out = [lines[i]!];
  for (let j = i + 1; j < lines.length && more(lines[j]!); j++) out.push(lines[j]!);
  return out;
}

const indented = (l: string) => /^\s+\S/.test(l);

/**
 * Errors and policy violations out of `pulumi preview` output, in either display: `--diff`
 * prints each violation under its resource, its message at column 0 up to the next indented row;
 * the progress display prints them in a `Policies:` section, messages indented below each.
 */
export function summarizePreview(rawOutput: string): PreviewSummary {
  const lines = stripAnsi(rawOutput).replace(/\r\n?/g, "\n").split("\n");
  const errors: string[] = [];
  const violations: string[] = [];
  const levels = new Map<string, string>();
  let section: string | undefined;
  lines.forEach((line, i) => {
    if (HEADLINE.test(line)) section = line.trim().slice(0, -1);
    else if (!indented(line) && line.trim() !== "") section = undefined;
    let level: string | undefined;
    let found: string[] | undefined;
    if (section === "Diagnostics" && HEADLINE.test(line)) {
      found = block(lines, i, (l) => indented(l) || l.trim() === "");
      errors.push(found.join("\n").replace(/\s+$/, ""));
      return;
    }
    if (/^error: /.test(line)) errors.push(block(lines, i, indented).join("\n"));
    const diff = DIFF_VIOLATION.exec(line);
    if (diff && section === undefined) {
      level = diff[1];
      found = block(lines, i, (l) => l.trim() !== "" && !indented(l) && !HEADLINE.test(l) && !/^(error|warning): /.test(l));
    }
    const listed = section === "Policies" ? SECTION_VIOLATION.exec(line) : null;
    if (listed) {
      level = listed[1];
      const depth = /^\s*/.exec(line)![0].length;
      found = block(lines, i, (l) => l.trim() !== "" && /^\s*/.exec(l)![0].length > depth);
    }
    if (found && level) {
      const text = found.join("\n");
      if (!levels.has(text)) violations.push(text);
      levels.set(text, level);
    }
  });
  const distinctErrors = [...new Set(errors)].filter((e) => !errors.some((other) => other !== e && other.includes(e)));
  const count = (l: string) => [...levels.values()].filter((v) => v === l).length;
  return { errors: distinctErrors.join("\n"), policies: violations.join("\n"), mandatory: count("mandatory"), advisory: count("advisory") };
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
  ]
    .filter((l) => l !== "")
    .join("\n");
  if (results.length === 0) return fitBody(`${header}\n\n_No preview produced a result; see the workflow run._`, limit);
  const sorted = [...results].sort((a, b) => a.stack.localeCompare(b.stack));
  const budget = Math.floor((limit - header.length - 200) / sorted.length);
  const body = `${header}\n\n${sorted.map((r) => stackSection(r, budget, opts.runUrl)).join("\n\n")}\n`;
  return fitBody(body, limit);
}

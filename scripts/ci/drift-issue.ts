/**
 * One GitHub issue per stack for drift.yml: opened (or its body refreshed) while `npm run drift`
 * finds drift, closed with a comment once the stack is clean again. An error of the drift check
 * leaves the issue alone and fails the job instead: it says nothing about drift.
 *
 * Exit codes of `npm run drift -- --stack <s> --report <file>`: 0 no drift, 2 drift, others error.
 */
import type { GitHubApi, Issue } from "./github";
import { ACTIONS_BOT } from "./github";
import { clip, fitBody, GITHUB_BODY_LIMIT, inline } from "./markdown";

export const DRIFT_LABEL = "drift";

export const driftTitle = (stack: string) => `Drift detected in stack ${stack}`;

export interface DriftResult {
  readonly stack: string;
  /** Exit code of `npm run drift`; undefined when the job recorded none. */
  readonly exitCode: number | undefined;
  /** The markdown report the script wrote; undefined when there is none. */
  readonly report: string | undefined;
}

export type DriftAction =
  | { readonly kind: "create"; readonly title: string; readonly body: string }
  | { readonly kind: "update"; readonly issue: number; readonly body: string }
  | { readonly kind: "close"; readonly issue: number; readonly comment: string }
  | { readonly kind: "none"; readonly reason: string }
  | { readonly kind: "error"; readonly reason: string };

/** The open drift issue of `stack`: this label, exactly this title, written by the workflow. */
export function findDriftIssue(issues: readonly Issue[], stack: string, author = ACTIONS_BOT): Issue | undefined {
  return issues.filter((i) => i.state === "open" && i.title === driftTitle(stack) && i.user?.login === author).sort((a, b) => a.number - b.number)[0];
}

export function driftIssueBody(r: DriftResult, runUrl: string | undefined, limit = GITHUB_BODY_LIMIT): string {
  const header = [
    `\`npm run drift -- --stack ${inline(r.stack)}\` found resources that differ from the stack's state`,
    `(a refreshing preview with the policy pack that expected no changes)${runUrl ? `, [workflow run](${runUrl})` : ""}.`,
    "",
    "This issue is updated by every scheduled run that still finds drift and closed by the first run that finds none.",
    `To resolve: bring the change into the program and deploy it, or revert it with \`npm run deploy -- --stack ${inline(r.stack)} --refresh\` (docs/operations.md).`,
    "",
  ].join("\n");
  const report = (r.report ?? "_The drift check wrote no report._").trim();
  const c = clip(report, limit - header.length - 300, "head");
  const cut = c.omitted > 0 ? `\n\n_…${c.omitted} characters of the report left out; the workflow run's artifact has all of it._` : "";
  return fitBody(`${header}\n${c.text}${cut}\n`, limit);
}

/** What to do with the stack's issue, given its drift result and the open drift issues. */
export function planDriftIssue(r: DriftResult, openIssues: readonly Issue[], runUrl?: string): DriftAction {
  const existing = findDriftIssue(openIssues, r.stack);
  if (r.exitCode === 2) {
    const body = driftIssueBody(r, runUrl);
    if (!existing) return { kind: "create", title: driftTitle(r.stack), body };
    return { kind: "update", issue: existing.number, body };
  }
  if (r.exitCode === 0) {
    if (!existing) return { kind: "none", reason: `stack ${r.stack}: no drift, no open drift issue` };
    return {
      kind: "close",
      issue: existing.number,
      comment: `No drift in stack \`${inline(r.stack)}\` any more${runUrl ? ` ([workflow run](${runUrl}))` : ""}; closing.`,
    };
  }
  const what = r.exitCode === undefined ? "recorded no exit code (cancelled or crashed)" : `exited with ${r.exitCode}`;
  return { kind: "error", reason: `stack ${r.stack}: the drift check ${what}; its drift issue is left as it is` };
}

/** Applies the plan; returns one line saying what was done. */
export async function applyDriftAction(api: GitHubApi, a: DriftAction): Promise<string> {
  switch (a.kind) {
    case "create":
      return `opened #${await api.createIssue(a.title, a.body, [DRIFT_LABEL])}: ${a.title}`;
    case "update":
      await api.updateIssue(a.issue, { body: a.body });
      return `updated #${a.issue}`;
    case "close":
      await api.createComment(a.issue, a.comment);
      await api.updateIssue(a.issue, { state: "closed", state_reason: "completed" });
      return `closed #${a.issue}`;
    case "none":
    case "error":
      return a.reason;
  }
}

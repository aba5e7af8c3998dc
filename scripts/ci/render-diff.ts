/**
 * The privileged half of the fork-safe render diff (render-diff-comment.yml, `workflow_run`):
 * which pull request a finished render-diff run belongs to, and the comment body.
 *
 * Nothing the run uploaded decides where the comment goes: a fork controls its own run, artifact
 * included. The pull request comes from the event (`workflow_run.pull_requests`, filled for
 * branches of this repository) or, for forks, from the open pull requests whose head is the run's
 * `head_repository:head_branch`; it is used only when its head is still the commit the run
 * rendered. The diff is data: it goes into a code block it cannot close.
 */
import type { GitHubApi, PullRequest } from "./github";
import { clip, codeBlock, fitBody, GITHUB_BODY_LIMIT, omittedNote } from "./markdown";

/** The fields of the `workflow_run` event payload this decision reads. */
export interface WorkflowRun {
  readonly id: number;
  readonly event: string;
  readonly conclusion: string | null;
  readonly head_sha: string;
  /** The run's page, linked from the comment. */
  readonly html_url?: string;
  readonly head_branch: string | null;
  readonly head_repository: { readonly full_name: string; readonly owner: { readonly login: string } } | null;
  readonly pull_requests?: ReadonlyArray<{ readonly number: number; readonly base: { readonly repo: { readonly name: string; readonly url?: string } } }>;
}

export type Target = { readonly action: "comment"; readonly pr: number } | { readonly action: "skip"; readonly reason: string };

const short = (sha: string) => sha.slice(0, 12);

/** The pull request to comment on, or why there is none. `repository` is this repository, "owner/name". */
export async function resolveTarget(run: WorkflowRun, repository: string, api: GitHubApi): Promise<Target> {
  if (run.event !== "pull_request") return { action: "skip", reason: `run ${run.id} was triggered by '${run.event}', not by a pull request` };
  if (run.conclusion !== "success") return { action: "skip", reason: `run ${run.id} concluded '${run.conclusion ?? "unknown"}'` };
  if (!/^[0-9a-f]{40}$/.test(run.head_sha)) return { action: "skip", reason: `run ${run.id} has no valid head sha` };

  // The event also lists pull requests of other repositories whose head is this commit: only ours count.
  const fromEvent = (run.pull_requests ?? [])
    .filter((p) => (p.base.repo.url ? p.base.repo.url.toLowerCase().endsWith(`/repos/${repository.toLowerCase()}`) : true))
    .map((p) => p.number);
  let candidates: PullRequest[];
  if (fromEvent.length > 0) {
    candidates = await Promise.all([...new Set(fromEvent)].map((n) => api.getPull(n)));
  } else if (run.head_repository && run.head_branch) {
    candidates = await api.listOpenPullsByHead(run.head_repository.owner.login, run.head_branch);
  } else {
    return { action: "skip", reason: `run ${run.id} names no head repository or branch` };
  }
  const ours = candidates.filter((p) => p.state === "open" && p.base.repo.full_name.toLowerCase() === repository.toLowerCase());
  // For a fork, the head must be the fork the run came from (a same-named branch elsewhere is not it).
  const sameHead = ours.filter((p) => !run.head_repository || (p.head.repo?.full_name ?? "").toLowerCase() === run.head_repository.full_name.toLowerCase());
  if (sameHead.length === 0) return { action: "skip", reason: `no open pull request of ${repository} has the head of run ${run.id}` };
  const current = sameHead.filter((p) => p.head.sha === run.head_sha);
  if (current.length === 0) {
    const heads = sameHead.map((p) => `#${p.number} is at ${short(p.head.sha)}`).join(", ");
    return { action: "skip", reason: `run ${run.id} rendered ${short(run.head_sha)}, which is no longer the head of its pull request (${heads})` };
  }
  if (current.length > 1) {
    return {
      action: "skip",
      reason: `commit ${short(run.head_sha)} is the head of several pull requests (${current.map((p) => `#${p.number}`).join(", ")}); not guessing which one run ${run.id} rendered`,
    };
  }
  return { action: "comment", pr: current[0]!.number };
}

/** At most this much of the artifact is read: anything longer is cut anyway. */
export const MAX_DIFF_BYTES = 4 * GITHUB_BODY_LIMIT;

export function renderDiffComment(args: { marker: string; diff: string | undefined; headSha: string; runUrl?: string; limit?: number }): string {
  const limit = args.limit ?? GITHUB_BODY_LIMIT;
  const header = `${args.marker}\n## Offline render: manifest and Azure resource diff against the base branch\n\nCommit ${short(args.headSha)}${args.runUrl ? ` · [render run](${args.runUrl})` : ""} (rendered without credentials; the diff is the pull request's own output)`;
  if (args.diff === undefined) return fitBody(`${header}\n\n_The render run uploaded no diff._`, limit);
  // Only printable text is shown (the artifact is untrusted): no control characters but tab and newline.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point: they are removed
  const text = args.diff.replace(/\r\n?/g, "\n").replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "");
  if (text.trim() === "") return fitBody(`${header}\n\nNo change in the rendered manifests or Azure resources.`, limit);
  const c = clip(text, limit - header.length - 600, "head");
  const note = omittedNote(c.omitted, "head", args.runUrl);
  return fitBody(`${header}\n\n${codeBlock(c.text, "diff")}${note ? `\n\n${note}` : ""}\n`, limit);
}

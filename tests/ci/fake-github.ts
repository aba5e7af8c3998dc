/** An in-memory GitHub for the CI scripts' tests: records every write. */
import type { Comment, GitHubApi, Issue, PullRequest } from "../../scripts/ci/github";

export const REPO = "acme/pulse-os";
export const BOT = { login: "github-actions[bot]" };

export function pull(number: number, sha: string, headRepo = REPO, ref = `branch-${number}`, state = "open"): PullRequest {
  return { number, state, head: { sha, ref, repo: { full_name: headRepo } }, base: { repo: { full_name: REPO } } };
}

export class FakeGitHub implements GitHubApi {
  readonly writes: string[] = [];
  comments = new Map<number, Comment[]>();
  issues: Issue[] = [];
  private nextId = 1000;

  constructor(public pulls: PullRequest[] = []) {}

  // The interface is asynchronous; the fake answers at once with settled promises (a failure is a
  // rejection, as from the REST client, never a synchronous throw).
  listComments(issue: number): Promise<Comment[]> {
    return Promise.resolve(this.comments.get(issue) ?? []);
  }
  createComment(issue: number, body: string): Promise<void> {
    this.writes.push(`comment #${issue}`);
    this.comments.set(issue, [...(this.comments.get(issue) ?? []), { id: this.nextId++, body, user: BOT }]);
    return Promise.resolve();
  }
  updateComment(id: number, body: string): Promise<void> {
    this.writes.push(`edit comment ${id}`);
    for (const list of this.comments.values()) {
      const i = list.findIndex((c) => c.id === id);
      if (i >= 0) list[i] = { ...list[i]!, body };
    }
    return Promise.resolve();
  }
  getPull(number: number): Promise<PullRequest> {
    const p = this.pulls.find((x) => x.number === number);
    return p ? Promise.resolve(p) : Promise.reject(new Error(`no pull request #${number}`));
  }
  listOpenPullsByHead(owner: string, branch: string): Promise<PullRequest[]> {
    return Promise.resolve(this.pulls.filter((p) => p.state === "open" && p.head.ref === branch && p.head.repo?.full_name.split("/")[0] === owner));
  }
  listOpenIssues(label: string): Promise<Issue[]> {
    return Promise.resolve(label === "drift" ? this.issues.filter((i) => i.state === "open") : []);
  }
  createIssue(title: string, body: string, labels: string[]): Promise<number> {
    const number = this.nextId++;
    this.writes.push(`open #${number} [${labels.join(",")}] ${title}`);
    this.issues.push({ number, title, state: "open", body, user: BOT });
    return Promise.resolve(number);
  }
  updateIssue(number: number, fields: { body?: string; state?: "open" | "closed"; state_reason?: string }): Promise<void> {
    this.writes.push(`update #${number} ${Object.keys(fields).sort().join(",")}`);
    this.issues = this.issues.map((i) => (i.number === number ? { ...i, ...fields } : i));
    return Promise.resolve();
  }
}

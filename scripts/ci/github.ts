/**
 * The few GitHub REST calls the CI scripts make, over Node's `fetch` (no client library: the
 * scripts run in jobs that install nothing but the repository's lockfile, and eight endpoints do not
 * justify one; docs/ci.md). Everything that decides what to call takes the `GitHubApi` interface,
 * so the unit tests drive it with an in-memory fake.
 */
import { appendFileSync } from "node:fs";

export interface Comment {
  readonly id: number;
  readonly body?: string | null;
  readonly user?: { readonly login: string } | null;
}

export interface Issue {
  readonly number: number;
  readonly title: string;
  readonly state: string;
  readonly body?: string | null;
  readonly user?: { readonly login: string } | null;
  /** Present on pull requests: the issues API lists them too. */
  readonly pull_request?: unknown;
}

export interface PullRequest {
  readonly number: number;
  readonly state: string;
  readonly head: { readonly sha: string; readonly ref: string; readonly repo: { readonly full_name: string } | null };
  readonly base: { readonly repo: { readonly full_name: string } };
}

export interface GitHubApi {
  listComments(issue: number): Promise<Comment[]>;
  createComment(issue: number, body: string): Promise<void>;
  updateComment(id: number, body: string): Promise<void>;
  getPull(number: number): Promise<PullRequest>;
  /** Open pull requests of this repository whose head is `owner:branch`. */
  listOpenPullsByHead(owner: string, branch: string): Promise<PullRequest[]>;
  /** Open issues (pull requests excluded) carrying `label`. */
  listOpenIssues(label: string): Promise<Issue[]>;
  createIssue(title: string, body: string, labels: string[]): Promise<number>;
  updateIssue(number: number, fields: { body?: string; state?: "open" | "closed"; state_reason?: string }): Promise<void>;
}

/** The login GitHub shows for comments and issues written with a workflow's GITHUB_TOKEN. */
export const ACTIONS_BOT = "github-actions[bot]";

type Fetch = typeof fetch;

/** GitHubApi over the REST API of `repository` ("owner/name"). */
export function restApi(opts: { token: string; repository: string; apiUrl?: string; fetchImpl?: Fetch }): GitHubApi {
  const base = `${opts.apiUrl ?? "https://api.github.com"}/repos/${opts.repository}`;
  const doFetch = opts.fetchImpl ?? fetch;
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await doFetch(`${base}${path}`, {
      method,
      headers: {
        accept: "application/vnd.github+json",
        authorization: `Bearer ${opts.token}`,
        "x-github-api-version": "2022-11-28",
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    if (!res.ok) throw new Error(`GitHub API ${method} ${path}: ${res.status} ${(await res.text()).slice(0, 500)}`);
    return (res.status === 204 ? undefined : await res.json()) as T;
  }
  async function all<T>(path: string): Promise<T[]> {
    const items: T[] = [];
    const sep = path.includes("?") ? "&" : "?";
    for (let page = 1; page <= 50; page++) {
      const batch = await call<T[]>("GET", `${path}${sep}per_page=100&page=${page}`);
      items.push(...batch);
      if (batch.length < 100) break;
    }
    return items;
  }
  return {
    listComments: (issue) => all<Comment>(`/issues/${issue}/comments`),
    createComment: async (issue, body) => void (await call("POST", `/issues/${issue}/comments`, { body })),
    updateComment: async (id, body) => void (await call("PATCH", `/issues/comments/${id}`, { body })),
    getPull: (number) => call<PullRequest>("GET", `/pulls/${number}`),
    listOpenPullsByHead: (owner, branch) => all<PullRequest>(`/pulls?state=open&head=${encodeURIComponent(`${owner}:${branch}`)}`),
    listOpenIssues: async (label) => (await all<Issue>(`/issues?state=open&labels=${encodeURIComponent(label)}`)).filter((i) => i.pull_request === undefined),
    createIssue: async (title, body, labels) => (await call<{ number: number }>("POST", "/issues", { title, body, labels })).number,
    updateIssue: async (number, fields) => void (await call("PATCH", `/issues/${number}`, fields)),
  };
}

/**
 * Creates or edits the one comment of `issue` that starts with `marker` and was written by
 * `author` (a comment someone else wrote with the marker in it is left alone).
 */
export async function upsertComment(api: GitHubApi, args: { issue: number; marker: string; body: string; author?: string }): Promise<"created" | "updated"> {
  const author = args.author ?? ACTIONS_BOT;
  const mine = (await api.listComments(args.issue)).find((c) => c.user?.login === author && (c.body ?? "").startsWith(args.marker));
  if (mine) {
    await api.updateComment(mine.id, args.body);
    return "updated";
  }
  await api.createComment(args.issue, args.body);
  return "created";
}

/** Environment a workflow step gives every script. */
export function actionsEnv(env: NodeJS.ProcessEnv = process.env): { token: string; repository: string; apiUrl: string; runUrl: string | undefined } {
  const token = env.GITHUB_TOKEN;
  const repository = env.GITHUB_REPOSITORY;
  if (!token || !repository) throw new Error("GITHUB_TOKEN and GITHUB_REPOSITORY must be set (pass the job's token as GITHUB_TOKEN)");
  const server = env.GITHUB_SERVER_URL ?? "https://github.com";
  const runUrl = env.GITHUB_RUN_ID ? `${server}/${repository}/actions/runs/${env.GITHUB_RUN_ID}` : undefined;
  return { token, repository, apiUrl: env.GITHUB_API_URL ?? "https://api.github.com", runUrl };
}

/** Writes `name=value` to the step's outputs (GITHUB_OUTPUT), when running in a workflow. */
export function setOutput(name: string, value: string, env: NodeJS.ProcessEnv = process.env): void {
  if (/[\r\n]/.test(value)) throw new Error(`output '${name}' must be one line`);
  if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, `${name}=${value}\n`);
}

import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { actionsEnv, restApi, setOutput, upsertComment } from "../../scripts/ci/github";
import { BOT, FakeGitHub } from "./fake-github";

type Call = { url: string; method: string; body?: unknown; auth?: string };

function fakeFetch(pages: Record<string, unknown>, calls: Call[]): typeof fetch {
  return (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const headers = (init?.headers ?? {}) as Record<string, string>;
    // The client sends JSON text bodies only.
    const body = typeof init?.body === "string" ? (JSON.parse(init.body) as unknown) : undefined;
    calls.push({
      url,
      method: init?.method ?? "GET",
      ...(body !== undefined ? { body } : {}),
      ...(headers.authorization ? { auth: headers.authorization } : {}),
    });
    const key = Object.keys(pages).find((k) => url.endsWith(k));
    if (key === undefined) return Promise.resolve(new Response("not found", { status: 404 }));
    return Promise.resolve(new Response(JSON.stringify(pages[key]), { status: 200, headers: { "content-type": "application/json" } }));
  };
}

describe("the REST client", () => {
  it("reads every page of a list and sends the token", async () => {
    const calls: Call[] = [];
    const first = Array.from({ length: 100 }, (_, i) => ({ id: i, body: "x", user: BOT }));
    const api = restApi({
      token: "t0k",
      repository: "acme/pulse-os",
      fetchImpl: fakeFetch({ "/issues/5/comments?per_page=100&page=1": first, "/issues/5/comments?per_page=100&page=2": [{ id: 100 }] }, calls),
    });
    expect((await api.listComments(5)).length).toBe(101);
    expect(calls.map((c) => c.url)).toEqual([
      "https://api.github.com/repos/acme/pulse-os/issues/5/comments?per_page=100&page=1",
      "https://api.github.com/repos/acme/pulse-os/issues/5/comments?per_page=100&page=2",
    ]);
    expect(calls[0]!.auth).toBe("Bearer t0k");
  });

  it("leaves pull requests out of the issue list", async () => {
    const calls: Call[] = [];
    const api = restApi({
      token: "t",
      repository: "acme/pulse-os",
      fetchImpl: fakeFetch(
        {
          "/issues?state=open&labels=drift&per_page=100&page=1": [
            { number: 1, title: "a", state: "open" },
            { number: 2, title: "b", state: "open", pull_request: {} },
          ],
        },
        calls,
      ),
    });
    expect((await api.listOpenIssues("drift")).map((i) => i.number)).toEqual([1]);
  });

  it("fails with the status and the response text", async () => {
    const api = restApi({ token: "t", repository: "acme/pulse-os", fetchImpl: fakeFetch({}, []) });
    await expect(api.getPull(3)).rejects.toThrow("GitHub API GET /pulls/3: 404 not found");
  });
});

describe("the one comment per pull request", () => {
  it("is created once and edited afterwards", async () => {
    const gh = new FakeGitHub();
    expect(await upsertComment(gh, { issue: 4, marker: "<!-- m -->", body: "<!-- m -->\none" })).toBe("created");
    expect(await upsertComment(gh, { issue: 4, marker: "<!-- m -->", body: "<!-- m -->\ntwo" })).toBe("updated");
    expect((await gh.listComments(4)).map((c) => c.body)).toEqual(["<!-- m -->\ntwo"]);
  });

  it("never edits a comment someone else wrote with the marker in it", async () => {
    const gh = new FakeGitHub();
    gh.comments.set(4, [{ id: 1, body: "<!-- m -->\nfake", user: { login: "mallory" } }]);
    expect(await upsertComment(gh, { issue: 4, marker: "<!-- m -->", body: "<!-- m -->\nreal" })).toBe("created");
    expect(gh.writes).toEqual(["comment #4"]);
  });
});

describe("the workflow environment", () => {
  it("requires the token and the repository", () => {
    expect(() => actionsEnv({ GITHUB_REPOSITORY: "acme/pulse-os" })).toThrow(
      "GITHUB_TOKEN and GITHUB_REPOSITORY must be set (pass the job's token as GITHUB_TOKEN)",
    );
    expect(actionsEnv({ GITHUB_TOKEN: "t", GITHUB_REPOSITORY: "acme/pulse-os", GITHUB_RUN_ID: "9" }).runUrl).toBe(
      "https://github.com/acme/pulse-os/actions/runs/9",
    );
  });

  it("writes step outputs and refuses multi-line values", () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "ci-out-")), "out");
    setOutput("pr", "7", { GITHUB_OUTPUT: file });
    expect(readFileSync(file, "utf8")).toBe("pr=7\n");
    expect(() => setOutput("pr", "7\nx=1", { GITHUB_OUTPUT: file })).toThrow("output 'pr' must be one line");
  });
});

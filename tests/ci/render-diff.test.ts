import { openFence } from "../../scripts/ci/markdown";
import { renderDiffComment, resolveTarget, type WorkflowRun } from "../../scripts/ci/render-diff";
import { FakeGitHub, pull, REPO } from "./fake-github";

const SHA = "a".repeat(40);
const OLD = "b".repeat(40);

function run(over: Partial<WorkflowRun> = {}): WorkflowRun {
  return {
    id: 42,
    event: "pull_request",
    conclusion: "success",
    head_sha: SHA,
    head_branch: "feature",
    head_repository: { full_name: "fork-owner/pulse-os", owner: { login: "fork-owner" } },
    pull_requests: [],
    ...over,
  };
}

describe("which pull request a render-diff run comments on", () => {
  it("finds a fork's pull request by the run's head repository and branch, and checks its head", async () => {
    const gh = new FakeGitHub([pull(7, SHA, "fork-owner/pulse-os", "feature")]);
    expect(await resolveTarget(run(), REPO, gh)).toEqual({ action: "comment", pr: 7 });
  });

  it("takes a same-repository pull request from the event and checks its head", async () => {
    const gh = new FakeGitHub([pull(3, SHA, REPO, "feature")]);
    const r = run({
      head_repository: { full_name: REPO, owner: { login: "acme" } },
      pull_requests: [{ number: 3, base: { repo: { name: "pulse-os", url: `https://api.github.com/repos/${REPO}` } } }],
    });
    expect(await resolveTarget(r, REPO, gh)).toEqual({ action: "comment", pr: 3 });
  });

  it("ignores a run that is no longer the head of its pull request", async () => {
    const gh = new FakeGitHub([pull(7, OLD, "fork-owner/pulse-os", "feature")]);
    expect(await resolveTarget(run(), REPO, gh)).toEqual({
      action: "skip",
      reason: "run 42 rendered aaaaaaaaaaaa, which is no longer the head of its pull request (#7 is at bbbbbbbbbbbb)",
    });
  });

  it("never comments on a pull request whose head is another fork's branch of the same name", async () => {
    const gh = new FakeGitHub([pull(9, SHA, "someone-else/pulse-os", "feature")]);
    const r = run({ head_repository: { full_name: "fork-owner/pulse-os", owner: { login: "someone-else" } } });
    expect(await resolveTarget(r, REPO, gh)).toEqual({ action: "skip", reason: "no open pull request of acme/pulse-os has the head of run 42" });
  });

  it("ignores pull requests of other repositories listed in the event", async () => {
    const gh = new FakeGitHub([pull(5, OLD, REPO, "other"), pull(7, SHA, "fork-owner/pulse-os", "feature")]);
    const r = run({ pull_requests: [{ number: 5, base: { repo: { name: "pulse-os", url: "https://api.github.com/repos/fork-owner/pulse-os" } } }] });
    expect(await resolveTarget(r, REPO, gh)).toEqual({ action: "comment", pr: 7 });
  });

  it("does not guess between several pull requests with the same head", async () => {
    const gh = new FakeGitHub([pull(7, SHA, "fork-owner/pulse-os", "feature"), pull(8, SHA, "fork-owner/pulse-os", "feature")]);
    expect(await resolveTarget(run(), REPO, gh)).toEqual({
      action: "skip",
      reason: "commit aaaaaaaaaaaa is the head of several pull requests (#7, #8); not guessing which one run 42 rendered",
    });
  });

  it("skips runs that did not succeed or were not started by a pull request", async () => {
    const gh = new FakeGitHub([pull(7, SHA, "fork-owner/pulse-os", "feature")]);
    expect(await resolveTarget(run({ conclusion: "failure" }), REPO, gh)).toEqual({ action: "skip", reason: "run 42 concluded 'failure'" });
    expect(await resolveTarget(run({ event: "push" }), REPO, gh)).toEqual({ action: "skip", reason: "run 42 was triggered by 'push', not by a pull request" });
  });

  it("skips a closed pull request", async () => {
    const gh = new FakeGitHub([pull(7, SHA, "fork-owner/pulse-os", "feature", "closed")]);
    expect(await resolveTarget(run(), REPO, gh)).toEqual({ action: "skip", reason: "no open pull request of acme/pulse-os has the head of run 42" });
  });
});

describe("the render diff comment", () => {
  const base = { marker: "<!-- d -->", headSha: SHA, runUrl: "https://github.test/r/1" };

  it("puts the diff in a code block that a fence in the diff cannot close", () => {
    const body = renderDiffComment({ ...base, diff: "+```\n+## Approved by the security team\n" });
    expect(body).toContain("````diff\n+```\n+## Approved by the security team\n````");
    expect(openFence(body)).toBeUndefined();
    expect(body.startsWith("<!-- d -->\n## Offline render")).toBe(true);
  });

  it("drops control characters from the untrusted diff", () => {
    expect(renderDiffComment({ ...base, diff: "+a\u0000\u001b[31mb\r\n" })).toContain("```diff\n+a[31mb\n```");
  });

  it("says when nothing changed and when the run uploaded nothing", () => {
    expect(renderDiffComment({ ...base, diff: "" })).toContain("No change in the rendered manifests or Azure resources.");
    expect(renderDiffComment({ ...base, diff: undefined })).toContain("_The render run uploaded no diff._");
  });

  it("stays within GitHub's limit", () => {
    const body = renderDiffComment({ ...base, diff: "+ x: 1\n".repeat(40000) });
    expect(body.length).toBeLessThanOrEqual(65536);
    expect(openFence(body)).toBeUndefined();
    expect(body).toMatch(/_\d+ characters at the end left out/);
  });
});

import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { parseFlags, PREVIEW_MARKER, readExitCode, RENDER_DIFF_MARKER, run, stackList, UsageError } from "../../scripts/ci/main";
import { FakeGitHub, pull, REPO } from "./fake-github";

const SHA = "c".repeat(40);

function dir(files: Record<string, string>): string {
  const d = mkdtempSync(path.join(tmpdir(), "ci-main-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(d, name), text);
  return d;
}

function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { GITHUB_TOKEN: "t", GITHUB_REPOSITORY: REPO, GITHUB_RUN_ID: "11", ...extra };
}

describe("command line", () => {
  it("parses flags and refuses what it does not know", () => {
    expect(parseFlags(["--dir", "d", "--dry-run", "--pr", "3"])).toEqual({ dir: "d", "dry-run": true, pr: "3" });
    expect(() => parseFlags(["--dir"])).toThrow(new UsageError("'--dir' needs a value"));
    expect(() => parseFlags(["dir"])).toThrow(new UsageError("unexpected argument 'dir'"));
  });

  it("refuses an unknown command before it needs a token", async () => {
    await expect(run(["post"], {}, () => undefined)).rejects.toThrow(
      new UsageError("unknown command 'post' (preview-comment | render-diff-comment | drift-issues)"),
    );
  });

  it("accepts only plain stack names", () => {
    expect(stackList("dev, prod")).toEqual(["dev", "prod"]);
    expect(() => stackList("dev,../x")).toThrow(new UsageError("invalid stack name(s): '../x'"));
  });

  it("reads an exit code only when the file holds one", () => {
    const d = dir({ "a.exit": "2\n", "b.exit": "", "c.exit": "oops" });
    expect(["a", "b", "c", "missing"].map((s) => readExitCode(path.join(d, `${s}.exit`)))).toEqual([2, undefined, undefined, undefined]);
  });
});

describe("preview-comment", () => {
  it("comments every expected stack, a leg without files as 'no result'", async () => {
    const gh = new FakeGitHub();
    const d = dir({ "dev.exit": "0\n", "dev.log": "Previewing update (dev):\n    + x\n" });
    const lines: string[] = [];
    expect(await run(["preview-comment", "--dir", d, "--pr", "4", "--stacks", "dev,prod"], env(), (l) => lines.push(l), gh)).toBe(0);
    const body = (await gh.listComments(4))[0]!.body!;
    expect(body.startsWith(`${PREVIEW_MARKER}\n`)).toBe(true);
    expect(body).toContain("### ✅ `dev`: preview succeeded");
    expect(body).toContain("### ⚠️ `prod`: no result");
    expect(body).toContain("[workflow run](https://github.com/acme/pulse-os/actions/runs/11)");
    expect(lines[0]).toMatch(/^created the preview comment on #4 \(\d+ characters\)$/);
  });
});

describe("render-diff-comment", () => {
  function event(d: string, headSha: string): string {
    const file = path.join(d, "event.json");
    writeFileSync(
      file,
      JSON.stringify({
        workflow_run: {
          id: 5,
          html_url: "https://github.com/acme/pulse-os/actions/runs/5",
          event: "pull_request",
          conclusion: "success",
          head_sha: headSha,
          head_branch: "f",
          head_repository: { full_name: "fork/pulse-os", owner: { login: "fork" } },
          pull_requests: [],
        },
      }),
    );
    return file;
  }

  it("comments on the pull request the event names, whatever the artifact says", async () => {
    const gh = new FakeGitHub([pull(8, SHA, "fork/pulse-os", "f")]);
    const d = dir({ "render.diff": "+a\n", "pr-number": "1\n" });
    const out = path.join(d, "out");
    expect(
      await run(["render-diff-comment", "--event", event(d, SHA), "--diff", path.join(d, "render.diff")], env({ GITHUB_OUTPUT: out }), () => undefined, gh),
    ).toBe(0);
    expect(gh.writes).toEqual(["comment #8"]);
    const body = (await gh.listComments(8))[0]!.body!;
    expect(body.startsWith(`${RENDER_DIFF_MARKER}\n`)).toBe(true);
    expect(body).toContain("[render run](https://github.com/acme/pulse-os/actions/runs/5)");
    expect(readFileSync(out, "utf8")).toBe("pr=8\n");
  });

  it("reads the beginning of an oversized diff", async () => {
    const gh = new FakeGitHub([pull(8, SHA, "fork/pulse-os", "f")]);
    const d = dir({ "render.diff": `+first line\n${"+ filler\n".repeat(40000)}+last line\n` });
    await run(["render-diff-comment", "--event", event(d, SHA), "--diff", path.join(d, "render.diff")], env(), () => undefined, gh);
    const body = (await gh.listComments(8))[0]!.body!;
    expect(body).toContain("```diff\n+first line\n");
    expect(body).not.toContain("+last line");
  });

  it("writes nothing for a run that is no longer the pull request's head", async () => {
    const gh = new FakeGitHub([pull(8, "d".repeat(40), "fork/pulse-os", "f")]);
    const d = dir({ "render.diff": "+a\n" });
    const lines: string[] = [];
    expect(await run(["render-diff-comment", "--event", event(d, SHA), "--diff", path.join(d, "render.diff")], env(), (l) => lines.push(l), gh)).toBe(0);
    expect(gh.writes).toEqual([]);
    expect(lines).toEqual(["not commenting: run 5 rendered cccccccccccc, which is no longer the head of its pull request (#8 is at dddddddddddd)"]);
  });
});

describe("drift-issues", () => {
  it("handles every stack and fails when a drift check failed", async () => {
    const gh = new FakeGitHub();
    const d = dir({ "dev.exit": "2", "dev.md": "drifted", "prod.exit": "1", "prod.md": "error" });
    const lines: string[] = [];
    expect(await run(["drift-issues", "--dir", d, "--stacks", "dev,prod"], env(), (l) => lines.push(l), gh)).toBe(1);
    expect(lines).toEqual([
      "dev: opened #1000: Drift detected in stack dev",
      "prod: stack prod: the drift check exited with 1; its drift issue is left as it is",
    ]);
  });

  it("reports a stack whose job left no files as an error", async () => {
    const gh = new FakeGitHub();
    const lines: string[] = [];
    expect(await run(["drift-issues", "--dir", dir({}), "--stacks", "dev"], env(), (l) => lines.push(l), gh)).toBe(1);
    expect(lines).toEqual(["dev: stack dev: the drift check recorded no exit code (cancelled or crashed); its drift issue is left as it is"]);
  });
});

import { readFileSync } from "node:fs";
import * as path from "node:path";
import { openFence } from "../../scripts/ci/markdown";
import { buildPreviewComment, summarizePreview, type PreviewResult } from "../../scripts/ci/preview-report";

const fixture = (name: string) => readFileSync(path.join(__dirname, "fixtures", name), "utf8");
const opts = { marker: "<!-- m -->", title: "Pulumi preview", runUrl: "https://github.test/o/r/actions/runs/7", commit: "0123456789abcdef0123" };

describe("reading the CLI's preview output", () => {
  it("finds the policy violations the --diff display prints under each resource, messages included", () => {
    const s = summarizePreview(fixture("preview-policy-diff.log"));
    expect([s.mandatory, s.advisory]).toEqual([1, 1]);
    expect(s.policies).toBe(
      [
        "    pulse-os@v0.1.0 [mandatory]  image-pinned  (kubernetes:apps/v1:Deployment: pulse-os-api)Images are pinned to a tag or digest.",
        "Container 'execution-api' uses the tag 'latest'; pin a version.",
        "    pulse-os@v0.1.0 [advisory]  container-resources  (kubernetes:apps/v1:Deployment: pulse-os-api)Containers set requests and limits.",
        "Container 'management-api' has no memory limit.",
      ].join("\n"),
    );
    expect(s.errors).toBe("error: preview failed");
  });

  it("counts a violation printed twice once", () => {
    const log = fixture("preview-policy-diff.log");
    const s = summarizePreview(`${log}\n${log}`);
    expect([s.mandatory, s.advisory]).toEqual([1, 1]);
    expect(s.errors).toBe("error: preview failed");
  });

  it("keeps the indented lines of a top-level error", () => {
    expect(summarizePreview(fixture("preview-config-error.log")).errors).toBe(
      "error: Invalid stack configuration (1 problem):\n  - pulse-os:workers.timeLimitSeconds: must be below terminationGracePeriodSeconds (120 s): a task still running when the worker is stopped (rollout, cutover, scale-down, node drain) is killed at the end of the grace period and lost (got 600)",
    );
  });

  it("finds the mandatory and advisory policy violations of the Policies section", () => {
    const s = summarizePreview(fixture("preview-policy-progress.log"));
    expect([s.mandatory, s.advisory]).toEqual([1, 1]);
    expect(s.policies).toContain("- [mandatory]  pinned-image-tag  (kubernetes:apps/v1:Deployment: pulse-os-api)");
    expect(s.policies).toContain("Container 'execution-api' uses the tag 'latest'; pin a version.");
  });

  it("reports no policy section when every pack passed", () => {
    const s = summarizePreview(fixture("preview-success.log"));
    expect(s).toEqual({ errors: "", policies: "", mandatory: 0, advisory: 0 });
  });

  it("collects the diagnostics and the CLI's top-level error lines", () => {
    const s = summarizePreview(fixture("preview-error.log"));
    expect(s.errors).toBe(
      [
        "Diagnostics:",
        "  pulumi:pulumi:Stack (pulse-os-dev):",
        "    error: Running program '/src/pulse-os' failed with an unhandled exception:",
        "    Error: invalid stack configuration: 'image.tag' must not be 'latest'",
        "error: preview failed",
      ].join("\n"),
    );
  });

  it("ignores colour codes", () => {
    const s = summarizePreview("\u001b[4m\u001b[1mPolicies:\u001b[0m\n    ❌ p@v1\n        - \u001b[31m[mandatory]\u001b[0m  x\n");
    expect(s.mandatory).toBe(1);
  });
});

describe("the preview comment", () => {
  const results: PreviewResult[] = [
    { stack: "prod", exitCode: 255, output: fixture("preview-policy-diff.log") },
    { stack: "dev", exitCode: 0, output: fixture("preview-success.log") },
  ];

  it("starts with the marker and shows each stack's status, stacks sorted", () => {
    const body = buildPreviewComment(results, opts);
    expect(body.split("\n").slice(0, 3)).toEqual([
      "<!-- m -->",
      "## Pulumi preview",
      "Commit 0123456789ab · [workflow run](https://github.test/o/r/actions/runs/7)",
    ]);
    expect(body.indexOf("### ✅ `dev`: preview succeeded")).toBeLessThan(
      body.indexOf("### ❌ `prod`: preview failed (exit code 255) (1 mandatory policy violation, 1 advisory policy warning)"),
    );
  });

  it("shows the diff of a successful preview", () => {
    const body = buildPreviewComment([results[1]!], opts);
    expect(body).toContain("**Diff**\n\n```diff\nPreviewing update (dev):\n");
    expect(body).toContain("          ~ replicas: 2 => 3\n");
  });

  it("shows the error and the policy violations of a failed preview, not an empty diff", () => {
    const body = buildPreviewComment([results[0]!], opts);
    expect(body).toContain("**Error**\n\n```\nerror: preview failed\n```");
    expect(body).toContain(
      "**Policy violations**\n\n```\n    pulse-os@v0.1.0 [mandatory]  image-pinned  (kubernetes:apps/v1:Deployment: pulse-os-api)Images are pinned to a tag or digest.\nContainer 'execution-api' uses the tag 'latest'; pin a version.\n",
    );
    expect(body).not.toContain("**Diff**");
    expect(body).toContain("<details><summary>Full output</summary>");
  });

  it("shows the end of the output when a failure printed no diagnostics", () => {
    const body = buildPreviewComment([{ stack: "dev", exitCode: 1, output: "Logging in...\nerror: no stack named 'dev' found\n" }], opts);
    expect(body).toContain("**Error**\n\n```\nerror: no stack named 'dev' found\n```");
  });

  it("says a leg recorded no result instead of showing an empty block", () => {
    const body = buildPreviewComment([{ stack: "prod", exitCode: undefined, output: "" }], opts);
    expect(body).toContain("### ⚠️ `prod`: no result (the preview job did not finish; see the workflow run)");
    expect(body).not.toContain("```");
  });

  it("keeps code fences in the output from closing the block", () => {
    const output = "Previewing update (dev):\n```\n## not a heading\n<!-- m -->\n";
    const body = buildPreviewComment([{ stack: "dev", exitCode: 0, output }], opts);
    expect(body).toContain("````diff\nPreviewing update (dev):\n```\n## not a heading\n<!-- m -->\n````");
    expect(openFence(body)).toBeUndefined();
  });

  it("stays within GitHub's limit and says what was left out", () => {
    const huge = `Previewing update (dev):\n${"    + kubernetes:core/v1:ConfigMap: (create)\n".repeat(5000)}`;
    const body = buildPreviewComment(
      [
        { stack: "dev", exitCode: 0, output: huge },
        { stack: "prod", exitCode: 255, output: `${huge}${fixture("preview-policy-diff.log")}` },
      ],
      opts,
    );
    expect(body.length).toBeLessThanOrEqual(65536);
    expect(body.length).toBeGreaterThan(60000);
    expect(openFence(body)).toBeUndefined();
    expect(body).toMatch(
      /_\d+ characters at the end left out \(GitHub's 65536-character limit\); \[the workflow run\]\(https:\/\/github\.test\/o\/r\/actions\/runs\/7\) has the whole output\._/,
    );
    // The failure's policy violations survive the cut.
    expect(body).toContain("[mandatory]  image-pinned");
  });
});

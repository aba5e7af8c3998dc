import { applyDriftAction, driftIssueBody, findDriftIssue, planDriftIssue } from "../../scripts/ci/drift-issue";
import { BOT, FakeGitHub } from "./fake-github";

const RUN = "https://github.test/acme/pulse-os/actions/runs/9";
const report = "## Drift in `prod`\n\n| URN | paths |\n|---|---|\n| urn:pulumi:prod::pulse-os::kubernetes:apps/v1:Deployment::api | spec.replicas |\n";

describe("the drift issue of a stack", () => {
  it("is found by its exact title among open issues the workflow wrote", () => {
    const issues = [
      { number: 1, title: "Drift detected in stack prod", state: "open", user: { login: "mallory" } },
      { number: 2, title: "Drift detected in stack prod-eu", state: "open", user: BOT },
      { number: 3, title: "Drift detected in stack prod", state: "open", user: BOT },
    ];
    expect(findDriftIssue(issues, "prod")?.number).toBe(3);
    expect(findDriftIssue(issues, "dev")).toBeUndefined();
  });

  it("opens an issue when drift is found and none is open", () => {
    const a = planDriftIssue({ stack: "prod", exitCode: 2, report }, [], RUN);
    expect(a).toMatchObject({ kind: "create", title: "Drift detected in stack prod" });
    expect("body" in a && a.body).toContain("| urn:pulumi:prod::pulse-os::kubernetes:apps/v1:Deployment::api | spec.replicas |");
  });

  it("updates the open issue while drift persists", () => {
    const open = [{ number: 12, title: "Drift detected in stack prod", state: "open", user: BOT }];
    expect(planDriftIssue({ stack: "prod", exitCode: 2, report }, open, RUN)).toMatchObject({ kind: "update", issue: 12 });
  });

  it("closes the open issue with a comment once the stack is clean", () => {
    const open = [{ number: 12, title: "Drift detected in stack prod", state: "open", user: BOT }];
    expect(planDriftIssue({ stack: "prod", exitCode: 0, report: undefined }, open, RUN)).toEqual({
      kind: "close",
      issue: 12,
      comment: `No drift in stack \`prod\` any more ([workflow run](${RUN})); closing.`,
    });
    expect(planDriftIssue({ stack: "prod", exitCode: 0, report: undefined }, [], RUN)).toEqual({
      kind: "none",
      reason: "stack prod: no drift, no open drift issue",
    });
  });

  it("leaves the issue alone and reports an error when the check itself failed", () => {
    const open = [{ number: 12, title: "Drift detected in stack prod", state: "open", user: BOT }];
    expect(planDriftIssue({ stack: "prod", exitCode: 1, report }, open)).toEqual({
      kind: "error",
      reason: "stack prod: the drift check exited with 1; its drift issue is left as it is",
    });
    expect(planDriftIssue({ stack: "dev", exitCode: undefined, report: undefined }, open)).toEqual({
      kind: "error",
      reason: "stack dev: the drift check recorded no exit code (cancelled or crashed); its drift issue is left as it is",
    });
  });

  it("keeps the body within GitHub's limit", () => {
    const body = driftIssueBody({ stack: "prod", exitCode: 2, report: "| x | y |\n".repeat(20000) }, RUN);
    expect(body.length).toBeLessThanOrEqual(65536);
    expect(body).toMatch(/_…\d+ characters of the report left out; the workflow run's artifact has all of it\._/);
  });
});

describe("applying the plan", () => {
  it("opens, then updates, then closes one issue per stack", async () => {
    const gh = new FakeGitHub();
    const step = async (exitCode: number) => applyDriftAction(gh, planDriftIssue({ stack: "prod", exitCode, report }, await gh.listOpenIssues("drift"), RUN));
    expect(await step(2)).toBe("opened #1000: Drift detected in stack prod");
    expect(await step(2)).toBe("updated #1000");
    expect(await step(0)).toBe("closed #1000");
    expect(await step(0)).toBe("stack prod: no drift, no open drift issue");
    expect(gh.writes).toEqual(["open #1000 [drift] Drift detected in stack prod", "update #1000 body", "comment #1000", "update #1000 state,state_reason"]);
  });
});

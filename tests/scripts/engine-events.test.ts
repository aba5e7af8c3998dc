import type { EngineEvent } from "@pulumi/pulumi/automation";
import {
  DRIFT_EXIT,
  driftExitCode,
  otherErrors,
  policyResults,
  proposedChanges,
  renderDriftReport,
  renderPolicyResults,
  type PolicyResults,
} from "../../scripts/lib/engine-events";
// Recorded from `preview --refresh --expect-no-changes` of the local stack on the local cluster after
// `kubectl label service execution-api app.kubernetes.io/version=edited-by-hand --overwrite` and a
// `kubectl patch` of the api Deployment's first container's imagePullPolicy (old/new states removed).
import recorded from "./fixtures/drift-events.json";

const events = recorded as unknown as EngineEvent[];
const API = "urn:pulumi:local::pulse-os::pulse-os:kubernetes:KubernetesWorkloads$pulse-os:workload:ApiDeployment$kubernetes:apps/v1:Deployment::api";
const SERVICE = "urn:pulumi:local::pulse-os::pulse-os:kubernetes:KubernetesWorkloads$pulse-os:workload:ApiDeployment$kubernetes:core/v1:Service::api-execution";
const NO_POLICY: PolicyResults = { violations: [], warnings: [], packs: [] };

function policyEvent(level: "mandatory" | "warning", urn?: string): EngineEvent {
  return {
    sequence: 1,
    timestamp: 0,
    policyEvent: {
      ...(urn ? { resourceUrn: urn } : {}),
      message: "A task may outlive the drain.\n--time-limit=600s, not below terminationGracePeriodSeconds 120s",
      color: "raw",
      policyName: "celery-drain-fits-grace",
      policyPackName: "pulse-os",
      policyPackVersion: "0.1.0",
      policyPackVersionTag: "0.1.0",
      enforcementLevel: level,
    },
  };
}

describe("what a preview proposes, from the engine's events", () => {
  it("names each resource the preview would update with its changed property paths, ignoring refresh and same steps", () => {
    expect(proposedChanges(events)).toEqual([
      { urn: API, type: "kubernetes:apps/v1:Deployment", op: "update", paths: ["spec.template.spec.containers[0].imagePullPolicy"] },
      { urn: SERVICE, type: "kubernetes:core/v1:Service", op: "update", paths: ['metadata.labels["app.kubernetes.io/version"]'] },
    ]);
  });

  it("falls back to the top-level diffs when the engine gives no detailed diff, and keeps one entry per URN", () => {
    const pre = (op: "create" | "update", diffs?: string[]): EngineEvent => ({
      sequence: 1,
      timestamp: 0,
      resourcePreEvent: { metadata: { op, urn: SERVICE, type: "kubernetes:core/v1:Service", provider: "", ...(diffs ? { diffs } : {}) } },
    });
    expect(proposedChanges([pre("update", ["spec", "metadata"]), pre("update", ["spec"])])).toEqual([
      { urn: SERVICE, type: "kubernetes:core/v1:Service", op: "update", paths: ["metadata", "spec"] },
    ]);
    expect(proposedChanges([pre("create")])[0]?.paths).toEqual([]);
  });

  it("finds nothing in a run that only refreshed", () => {
    expect(proposedChanges(events.filter((e) => e.resourcePreEvent?.metadata.op !== "update"))).toEqual([]);
  });
});

describe("policy results", () => {
  it("splits mandatory violations from advisory warnings and lists the packs the summary reports", () => {
    const summary: EngineEvent = { sequence: 2, timestamp: 0, summaryEvent: { PolicyPacks: { "pulse-os|local|/repo/policy": "0.1.0" } } as never };
    const r = policyResults([policyEvent("mandatory", API), policyEvent("warning"), summary]);
    expect(r.violations).toEqual([
      {
        policy: "celery-drain-fits-grace",
        pack: "pulse-os@0.1.0",
        level: "mandatory",
        urn: API,
        message: "A task may outlive the drain.\n--time-limit=600s, not below terminationGracePeriodSeconds 120s",
      },
    ]);
    expect(r.warnings.map((w) => w.level)).toEqual(["warning"]);
    expect(r.packs).toEqual(["pulse-os@0.1.0"]);
  });

  it("prints one line per result, first line of the message", () => {
    const r = policyResults([policyEvent("mandatory", API)]);
    expect(renderPolicyResults(r)).toBe(
      `Policy packs run: none reported\n  [mandatory] celery-drain-fits-grace (pulse-os@0.1.0) on ${API}: A task may outlive the drain.`,
    );
    expect(renderPolicyResults(NO_POLICY)).toBe("Policy packs run: none reported\nPolicy results: no violations, no warnings");
  });
});

describe("drift exit code", () => {
  it("is 0 for a preview that succeeded with nothing to change", () => {
    expect(driftExitCode({ previewFailed: false, changes: 0, violations: 0, otherErrors: 0 })).toBe(DRIFT_EXIT.clean);
  });

  it("is 2 when changes were proposed (the preview fails because of --expect-no-changes)", () => {
    expect(driftExitCode({ previewFailed: true, changes: 2, violations: 0, otherErrors: 0 })).toBe(DRIFT_EXIT.drift);
  });

  it("is 1 when the preview failed for another reason, even with changes proposed", () => {
    expect(driftExitCode({ previewFailed: true, changes: 0, violations: 0, otherErrors: 0 })).toBe(DRIFT_EXIT.error);
    expect(driftExitCode({ previewFailed: true, changes: 2, violations: 1, otherErrors: 0 })).toBe(DRIFT_EXIT.error);
    expect(driftExitCode({ previewFailed: true, changes: 2, violations: 0, otherErrors: 1 })).toBe(DRIFT_EXIT.error);
  });

  it("counts error diagnostics other than the one --expect-no-changes produces", () => {
    const diag = (severity: "error" | "warning", message: string): EngineEvent => ({
      sequence: 1,
      timestamp: 0,
      diagnosticEvent: { message, color: "raw", severity },
    });
    expect(otherErrors([...events, diag("error", "error: no changes were expected but changes were proposed\n")])).toEqual([]);
    expect(otherErrors([diag("warning", "w"), diag("error", "Invalid stack configuration (1 problem)\n")])).toEqual([
      "Invalid stack configuration (1 problem)",
    ]);
  });
});

describe("the drift report", () => {
  const when = new Date("2026-12-06T09:00:00Z");

  it("lists each drifted resource's URN, type, step and changed properties", () => {
    expect(renderDriftReport({ stack: "local", when, changes: proposedChanges(events), policy: NO_POLICY })).toBe(
      [
        "# Drift report: stack `local`",
        "",
        "Checked 2026-12-06T09:00:00.000Z with a refreshing preview (policy pack applied).",
        "",
        "2 resource(s) differ from the program; `npm run deploy -- --stack local --refresh` reverts them.",
        "",
        "| Resource (URN) | Type | Step | Changed properties |",
        "| --- | --- | --- | --- |",
        `| \`${API}\` | \`kubernetes:apps/v1:Deployment\` | update | \`spec.template.spec.containers[0].imagePullPolicy\` |`,
        `| \`${SERVICE}\` | \`kubernetes:core/v1:Service\` | update | \`metadata.labels["app.kubernetes.io/version"]\` |`,
        "",
      ].join("\n"),
    );
  });

  it("says there is no drift, or that the check failed and drift is unknown", () => {
    expect(renderDriftReport({ stack: "dev", when, changes: [], policy: NO_POLICY })).toContain("\nNo drift: the live resources match the program.\n");
    const failed = renderDriftReport({ stack: "dev", when, changes: [], policy: NO_POLICY, error: "no Pulumi CLI\n~~~" });
    expect(failed).toContain("**The check failed**, so drift is unknown:\n\n~~~\nno Pulumi CLI\n~ ~ ~\n~~~\n");
  });

  it("escapes table separators in property paths and adds the policy results", () => {
    const report = renderDriftReport({
      stack: "dev",
      when,
      policy: policyResults([policyEvent("warning")]),
      changes: [{ urn: SERVICE, type: "kubernetes:core/v1:Service", op: "update", paths: ['metadata.annotations["a|b"]'] }],
    });
    expect(report).toContain('| update | `metadata.annotations["a\\|b"]` |');
    expect(report).toContain(
      "## Policy results\n\n```\nPolicy packs run: none reported\n  [warning] celery-drain-fits-grace (pulse-os@0.1.0): A task may outlive the drain.\n```\n",
    );
  });
});

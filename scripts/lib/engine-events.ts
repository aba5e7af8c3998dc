/**
 * What a preview proposed and what the policy pack said, read from the engine's structured events
 * (the Automation API's `onEvent`), never from its text output; the drift report and exit code
 * derived from them. Pure (tests/scripts/engine-events.test.ts).
 */
import type { EngineEvent, OpType } from "@pulumi/pulumi/automation";

/** Steps that change nothing: the resource as it is, a read, the refresh of the state itself. */
const NO_CHANGE: ReadonlySet<OpType> = new Set<OpType>(["same", "read", "refresh", "discard"]);

/** One resource the preview would change. */
export interface ProposedChange {
  readonly urn: string;
  readonly type: string;
  readonly op: OpType;
  /** Property paths that differ (`spec.template.spec.containers[0].env[1].value`), sorted; empty when the engine names none (create, delete). */
  readonly paths: readonly string[];
}

/** Each resource the events propose to change, in the order first seen (one entry per URN). */
export function proposedChanges(events: readonly EngineEvent[]): ProposedChange[] {
  const byUrn = new Map<string, ProposedChange>();
  for (const e of events) {
    const m = e.resourcePreEvent?.metadata;
    if (!m || NO_CHANGE.has(m.op)) continue;
    const paths = m.detailedDiff && Object.keys(m.detailedDiff).length > 0 ? Object.keys(m.detailedDiff) : (m.diffs ?? []);
    const previous = byUrn.get(m.urn);
    const merged = new Set([...(previous?.paths ?? []), ...paths]);
    byUrn.set(m.urn, { urn: m.urn, type: m.type, op: previous?.op ?? m.op, paths: [...merged].sort() });
  }
  return [...byUrn.values()];
}

/** One policy result. */
export interface PolicyResult {
  readonly policy: string;
  readonly pack: string;
  readonly level: "mandatory" | "warning";
  readonly urn?: string;
  readonly message: string;
}

export interface PolicyResults {
  /** Mandatory results: the update must not run. */
  readonly violations: readonly PolicyResult[];
  /** Advisory results: printed, the update may run. */
  readonly warnings: readonly PolicyResult[];
  /** Packs the engine reports it ran (`name@version`), from the summary event. */
  readonly packs: readonly string[];
}

export function policyResults(events: readonly EngineEvent[]): PolicyResults {
  const violations: PolicyResult[] = [];
  const warnings: PolicyResult[] = [];
  const packs = new Set<string>();
  for (const e of events) {
    const p = e.policyEvent;
    if (p) {
      const r: PolicyResult = {
        policy: p.policyName,
        pack: `${p.policyPackName}@${p.policyPackVersion}`,
        level: p.enforcementLevel,
        ...(p.resourceUrn ? { urn: p.resourceUrn } : {}),
        message: p.message.trim(),
      };
      (p.enforcementLevel === "mandatory" ? violations : warnings).push(r);
    }
    // The CLI's JSON spells it `PolicyPacks`; the SDK's type says `policyPacks`.
    const summary: { policyPacks?: Record<string, string>; PolicyPacks?: Record<string, string> } | undefined = e.summaryEvent;
    // Keys are `<name>|local|<path>` for a pack run from a directory.
    for (const [key, version] of Object.entries(summary?.policyPacks ?? summary?.PolicyPacks ?? {})) packs.add(`${key.split("|")[0]}@${version}`);
  }
  return { violations, warnings, packs: [...packs].sort() };
}

/** Text of the policy results as deploy prints them under the preview. */
export function renderPolicyResults(r: PolicyResults): string {
  const lines = [`Policy packs run: ${r.packs.length > 0 ? r.packs.join(", ") : "none reported"}`];
  if (r.violations.length === 0 && r.warnings.length === 0) lines.push("Policy results: no violations, no warnings");
  for (const v of [...r.violations, ...r.warnings]) {
    lines.push(`  [${v.level}] ${v.policy} (${v.pack})${v.urn ? ` on ${v.urn}` : ""}: ${v.message.split("\n")[0]}`);
  }
  return lines.join("\n");
}

/** `npm run drift` exit codes; the workflow relies on them. */
export const DRIFT_EXIT = { clean: 0, error: 1, drift: 2 } as const;

/**
 * 0 when the refreshing preview succeeded and proposed nothing; 2 when it proposed changes and
 * failed for no other reason (`--expect-no-changes` makes the preview itself fail on changes);
 * 1 for anything else: the preview could not run, a policy was violated, or changes were proposed
 * that no event names.
 */
export function driftExitCode(o: {
  readonly previewFailed: boolean;
  readonly changes: number;
  readonly violations: number;
  readonly otherErrors: number;
}): number {
  if (o.violations > 0 || o.otherErrors > 0) return DRIFT_EXIT.error;
  if (o.changes > 0) return DRIFT_EXIT.drift;
  return o.previewFailed ? DRIFT_EXIT.error : DRIFT_EXIT.clean;
}

/**
 * Error diagnostics of the run other than the one `--expect-no-changes` itself produces, so that
 * drift (exit 2) is not mistaken for a broken program (exit 1).
 */
export function otherErrors(events: readonly EngineEvent[]): string[] {
  return events
    .map((e) => e.diagnosticEvent)
    .filter((d): d is NonNullable<typeof d> => d !== undefined && d.severity === "error")
    .map((d) => d.message.trim())
    .filter((m) => !/no changes were expected but changes (were proposed|occurred)/i.test(m));
}

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

/** The markdown report of `npm run drift --report`: a table of every drifted resource and its changed paths. */
export function renderDriftReport(o: {
  readonly stack: string;
  readonly when: Date;
  readonly changes: readonly ProposedChange[];
  readonly policy: PolicyResults;
  /** Why the check could not decide (exit 1). */
  readonly error?: string;
}): string {
  const out = [`# Drift report: stack \`${o.stack}\``, "", `Checked ${o.when.toISOString()} with a refreshing preview (policy pack applied).`, ""];
  if (o.error !== undefined) {
    out.push("**The check failed**, so drift is unknown:", "", "~~~", o.error.replace(/~~~/g, "~ ~ ~"), "~~~");
  } else if (o.changes.length === 0) {
    out.push("No drift: the live resources match the program.");
  } else {
    out.push(`${o.changes.length} resource(s) differ from the program; \`npm run deploy -- --stack ${o.stack} --refresh\` reverts them.`, "");
    out.push("| Resource (URN) | Type | Step | Changed properties |", "| --- | --- | --- | --- |");
    for (const c of o.changes) {
      const paths = c.paths.length > 0 ? c.paths.map((p) => `\`${p}\``).join("<br>") : "(whole resource)";
      out.push(`| \`${cell(c.urn)}\` | \`${c.type}\` | ${c.op} | ${cell(paths)} |`);
    }
  }
  if (o.policy.violations.length > 0 || o.policy.warnings.length > 0) out.push("", "## Policy results", "", "```", renderPolicyResults(o.policy), "```");
  return `${out.join("\n")}\n`;
}

/**
 * `npm run drift -- --stack <name> [--report <file.md>] [--config-file <Pulumi.x.yaml>]`: does the
 * live stack still match the program? (docs/operations.md, "Checking for drift")
 *
 * A refreshing preview that expects no changes (`pulumi preview --refresh --expect-no-changes`),
 * with the policy pack. The drifted resources, their types and changed property paths come from
 * the engine's structured events (resourcePreEvent: op, detailedDiff), never from its text.
 *
 * Exit codes (the scheduled workflow relies on them): 0 no drift, 2 drift, 1 anything else (the
 * preview could not run, a policy was violated, a bad argument). With `--report`, a markdown report
 * is written in every case.
 */
import { writeFileSync } from "node:fs";
import { parseDriftArgs, UsageError, type DriftOptions } from "./lib/cli-options";
import { DRIFT_EXIT, driftExitCode, otherErrors, policyResults, proposedChanges, renderDriftReport, renderPolicyResults } from "./lib/engine-events";
import { steps } from "./lib/steps";
import { openTarget, previewWithPolicy, tolerateEngineShutdown } from "./lib/stack-runs";

const s = steps("drift");
tolerateEngineShutdown(s.log);

async function check(opts: DriftOptions): Promise<number> {
  const stack = await openTarget(s, opts.stack, opts.configFile);
  const preview = await s.step(`preview --refresh --expect-no-changes --policy-pack policy (stack ${opts.stack})`, () =>
    previewWithPolicy(stack, { refresh: true, expectNoChanges: true }),
  );
  const changes = proposedChanges(preview.events);
  const policy = policyResults(preview.events);
  const errors = otherErrors(preview.events);
  const code = driftExitCode({
    previewFailed: preview.error !== undefined,
    changes: changes.length,
    violations: policy.violations.length,
    otherErrors: errors.length,
  });

  process.stdout.write(`\n${renderPolicyResults(policy)}\n`);
  if (code === DRIFT_EXIT.clean) s.log(`no drift: stack ${opts.stack} matches the program`);
  if (code === DRIFT_EXIT.drift) {
    s.log(`DRIFT: ${changes.length} resource(s) of stack ${opts.stack} differ from the program`);
    for (const c of changes) process.stdout.write(`  ${c.op} ${c.type} ${c.urn}\n${c.paths.map((p) => `      ${p}\n`).join("")}`);
  }
  const error = code === DRIFT_EXIT.error ? (errors[0] ?? preview.error?.message ?? "policy violation") : undefined;
  if (error !== undefined) s.log(`the check failed: ${error}`);
  if (opts.report) {
    writeFileSync(opts.report, renderDriftReport({ stack: opts.stack, when: new Date(), changes, policy, ...(error !== undefined ? { error } : {}) }));
    s.log(`report written to ${opts.report}`);
  }
  return code;
}

async function main(): Promise<number> {
  let opts: DriftOptions;
  try {
    opts = parseDriftArgs(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`${err.message}\n`);
    return DRIFT_EXIT.error;
  }
  try {
    return await check(opts);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    s.log(`the check failed: ${message}`);
    if (opts.report)
      writeFileSync(
        opts.report,
        renderDriftReport({ stack: opts.stack, when: new Date(), changes: [], policy: { violations: [], warnings: [], packs: [] }, error: message }),
      );
    return DRIFT_EXIT.error;
  }
}

main().then(
  (code) => {
    s.log(`exit ${code} (0 no drift, 2 drift, 1 error) after ${s.elapsed()}s`);
    process.exit(code);
  },
  (err: unknown) => {
    s.log(`FAILED after ${s.elapsed()}s: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(DRIFT_EXIT.error);
  },
);

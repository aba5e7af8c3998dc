/**
 * `npm run deploy -- --stack <name> [--yes] [--refresh] [--config-file <Pulumi.x.yaml>]`: the
 * deploy path that cannot skip the policy pack (docs/operations.md, "Deploying a stack").
 *
 * 1. refuses to start without a terminal to confirm on, unless `--yes` (exit 2);
 * 2. `local`: builds what is missing of the toolchain and starts the simulated cluster; any other
 *    stack runs with the operator's own backend and credentials (scripts/lib/stack-runs.ts);
 * 3. `preview --diff [--refresh]` with the policy pack, the engine's diff streamed, then the
 *    proposed changes and the policy results from the engine's events;
 * 4. stops (exit 1) when the preview failed or a policy was violated; ends (exit 0) when nothing
 *    would change; asks `yes` on the terminal unless `--yes`;
 * 5. `up --diff [--refresh]` with the same policy pack.
 *
 * Same Automation API runner as `npm run local` (scripts/lib/engine.ts). Every step prints its time.
 */
import { afterPreview, askConfirmation, confirmationMode, DEPLOY_EXIT, parseDeployArgs, refusalMessage, UsageError } from "./lib/cli-options";
import { policyResults, proposedChanges, renderPolicyResults } from "./lib/engine-events";
import { steps } from "./lib/steps";
import { openTarget, previewWithPolicy, tolerateEngineShutdown, upWithPolicy } from "./lib/stack-runs";

const s = steps("deploy");
tolerateEngineShutdown(s.log);

/** The CLI's own error text (the streamed stdout already shows the rest). */
function reason(err: Error): string {
  const stderr = /\n\s*stderr: ([\s\S]*?)(\n\s*err\?: [\s\S]*)?$/.exec(err.message)?.[1]?.trim();
  return stderr && stderr.length > 0 ? stderr : err.message;
}

async function main(): Promise<number> {
  let opts;
  try {
    opts = parseDeployArgs(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`${err.message}\n`);
    return DEPLOY_EXIT.refused;
  }
  const mode = confirmationMode({ yes: opts.yes, stdinIsTTY: process.stdin.isTTY === true });
  if (mode === "refuse") {
    process.stderr.write(`${refusalMessage(opts.stack)}\n`);
    return DEPLOY_EXIT.refused;
  }
  const refresh = opts.refresh ? " --refresh" : "";
  const stack = await openTarget(s, opts.stack, opts.configFile);

  const preview = await s.step(`preview --diff${refresh} --policy-pack policy (stack ${opts.stack})`, () =>
    previewWithPolicy(stack, { refresh: opts.refresh }),
  );
  const policy = policyResults(preview.events);
  const changes = proposedChanges(preview.events);
  process.stdout.write(`\n${renderPolicyResults(policy)}\n`);
  if (preview.result) process.stdout.write(`Proposed: ${JSON.stringify(preview.result.changeSummary)}\n`);
  for (const c of changes) process.stdout.write(`  ${c.op} ${c.urn}${c.paths.length > 0 ? ` (${c.paths.join(", ")})` : ""}\n`);

  const next = afterPreview({ previewFailed: preview.error !== undefined, violations: policy.violations.length, changes: changes.length });
  if (next === "fail") {
    const policies = [...new Set(policy.violations.map((v) => v.policy))];
    s.log(
      `preview failed${policies.length > 0 ? ` with ${policy.violations.length} mandatory policy violation(s): ${policies.join(", ")}` : ""}; nothing was deployed`,
    );
    if (preview.error) s.log(reason(preview.error));
    return DEPLOY_EXIT.failed;
  }
  if (next === "nothing-to-do") {
    s.log(`no changes: nothing to deploy to stack ${opts.stack}`);
    return DEPLOY_EXIT.ok;
  }
  if (mode === "ask") {
    const yes = await askConfirmation(`\nDeploy these changes to stack '${opts.stack}'? Type 'yes' to proceed: `, process.stdin, process.stdout);
    if (!yes) {
      s.log("not confirmed; nothing was deployed");
      return DEPLOY_EXIT.failed;
    }
  }

  const up = await s.step(`up --diff${refresh} --policy-pack policy (stack ${opts.stack})`, () => upWithPolicy(stack, { refresh: opts.refresh }));
  const upPolicy = policyResults(up.events);
  if (up.error || upPolicy.violations.length > 0) {
    s.log(`up failed${upPolicy.violations.length > 0 ? `: ${upPolicy.violations.map((v) => v.policy).join(", ")}` : ""}`);
    if (up.error) s.log(reason(up.error));
    return DEPLOY_EXIT.failed;
  }
  s.log(`deployed stack ${opts.stack}: ${JSON.stringify(up.result?.summary.resourceChanges ?? {})}`);
  return DEPLOY_EXIT.ok;
}

main().then(
  (code) => {
    s.log(`${code === DEPLOY_EXIT.ok ? "done" : `exit ${code}`} after ${s.elapsed()}s`);
    process.exit(code);
  },
  (err: unknown) => {
    s.log(`FAILED after ${s.elapsed()}s: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(DEPLOY_EXIT.failed);
  },
);

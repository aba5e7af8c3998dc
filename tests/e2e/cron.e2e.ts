/**
 * The schedule table of the unit suite (tests/bad-config.schedules.ts) against a real API server:
 * a server-side dry-run create of one CronJob per schedule (nothing is stored, no namespace of
 * the program is needed). Proves that the table, and config/cron.ts with it, say what the
 * Kubernetes CronJob validation says.
 */
import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { cronScheduleError } from "../../config/cron";
import { kubectlAsync } from "../../scripts/lib/engine";
import { SCHEDULES } from "../bad-config.schedules";

function cronJob(index: number, schedule: string): string {
  return JSON.stringify({
    apiVersion: "batch/v1",
    kind: "CronJob",
    metadata: { name: `schedule-check-${index}`, namespace: "default" },
    spec: {
      schedule,
      jobTemplate: { spec: { template: { spec: { restartPolicy: "Never", containers: [{ name: "c", image: "registry.local.test/x:1" }] } } } },
    },
  });
}

/** Whether the API server accepts the schedule, and its message when it does not. */
async function apiVerdict(index: number, schedule: string): Promise<{ accepted: boolean; message: string }> {
  try {
    await kubectlAsync(["create", "--dry-run=server", "-o", "name", "-f", "-"], cronJob(index, schedule));
    return { accepted: true, message: "" };
  } catch (err) {
    const { stderr } = err as { stderr?: unknown }; // kubectl's output, as execFile attaches it
    const message = typeof stderr === "string" ? stderr : (err as Error).message;
    assert.match(message, /spec\.schedule/, `schedule ${JSON.stringify(schedule)} was refused for another reason: ${message}`);
    return { accepted: false, message };
  }
}

void describe("CronJob schedules against the API server", () => {
  void it(`accepts and refuses exactly what the table and config/cron.ts say (${SCHEDULES.length} schedules)`, async () => {
    const started = Date.now();
    const wrong: string[] = [];
    for (const [i, c] of SCHEDULES.entries()) {
      const api = await apiVerdict(i, c.schedule);
      const ours = cronScheduleError(c.schedule) === undefined;
      if (api.accepted !== c.accepted || ours !== c.accepted) {
        wrong.push(`${JSON.stringify(c.schedule)}: table ${c.accepted}, API server ${api.accepted}, config/cron.ts ${ours} ${api.message.trim()}`);
      }
    }
    process.stdout.write(`# ${SCHEDULES.length} schedules checked in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    assert.deepEqual(wrong, []);
  });
});

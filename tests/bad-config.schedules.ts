/**
 * CronJob schedules and whether the Kubernetes API server accepts them in a new CronJob. The
 * unit suite checks config/cron.ts against this table; tests/e2e/cron.e2e.ts checks the same
 * table against a real API server (a server-side dry-run create per schedule).
 */
export interface ScheduleCase {
  readonly schedule: string;
  readonly accepted: boolean;
}

const accept = (...schedules: string[]): ScheduleCase[] => schedules.map((schedule) => ({ schedule, accepted: true }));
const refuse = (...schedules: string[]): ScheduleCase[] => schedules.map((schedule) => ({ schedule, accepted: false }));

export const SCHEDULES: readonly ScheduleCase[] = [
  ...accept(
    "0 3 * * *",
    "*/15 * * * *",
    "0 3 ? * *",
    "0 3 * * ?",
    "0 9 * * mon-fri",
    "0 9 * * MON",
    "0 0 1 jan *",
    "0 3 * JAN-MAR *",
    "0 3 * * 0",
    "0 3 * * 6",
    "0 3 * * 1-5",
    "5/15 * * * *",
    "0-59/5 * * * *",
    "*/5,10 * * * *",
    "0 3 1,15 * *",
    "00 03 * * *",
    "0 0 31 2 *",
    "0 3 1,,15 * *",
    ", * * * *",
    "*-5 * * * *",
    "+5 * * * *",
    "0  3\t* * *",
    "@hourly",
    "@daily",
    "@midnight",
    "@weekly",
    "@monthly",
    "@yearly",
    "@annually",
    "@every 1h",
    "@every 1h30m",
    "@every 90s",
    "@every 1.5h",
    "@every 0",
    "@every -1h",
    "@every 500ms",
  ),
  ...refuse(
    "0 3 * * 7",
    "0 0 2 * * *",
    "0 3 * *",
    "61 2 * * *",
    "0 24 * * *",
    "0 3 0 * *",
    "0 3 * 13 *",
    "0 3 32 * *",
    "5-1 * * * *",
    "*/0 * * * *",
    "1-2-3 * * * *",
    "1/2/3 * * * *",
    "-1 * * * *",
    "0 3 L * *",
    "0 3 15W * *",
    "0 3 * * 1#2",
    "0 3 * * sunday",
    "x * * * *",
    "0 3 * * 0-7",
    "@fortnightly",
    "@every",
    "@every 1",
    "@every 1x",
    "@every h",
    "@every  1h",
    " @daily",
    "@daily ",
    "@DAILY",
    "CRON_TZ=UTC 0 3 * * *",
    "TZ=Europe/Paris 0 3 * * *",
    "0 3 * * * TZ",
  ),
];

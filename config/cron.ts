/**
 * Validates a CronJob schedule the way the Kubernetes CronJob controller parses it
 * (robfig/cron's standard parser: five fields or a predefined descriptor; no seconds field,
 * no `?`, `L`, `W` or `#`, no `TZ=` prefix, which the API server rejects).
 * Returns `undefined` when valid, otherwise a sentence saying what is wrong.
 */
const DESCRIPTORS = new Set(["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"]);

const FIELDS: ReadonlyArray<{ name: string; min: number; max: number; names?: readonly string[] }> = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day of month", min: 1, max: 31 },
  { name: "month", min: 1, max: 12, names: ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"] },
  { name: "day of week", min: 0, max: 7, names: ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] },
];

function value(token: string, field: (typeof FIELDS)[number]): number | undefined {
  const named = field.names?.indexOf(token.toLowerCase());
  if (named !== undefined && named >= 0) return named + (field.min === 1 ? 1 : 0);
  if (!/^\d+$/.test(token)) return undefined;
  const n = Number(token);
  return n >= field.min && n <= field.max ? n : undefined;
}

function checkField(text: string, field: (typeof FIELDS)[number]): string | undefined {
  for (const part of text.split(",")) {
    const [range, step, extra] = part.split("/");
    if (extra !== undefined || range === undefined || range === "") return `bad ${field.name} '${text}'`;
    if (step !== undefined && !(/^\d+$/.test(step) && Number(step) > 0)) return `bad step in ${field.name} '${text}'`;
    if (range === "*") continue;
    const [lo, hi, more] = range.split("-");
    if (more !== undefined) return `bad ${field.name} '${text}'`;
    const low = value(lo ?? "", field);
    const high = hi === undefined ? low : value(hi, field);
    if (low === undefined || high === undefined) {
      return `${field.name} '${text}' is outside ${field.min}-${field.max}`;
    }
    if (low > high) return `${field.name} range '${range}' runs backwards`;
  }
  return undefined;
}

export function cronScheduleError(schedule: string): string | undefined {
  const trimmed = schedule.trim();
  if (trimmed.startsWith("@")) {
    return DESCRIPTORS.has(trimmed) ? undefined : `unknown descriptor '${trimmed}'`;
  }
  if (/^(CRON_)?TZ=/.test(trimmed)) return "time zones go in 'timeZone', not in the schedule";
  const parts = trimmed.split(/\s+/);
  if (parts.length !== 5) return `expected 5 fields (minute hour day-of-month month day-of-week), got ${parts.length}`;
  for (let i = 0; i < FIELDS.length; i++) {
    const error = checkField(parts[i]!, FIELDS[i]!);
    if (error) return error;
  }
  return undefined;
}

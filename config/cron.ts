/**
 * CronJob schedules, checked the way the API server checks them on create
 * (`validateScheduleFormat` in pkg/apis/batch/validation): robfig/cron v3's `ParseStandard`
 * (five fields or a descriptor, `@every <Go duration>` included; `?` is `*`; names of months and
 * days; a day of week is 0-6, so `7` is refused), and no `TZ`/`CRON_TZ` anywhere in the schedule
 * (the time zone goes in `timeZone`). A port of both, not a cron library: docs/configuration.md
 * says why. Returns `undefined` when valid, otherwise the parser's reason.
 */

interface Bounds {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: Readonly<Record<string, number>>;
}

const MONTHS = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
const DAYS = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

const FIELDS: readonly Bounds[] = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day of month", min: 1, max: 31 },
  { name: "month", min: 1, max: 12, names: MONTHS },
  { name: "day of week", min: 0, max: 6, names: DAYS },
];

const DESCRIPTORS = new Set(["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"]);
/** Go's `unicode.IsSpace`, which `strings.Fields` splits on. */
const GO_SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;
const MAX_INT64 = 2n ** 63n - 1n;

/** Go's `strconv.Atoi` followed by robfig's negative check. */
function parseInt64(expr: string): { value: bigint } | { error: string } {
  if (!/^[+-]?[0-9]+$/.test(expr)) return { error: `failed to parse int from ${expr}` };
  const value = BigInt(expr);
  if (value > MAX_INT64 || value < -MAX_INT64 - 1n) return { error: `failed to parse int from ${expr}: value out of range` };
  if (value < 0n) return { error: `negative number (${value}) not allowed: ${expr}` };
  return { value };
}

function parseIntOrName(expr: string, r: Bounds): { value: bigint } | { error: string } {
  const named = r.names?.[expr.toLowerCase()];
  return named !== undefined ? { value: BigInt(named) } : parseInt64(expr);
}

/** `getRange`: `*`, `?`, `n`, `n-m`, each with an optional `/step`. */
function rangeError(expr: string, r: Bounds): string | undefined {
  const rangeAndStep = expr.split("/");
  const lowAndHigh = rangeAndStep[0]!.split("-");
  let start: bigint;
  let end: bigint;
  if (lowAndHigh[0] === "*" || lowAndHigh[0] === "?") {
    start = BigInt(r.min);
    end = BigInt(r.max);
  } else {
    const low = parseIntOrName(lowAndHigh[0]!, r);
    if ("error" in low) return low.error;
    start = low.value;
    end = start;
    if (lowAndHigh.length === 2) {
      const high = parseIntOrName(lowAndHigh[1]!, r);
      if ("error" in high) return high.error;
      end = high.value;
    } else if (lowAndHigh.length > 2) {
      return `too many hyphens: ${expr}`;
    }
  }
  let step = 1n;
  if (rangeAndStep.length === 2) {
    const parsed = parseInt64(rangeAndStep[1]!);
    if ("error" in parsed) return parsed.error;
    step = parsed.value;
    if (lowAndHigh.length === 1) end = BigInt(r.max); // "n/step" means "n-max/step"
  } else if (rangeAndStep.length > 2) {
    return `too many slashes: ${expr}`;
  }
  if (start < BigInt(r.min)) return `beginning of range (${start}) below minimum (${r.min}): ${expr}`;
  if (end > BigInt(r.max)) return `end of range (${end}) above maximum (${r.max}): ${expr}`;
  if (start > end) return `beginning of range (${start}) beyond end of range (${end}): ${expr}`;
  if (step === 0n) return `step of range should be a positive number: ${expr}`;
  return undefined;
}

/** Go's `time.ParseDuration` (accept or refuse only). */
export function goDurationError(s: string): string | undefined {
  const invalid = `time: invalid duration "${s}"`;
  const limit = 1n << 63n;
  const units: Readonly<Record<string, bigint>> = { ns: 1n, us: 1000n, µs: 1000n, μs: 1000n, ms: 1000000n, s: 1000000000n, m: 60000000000n, h: 3600000000000n };
  let rest = s;
  let neg = false;
  if (rest[0] === "-" || rest[0] === "+") {
    neg = rest[0] === "-";
    rest = rest.slice(1);
  }
  if (rest === "0") return undefined;
  if (rest === "") return invalid;
  let total = 0n;
  while (rest !== "") {
    const m = /^([0-9]*)(?:\.([0-9]*))?/.exec(rest)!;
    if (!/^[0-9.]/.test(rest) || (m[1] === "" && (m[2] ?? "") === "")) return invalid;
    rest = rest.slice(m[0].length);
    const unitText = /^[^0-9.]*/.exec(rest)![0];
    if (unitText === "") return `time: missing unit in duration "${s}"`;
    rest = rest.slice(unitText.length);
    const unit = units[unitText];
    if (unit === undefined) return `time: unknown unit "${unitText}" in duration "${s}"`;
    const whole = BigInt(m[1] || "0");
    if (whole > limit || whole > limit / unit) return invalid;
    let v = whole * unit;
    const fraction = (m[2] ?? "").replace(/^(.{0,18}).*$/, "$1");
    if (fraction !== "" && BigInt(fraction) > 0n) v += (BigInt(fraction) * unit) / 10n ** BigInt(fraction.length);
    if (v > limit) return invalid;
    total += v;
    if (total > limit) return invalid;
  }
  return !neg && total > limit - 1n ? invalid : undefined;
}

/** robfig/cron v3 `ParseStandard` (accept or refuse, with its reason). */
export function parseStandardError(spec: string): string | undefined {
  if (spec.length === 0) return "empty spec string";
  let rest = spec;
  if (rest.startsWith("TZ=") || rest.startsWith("CRON_TZ=")) {
    const space = rest.indexOf(" ");
    if (space < 0) return "invalid schedule format: the time zone is not followed by a schedule";
    rest = rest.slice(space).trim();
  }
  if (rest.startsWith("@")) {
    if (DESCRIPTORS.has(rest)) return undefined;
    if (rest.startsWith("@every ")) {
      const error = goDurationError(rest.slice("@every ".length));
      return error === undefined ? undefined : `failed to parse duration ${rest}: ${error}`;
    }
    return `unrecognized descriptor: ${rest}`;
  }
  const fields = rest.split(GO_SPACE).filter((f) => f !== "");
  if (fields.length !== 5) return `expected exactly 5 fields, found ${fields.length}: [${fields.join(" ")}]`;
  for (let i = 0; i < FIELDS.length; i++) {
    for (const expr of fields[i]!.split(",").filter((e) => e !== "")) {
      const error = rangeError(expr, FIELDS[i]!);
      if (error !== undefined) return error;
    }
  }
  return undefined;
}

/** Why the API server would refuse `schedule` in a new CronJob, or `undefined`. */
export function cronScheduleError(schedule: string): string | undefined {
  if (schedule.includes("TZ")) return "cannot use TZ or CRON_TZ in schedule, use timeZone field instead";
  return parseStandardError(schedule);
}

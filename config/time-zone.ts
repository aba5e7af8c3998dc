/**
 * CronJob `timeZone`, checked as the API server does (`validateTimeZone` in
 * pkg/apis/batch/validation): IANA name components of letters, `.`, `-`, `_`, digits and `+`
 * (at most 14 characters, not `.`/`..`, not starting with `-`), not `Local`, and known to the
 * time zone database (here the one Node ships; names are case-sensitive as on the API server).
 */
const COMPONENT = /^[A-Za-z.\-_0-9+]{1,14}$/;

export function timeZoneError(zone: string): string | undefined {
  if (zone.length === 0) return "must be an IANA time zone such as 'Europe/Paris' (got an empty name)";
  for (const part of zone.split("/")) {
    if (part === "." || part === ".." || part.startsWith("-") || !COMPONENT.test(part)) return "must be an IANA time zone such as 'Europe/Paris'";
  }
  if (zone.toLowerCase() === "local") return "must be an explicit IANA time zone such as 'Europe/Paris', not 'Local'";
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return "must be an IANA time zone such as 'Europe/Paris' (unknown to the time zone database)";
  }
  if (resolved !== zone && resolved.toLowerCase() === zone.toLowerCase()) return `must be spelt '${resolved}' (time zone names are case-sensitive)`;
  return undefined;
}

/** The broker URL (`settings.values.BROKER_URL`) as the network policies need it. */

/** Port when `networkPolicy.broker.port` is not set and no plain `BROKER_URL` names one (Azure Cache for Redis, TLS). */
export const DEFAULT_BROKER_PORT = 6380;

/** Default ports of the URL schemes Celery accepts for a Redis or AMQP broker. */
const SCHEME_PORTS: Readonly<Record<string, number>> = { "redis:": 6379, "rediss:": 6379, "amqp:": 5672, "amqps:": 5671 };

/**
 * The TCP port a broker URL connects to: its explicit port, else its scheme's default; undefined
 * when the URL cannot be parsed or its scheme is unknown (then the configured port is used).
 */
export function brokerUrlPort(url: string | undefined): number | undefined {
  if (url === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.port !== "") return Number(parsed.port);
  return SCHEME_PORTS[parsed.protocol];
}

/**
 * The broker port the network policies allow: `networkPolicy.broker.port` when set, else the port
 * of a plain `BROKER_URL`, else {@link DEFAULT_BROKER_PORT}. (A `BROKER_URL` kept in
 * `settingsSecrets` is never read: set the port explicitly then.)
 */
export function brokerPort(configured: number | undefined, values: Readonly<Record<string, string>>): number {
  return configured ?? brokerUrlPort(values["BROKER_URL"]) ?? DEFAULT_BROKER_PORT;
}

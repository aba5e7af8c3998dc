/**
 * Knows when a program under Pulumi's mock runtime has finished: every request the SDK sends to
 * the (mock) resource monitor is tracked until its answer arrives, so `settle()` awaits exactly
 * what was registered, however deep the chain of applies that registers it, and however late the
 * mocks answer. No fixed number of event-loop turns, nothing that depends on machine speed.
 */
import * as pulumi from "@pulumi/pulumi";

/** Monitor methods that take `(request, callback)`: every call the SDK makes to the engine. */
const CALLS = [
  "registerResource",
  "registerResourceOutputs",
  "readResource",
  "invoke",
  "call",
  "supportsFeature",
  "registerPackage",
  "registerStackTransform",
  "registerStackInvokeTransform",
  "registerResourceHook",
  "registerErrorHook",
  "signalAndWaitForShutdown",
] as const;

type Callback = (...args: unknown[]) => unknown;
type Monitor = Record<string, ((req: unknown, cb: Callback) => unknown) | undefined>;

export interface MonitorTracker {
  /** Requests sent so far. */
  readonly sent: number;
  /** Requests sent whose answer has not arrived yet. */
  readonly pending: number;
  /**
   * Resolves once the program is quiescent: no request is awaiting its answer, and a whole
   * event-loop turn (which runs every queued promise reaction, so every apply whose inputs are
   * known) sent no new one.
   */
  settle(): Promise<void>;
}

/** Wraps the current monitor (call right after `setMocks`). */
export function trackMonitor(monitor: Monitor = pulumi.runtime.getMonitor() as unknown as Monitor): MonitorTracker {
  const inFlight = new Set<Promise<void>>();
  let sent = 0;
  for (const method of CALLS) {
    const original = monitor[method];
    if (typeof original !== "function") continue;
    monitor[method] = (req, cb) => {
      sent++;
      let answered!: () => void;
      const answer = new Promise<void>((r) => (answered = r));
      inFlight.add(answer);
      void answer.then(() => inFlight.delete(answer));
      try {
        return original.call(monitor, req, (...args: unknown[]) => {
          answered();
          return cb(...args);
        });
      } catch (err) {
        answered();
        throw err;
      }
    };
  }
  return {
    get sent() {
      return sent;
    },
    get pending() {
      return inFlight.size;
    },
    async settle() {
      for (;;) {
        const before = sent;
        while (inFlight.size > 0) await Promise.all([...inFlight]);
        await new Promise((r) => setImmediate(r));
        if (sent === before && inFlight.size === 0) return;
      }
    },
  };
}

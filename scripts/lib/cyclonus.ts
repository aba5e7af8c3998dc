/**
 * Evaluates traffic against NetworkPolicies with cyclonus (`analyze --mode query-traffic`), a
 * real policy engine built from the Go module proxy (`scripts/toolchain.sh linters`): the same
 * semantics a CNI that enforces NetworkPolicy applies, offline.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { stringify } from "yaml";
import { TOOLCHAIN_BIN } from "./engine";

/** One end of a connection: a pod (namespace + labels) and/or an IP. */
export interface Peer {
  readonly ip: string;
  readonly pod?: { readonly namespace: string; readonly namespaceLabels: Readonly<Record<string, string>>; readonly labels: Readonly<Record<string, string>> };
}

export interface Traffic {
  readonly from: Peer;
  readonly to: Peer;
  readonly protocol: "TCP" | "UDP";
  readonly port: number;
}

function peer(p: Peer): Record<string, unknown> {
  return {
    IP: p.ip,
    ...(p.pod ? { Internal: { PodLabels: p.pod.labels, NamespaceLabels: p.pod.namespaceLabels, Namespace: p.pod.namespace } } : {}),
  };
}

/**
 * Whether each traffic is allowed by `policies` (NetworkPolicy objects), in order. Throws when
 * cyclonus does not answer once per traffic.
 */
export function allowed(policies: readonly Record<string, unknown>[], traffic: readonly Traffic[]): boolean[] {
  const work = mkdtempSync(path.join(tmpdir(), "cyclonus-"));
  const dir = path.join(work, "policies"); // cyclonus reads every file under it as a policy
  try {
    mkdirSync(dir);
    policies.forEach((p, i) => writeFileSync(path.join(dir, `policy-${i}.yaml`), stringify(p)));
    const trafficFile = path.join(work, "traffic.json");
    writeFileSync(
      trafficFile,
      JSON.stringify(traffic.map((t) => ({ Source: peer(t.from), Destination: peer(t.to), Protocol: t.protocol, ResolvedPort: t.port }))),
    );
    const out = execFileSync(
      path.join(TOOLCHAIN_BIN, "cyclonus"),
      ["analyze", "--mode", "query-traffic", "--policy-path", dir, "--traffic-path", trafficFile],
      {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
        maxBuffer: 64 << 20,
      },
    );
    const answers = [...out.matchAll(/\|\s*IS ALLOWED\?\s*\|\s*(TRUE|FALSE)\s*\|/g)].map((m) => m[1] === "TRUE");
    if (answers.length !== traffic.length) throw new Error(`cyclonus answered ${answers.length} times for ${traffic.length} traffic queries:\n${out}`);
    return answers;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

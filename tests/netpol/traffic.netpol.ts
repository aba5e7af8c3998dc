/**
 * The traffic matrix of every rendered stack, evaluated by a real NetworkPolicy engine (cyclonus)
 * against the NetworkPolicies the program renders: the local cluster enforces none, so this is
 * where "the gateway reaches the API, nobody else does" is proven. Run by `npm run lint:k8s`
 * after its render (env PULSE_LINT_OUT, default out/lint).
 *
 * Expected flows come from each stack's *config* (the ALB subnet, the broker URL, the Azure and
 * exporter ranges), never from the rendered policies, so a policy that drifts from the config fails.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { parse } from "yaml";
import { brokerPort } from "../../config/broker";
import { validateConfig, type StackConfig } from "../../config";
import { namespaceInput, readStackConfig } from "../../program/stack-files";
import { allowed, type Peer, type Traffic } from "../../scripts/lib/cyclonus";
import { ROOT } from "../../scripts/lib/engine";

type Obj = Record<string, any>;
const OUT = process.env["PULSE_LINT_OUT"] ?? path.join(ROOT, "out", "lint");
const STACK_FILES: Readonly<Record<string, string>> = {
  dev: "Pulumi.dev.yaml",
  prod: "Pulumi.prod.yaml",
  local: "Pulumi.local.yaml",
  "lint-all-features": "tests/fixtures/Pulumi.lint-all-features.yaml",
};

/** An address inside a CIDR (its 5th address), so it is covered by the range and by nothing narrower by accident. */
function inside(cidr: string): string {
  const [base] = cidr.split("/");
  const parts = base!.split(".").map(Number);
  parts[3] = (parts[3]! + 5) % 256;
  return parts.join(".");
}

interface Flow {
  readonly name: string;
  readonly traffic: Traffic;
  readonly allow: boolean;
}

/** Every flow that must be allowed or denied in a stack, from its config and its workloads. */
function flows(cfg: StackConfig, objects: readonly Obj[]): Flow[] {
  const nsLabels = (name: string): Record<string, string> => ({
    ...(objects.find((o) => o["kind"] === "Namespace" && o["metadata"].name === name)?.["metadata"].labels ?? {}),
    "kubernetes.io/metadata.name": name,
  });
  const podOf = (kind: string, ns: string, ip: string, name?: string): Peer => {
    const w = objects.find((o) => o["kind"] === kind && o["metadata"].namespace === ns && (name === undefined || o["metadata"].name === name));
    assert.ok(w, `${kind} in ${ns}`);
    const template = kind === "CronJob" ? w["spec"].jobTemplate.spec.template : w["spec"].template;
    return { ip, pod: { namespace: ns, namespaceLabels: nsLabels(ns), labels: template.metadata.labels } };
  };
  const np = cfg.networkPolicy;
  const workersNs = `${cfg.namespaces.workersPrefix}-${cfg.workers.color}`;
  const api = podOf("Deployment", cfg.namespaces.apps, "10.244.1.10", "api");
  const worker = podOf("Deployment", workersNs, "10.244.2.10");
  const exporter = cfg.exporter.enabled ? podOf("CronJob", cfg.namespaces.exporter, "10.244.3.10") : undefined;
  const dns: Peer = {
    ip: "10.244.0.10",
    pod: { namespace: "kube-system", namespaceLabels: { "kubernetes.io/metadata.name": "kube-system" }, labels: { "k8s-app": "kube-dns" } },
  };
  const gateway: Peer = { ip: inside(np.gatewayCidrs[0]!) };
  const broker: Peer = { ip: inside(np.broker.cidrs[0]!) };
  const port = brokerPort(np.broker.port, cfg.settings.values);
  const entra: Peer = { ip: np.azureCidrs[0] === "0.0.0.0/0" ? "20.190.160.20" : inside(np.azureCidrs[0]!) };
  const intruder: Peer = {
    ip: "10.244.9.9",
    pod: { namespace: "intruder", namespaceLabels: { "kubernetes.io/metadata.name": "intruder" }, labels: { app: "intruder" } },
  };
  const internet: Peer = { ip: "198.51.100.7" };
  const tcp = (from: Peer, to: Peer, p: number): Traffic => ({ from, to, protocol: "TCP", port: p });
  const pods: Array<[string, Peer]> = [["api", api], ["worker", worker], ...(exporter ? [["exporter", exporter] as [string, Peer]] : [])];
  return [
    { name: "ALB subnet -> API execution port", traffic: tcp(gateway, api, cfg.api.execution.port), allow: true },
    { name: "ALB subnet -> API management port", traffic: tcp(gateway, api, cfg.api.management.port), allow: true },
    ...pods.flatMap(([n, p]): Flow[] => [
      { name: `${n} -> cluster DNS (UDP 53)`, traffic: { from: p, to: dns, protocol: "UDP", port: 53 }, allow: true },
      { name: `${n} -> cluster DNS (TCP 53)`, traffic: tcp(p, dns, 53), allow: true },
      { name: `${n} -> Entra ID / App Configuration (443)`, traffic: tcp(p, entra, 443), allow: true },
    ]),
    { name: `API -> broker (${port})`, traffic: tcp(api, broker, port), allow: true },
    { name: `workers -> broker (${port})`, traffic: tcp(worker, broker, port), allow: true },
    ...(exporter
      ? np.exporterEgress.map((e): Flow => ({
          name: `exporter -> DataHub ${e.cidr}:${e.port}`,
          traffic: tcp(exporter, { ip: inside(e.cidr) }, e.port),
          allow: true,
        }))
      : []),
    { name: "another namespace's pod -> API", traffic: tcp(intruder, api, cfg.api.execution.port), allow: false },
    { name: "ALB subnet -> workers", traffic: tcp(gateway, worker, 8080), allow: false },
    { name: "workers -> the internet (80)", traffic: tcp(worker, internet, 80), allow: false },
    { name: "API -> broker on another port", traffic: tcp(api, broker, port === 6379 ? 6380 : 6379), allow: false },
    ...(exporter ? [{ name: "API -> exporter", traffic: tcp(api, exporter, 8080), allow: false }] : []),
  ];
}

const stacks = existsSync(OUT) ? readdirSync(OUT).filter((s) => STACK_FILES[s] !== undefined && existsSync(path.join(OUT, s, "kubernetes"))) : [];

void describe("the traffic matrix of every rendered stack (cyclonus)", () => {
  void it("has rendered stacks to evaluate", () =>
    assert.ok(stacks.length >= 4, `render the stacks first (npm run lint:k8s); found ${stacks.join(", ") || "none"} in ${OUT}`));
  for (const stack of stacks) {
    void it(`${stack}: allows exactly the flows the workloads need`, () => {
      const cfg = validateConfig(namespaceInput(readStackConfig(ROOT, path.join(ROOT, STACK_FILES[stack]!))));
      const dir = path.join(OUT, stack, "kubernetes");
      const objects = readdirSync(dir).map((f) => parse(readFileSync(path.join(dir, f), "utf8")) as Obj);
      if (!cfg.networkPolicy.enabled) return;
      const expected = flows(cfg, objects);
      const answers = allowed(
        objects.filter((o) => o["kind"] === "NetworkPolicy"),
        expected.map((f) => f.traffic),
      );
      const wrong = expected.filter((f, i) => answers[i] !== f.allow).map((f) => `${f.name}: expected ${f.allow ? "allowed" : "denied"}`);
      assert.deepEqual(wrong, []);
    });
  }
});

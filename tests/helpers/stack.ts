/**
 * Whole-program harness: runs the program under mocks with a stack file's configuration.
 * `runStack` goes through index.ts, which runs the program when first loaded: once per test
 * file. `runVariant` runs it as often as needed.
 */
import * as path from "node:path";
import { runUnderMocks, type MockRunResult, type RecordedResource } from "../../program/mock-runtime";
import { readStackConfig } from "../../program/stack-files";

export const ROOT = path.resolve(__dirname, "../..");

/** Runs the program for `Pulumi.<stack>.yaml`, with optional raw overrides (full keys). */
export async function runStack(stack: string, overrides: Record<string, string> = {}): Promise<MockRunResult> {
  const file = readStackConfig(ROOT, path.join(ROOT, `Pulumi.${stack}.yaml`));
  return runUnderMocks({
    project: file.project,
    stack,
    config: { ...file.config, ...overrides },
    secretKeys: file.secretKeys,
    load: () => import("../../index"),
  });
}

/** The Kubernetes object of `kind` named `name` (optionally in `namespace`). */
export function k8sObject(result: MockRunResult, kind: string, name: string, namespace?: string): Record<string, any> {
  const found = result.resources.filter(
    (r) => r.inputs["kind"] === kind && r.inputs["metadata"]?.name === name && (namespace === undefined || r.inputs["metadata"]?.namespace === namespace),
  );
  if (found.length !== 1) throw new Error(`expected one ${kind} ${namespace ?? "*"}/${name}, found ${found.length}`);
  return found[0]!.inputs;
}

/** `type::name` of every registered resource, sorted: the URN contract. */
export function urnContract(resources: readonly RecordedResource[]): string[] {
  return resources.map((r) => `${r.type}::${r.name}`).sort();
}

/**
 * The full URN the engine gives each resource, parent chain included
 * (`urn:pulumi:<stack>::<project>::<ancestor types $-joined>$<type>::<name>`), sorted. The mock
 * monitor's own URNs qualify only the direct parent's type, so the chain is rebuilt from the
 * recorded parents.
 */
export function fullUrns(resources: readonly RecordedResource[]): string[] {
  return [...fullUrnsByResource(resources).keys()].sort();
}

/** Each resource by its full URN (see {@link fullUrns}). */
export function fullUrnsByResource(resources: readonly RecordedResource[]): Map<string, RecordedResource> {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  return new Map(
    resources.map((r) => {
      const types = [r.type];
      for (let p = byUrn.get(r.parent); p !== undefined; p = byUrn.get(p.parent)) if (p.type !== "pulumi:pulumi:Stack") types.unshift(p.type);
      const [prefix, project] = r.urn.split("::");
      return [`${prefix}::${project}::${types.join("$")}::${r.name}`, r] as const;
    }),
  );
}

/**
 * Runs the program for `Pulumi.<stack>.yaml` with config blocks replaced (`pulse-os:<key>`), as
 * often as a test file needs: `pulseOs()` (what index.ts exports) under a new mock monitor and
 * config in the same module registry, the way the Automation API runs an inline program. A fresh
 * copy of the SDK per run cost more module loading than the run itself; tests/mock-runtime.test.ts
 * proves both give the same result.
 */
export async function runVariant(stack: string, overrides: Record<string, unknown>): Promise<MockRunResult> {
  const raw = Object.fromEntries(Object.entries(overrides).map(([k, v]) => [`pulse-os:${k}`, typeof v === "string" ? v : JSON.stringify(v)]));
  const file = readStackConfig(ROOT, path.join(ROOT, `Pulumi.${stack}.yaml`));
  return runUnderMocks({
    project: file.project,
    stack,
    config: { ...file.config, ...raw },
    secretKeys: file.secretKeys,
    load: async () => (await import("../../program/main")).pulseOs() as unknown as Record<string, unknown>,
  });
}

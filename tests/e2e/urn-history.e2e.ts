/**
 * A stack deployed before KubernetesWorkloads was split into tiers is updated in place by the
 * real engine: every moved resource is found again through its alias, nothing is replaced, and
 * every cluster object keeps its identity (uid).
 *
 * The engine computes inherited aliases itself (from alias specs), so this is the proof that the
 * aliases the unit suite checks (tests/urns.test.ts) work where it matters. The "before" state is
 * made from a fresh `up` by replaying the committed moves (tests/fixtures/urns/before-tiers/
 * local.moves.json) backwards: each moved resource gets its former URN and parent, and the tier
 * components, which did not exist then, are removed.
 *
 * Run: npm run test:e2e -- tests/e2e/urn-history.e2e.ts
 */
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { EngineStack, kubectlJson, objectKey, type Obj } from "./lib/harness";

const ROOT = path.resolve(__dirname, "../..");
const TIERS = new Set(["pulse-os:kubernetes:ApiTier", "pulse-os:kubernetes:WorkerColor", "pulse-os:kubernetes:ExporterTier"]);

/** The committed moves (new URN -> former URN), for a stack named `stack`. */
function moves(stack: string): Map<string, string> {
  const raw = JSON.parse(readFileSync(path.join(ROOT, "tests/fixtures/urns/before-tiers/local.moves.json"), "utf8")) as Record<string, string>;
  const rename = (urn: string) => urn.replace(/^urn:pulumi:local::/, `urn:pulumi:${stack}::`);
  return new Map(Object.entries(raw).map(([to, from]) => [rename(to), rename(from)]));
}

/** Rewrites a deployment as it looked before the tiers. */
function beforeTiers(deployment: Obj, moved: Map<string, string>): Obj {
  const resources = deployment["resources"] as Obj[];
  const tiers = new Map(resources.filter((r) => TIERS.has(r["type"])).map((r) => [r["urn"] as string, r["parent"] as string]));
  const urn = (u: string): string => moved.get(u) ?? u;
  const parent = (u: string | undefined): string | undefined => (u === undefined ? u : urn(tiers.get(u) ?? u));
  const deps = (list: string[] | undefined) => (list ?? []).filter((d) => !tiers.has(d)).map(urn);
  return {
    ...deployment,
    resources: resources
      .filter((r) => !tiers.has(r["urn"]))
      .map((r) => ({
        ...r,
        urn: urn(r["urn"]),
        ...(r["parent"] !== undefined ? { parent: parent(r["parent"]) } : {}),
        dependencies: deps(r["dependencies"]),
        ...(r["propertyDependencies"]
          ? { propertyDependencies: Object.fromEntries(Object.entries(r["propertyDependencies"] as Record<string, string[]>).map(([k, v]) => [k, deps(v)])) }
          : {}),
      })),
  };
}

/** uid of every object the program manages, by `Kind/namespace/name`. */
function uids(state: Obj): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of state["resources"] as Obj[]) {
    const o = r["outputs"] ?? {};
    if (!String(r["type"]).startsWith("kubernetes:") || o["kind"] === undefined) continue;
    const ns = o["metadata"]["namespace"];
    const live = kubectlJson([
      "get",
      `${o["kind"]}.${String(o["apiVersion"]).split("/")[0]}`.replace(/\.v1$/, ""),
      o["metadata"]["name"],
      ...(ns ? ["-n", ns] : []),
    ]);
    out.set(objectKey(o), live["metadata"]["uid"]);
  }
  return out;
}

void describe("a stack deployed before the tiers", { concurrency: false }, () => {
  const s = new EngineStack("urns");
  before(() => s.open());
  after(() => s.dispose());

  void it("is updated in place: every moved resource is found through its alias, nothing is replaced, no object is recreated", async () => {
    assert.equal((await s.up()).summary.result, "succeeded");
    const current = (await s.stack.exportStack()).deployment as Obj;
    const before = uids(current);
    const moved = moves(s.name);
    const currentUrns = new Set((current["resources"] as Obj[]).map((r) => r["urn"] as string));
    assert.deepEqual(
      [...moved.keys()].filter((u) => !currentUrns.has(u)),
      [],
      "every committed move names a resource of the real state",
    );

    const exported = await s.stack.exportStack();
    await s.stack.importStack({ ...exported, deployment: beforeTiers(current, moved) });
    const old = (await s.stack.exportStack()).deployment as Obj;
    assert.ok(
      (old["resources"] as Obj[]).every((r) => !TIERS.has(r["type"])),
      "the rewritten state has no tier components",
    );

    const tiers = (current["resources"] as Obj[]).filter((r) => TIERS.has(r["type"])).length;
    const p = await s.preview({ diff: true });
    assert.deepEqual(
      {
        create: p.changeSummary["create"] ?? 0,
        delete: p.changeSummary["delete"] ?? 0,
        replace: p.changeSummary["replace"] ?? 0,
        update: p.changeSummary["update"] ?? 0,
      },
      { create: tiers, delete: 0, replace: 0, update: 0 },
      `only the ${tiers} tier components are new: ${JSON.stringify(p.changeSummary)}\n${p.stdout}`,
    );

    const u = await s.up();
    assert.equal(u.summary.result, "succeeded");
    const after = (await s.stack.exportStack()).deployment as Obj;
    assert.deepEqual(
      (after["resources"] as Obj[]).map((r) => r["urn"] as string).sort(),
      [...currentUrns].sort(),
      "the state holds the new URNs, and only them",
    );
    assert.deepEqual(uids(after), before, "every cluster object kept its uid");
  });
});

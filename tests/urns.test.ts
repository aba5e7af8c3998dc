/**
 * Every URN of dev, prod and local, parent chain included, against the committed lists in
 * tests/fixtures/urns/. A URN change replaces the resource (delete + create): a refactor that moves
 * or renames one must add an alias, and this test fails until it does. Regenerate a list only for
 * an intended change: UPDATE_URNS=1 npx jest tests/urns.test.ts
 *
 * tests/fixtures/urns/before-tiers/ holds the URNs from before KubernetesWorkloads was split into
 * tiers; each of them must still reach exactly one resource (as its URN or one of its aliases), so
 * a stack deployed before the split is updated in place, not replaced.
 */
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import type { RecordedResource } from "../program/mock-runtime";
import { fullUrnsByResource, ROOT, runVariant } from "./helpers/stack";

const fixture = (...parts: string[]) => path.join(ROOT, "tests", "fixtures", "urns", ...parts);
const readList = (file: string): string[] => JSON.parse(readFileSync(file, "utf8")) as string[];

describe.each(["dev", "prod", "local"])("the URNs of the %s stack", (stack) => {
  let byUrn: Map<string, RecordedResource>;
  beforeAll(async () => {
    byUrn = fullUrnsByResource((await runVariant(stack, {})).resources);
  });

  it("are exactly the committed ones, parent chain included", () => {
    const urns = [...byUrn.keys()].sort();
    if (process.env["UPDATE_URNS"] === "1") writeFileSync(fixture(`${stack}.json`), `${JSON.stringify(urns, null, 2)}\n`);
    expect(urns).toEqual(readList(fixture(`${stack}.json`)));
    expect(urns.every((u) => u.startsWith(`urn:pulumi:${stack}::pulse-os::`))).toBe(true);
  });

  it("still reach, one resource each, every URN the stack had before the tiers (by URN or alias)", () => {
    const unmatched: string[] = [];
    const ambiguous: string[] = [];
    const moves: Record<string, string> = {};
    for (const former of readList(fixture("before-tiers", `${stack}.json`))) {
      const owners = [...byUrn].filter(([urn, r]) => urn === former || r.aliases.includes(former));
      if (owners.length === 0) unmatched.push(former);
      if (owners.length > 1) ambiguous.push(former);
      if (owners.length === 1 && owners[0]![0] !== former) moves[owners[0]![0]] = former;
    }
    expect({ unmatched, ambiguous }).toEqual({ unmatched: [], ambiguous: [] });
    // The e2e suite replays these moves on a real state (tests/e2e/urn-history.e2e.ts).
    const movesFile = fixture("before-tiers", `${stack}.moves.json`);
    const sorted = Object.fromEntries(Object.entries(moves).sort(([a], [b]) => a.localeCompare(b)));
    if (process.env["UPDATE_URNS"] === "1") writeFileSync(movesFile, `${JSON.stringify(sorted, null, 2)}\n`);
    expect(sorted).toEqual(JSON.parse(readFileSync(movesFile, "utf8")));
  });

  it("alias no former URN that another resource still has (an alias must never steal a live resource)", () => {
    const live = new Set(byUrn.keys());
    const stolen = [...byUrn.values()].flatMap((r) => r.aliases.filter((a) => live.has(a)));
    expect(stolen).toEqual([]);
  });
});

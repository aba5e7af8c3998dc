/**
 * Every URN of dev, prod and local, parent chain included, against the committed lists in
 * tests/fixtures/urns/. A URN change replaces the resource (delete + create): a refactor that moves
 * or renames one must add an alias, and this test fails until it does. Regenerate a list only for
 * an intended change: UPDATE_URNS=1 npx jest tests/urns.test.ts
 */
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { fullUrns, ROOT, runVariant } from "./helpers/stack";

describe.each(["dev", "prod", "local"])("the URNs of the %s stack", (stack) => {
  it("are exactly the committed ones, parent chain included", async () => {
    const urns = fullUrns((await runVariant(stack, {})).resources);
    const file = path.join(ROOT, "tests", "fixtures", "urns", `${stack}.json`);
    if (process.env["UPDATE_URNS"] === "1") writeFileSync(file, `${JSON.stringify(urns, null, 2)}\n`);
    expect(urns).toEqual(JSON.parse(readFileSync(file, "utf8")));
    expect(urns.every((u) => u.startsWith(`urn:pulumi:${stack}::pulse-os::`))).toBe(true);
  });
});

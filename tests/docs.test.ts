import { readFileSync } from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { CONFIG_KEYS, SECRET_CONFIG_KEYS, stackConfigSchema } from "../config";
import { ROOT } from "./helpers/stack";

type Def = { type?: string; innerType?: unknown; in?: unknown; shape?: Record<string, unknown> };
const def = (s: unknown): Def | undefined => (s as { _zod?: { def?: Def } })._zod?.def;

/** Dotted paths of every leaf field of the schema (records count as leaves). */
function paths(schema: unknown, prefix = ""): string[] {
  let current = schema;
  for (let d = def(current); d && (d.innerType !== undefined || (d.type === "pipe" && d.in !== undefined)); d = def(current)) {
    current = d.innerType ?? d.in;
  }
  const d = def(current);
  if (d?.type !== "object" || !d.shape) return prefix ? [prefix] : [];
  return Object.entries(d.shape).flatMap(([k, v]) => paths(v, prefix ? `${prefix}.${k}` : k));
}

describe("configuration documentation", () => {
  const doc = readFileSync(path.join(ROOT, "docs/configuration.md"), "utf8");

  it("documents every key of the schema", () => {
    const documented = new Set([...doc.matchAll(/^\| `([\w.*]+)` \|/gm)].map((m) => m[1]));
    const missing = paths(stackConfigSchema).filter((p) => {
      if (documented.has(p)) return false;
      // Probe timings and resources are documented as one row each.
      // A row for an ancestor (e.g. `api.autoscaling`, `workers.resources`) documents its fields.
      const parts = p.split(".");
      for (let i = parts.length - 1; i > 0; i--) if (documented.has(parts.slice(0, i).join("."))) return false;
      if (p.startsWith("azure.identities.") && p.split(".").length === 4) return !documented.has(`azure.identities.*.${p.split(".")[3]}`);
      return true;
    });
    expect(missing).toEqual([]);
  });

  it("declares every top-level key in Pulumi.yaml, secrets included, and nothing else", () => {
    const project = parse(readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8")) as { config: Record<string, { type: string; description: string }> };
    expect(Object.keys(project.config).sort()).toEqual([...CONFIG_KEYS, ...SECRET_CONFIG_KEYS].sort());
    for (const [key, spec] of Object.entries(project.config)) {
      expect([key, spec.type]).toEqual([key, key === "runAsUser" ? "integer" : "object"]);
      expect(spec.description.length).toBeGreaterThan(20);
    }
  });
});

import { readdirSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import { CONTRACT_VERSION, OPTIONAL_OUTPUT_NAMES, OUTPUT_NAMES, outputsJsonSchema, outputsJsonSchemaText, parsePulseOsOutputs } from "@pulse-os/stack-contract";
import type { MockRunResult } from "../program/mock-runtime";
import { readStackConfig } from "../program/stack-files";
import { ROOT, runVariant } from "./helpers/stack";

const PACKAGE = path.join(ROOT, "packages/contract");
const SCHEMA_FILE = path.join(PACKAGE, "schema/outputs.schema.json");

/** The outputs with a value: what the engine writes (it omits undefined ones). */
const written = (r: MockRunResult) => Object.fromEntries(Object.entries(r.outputs).filter(([, v]) => v !== undefined));

/** A config block of Pulumi.dev.yaml, parsed. */
function devBlock(key: string): Record<string, unknown> {
  return JSON.parse(readStackConfig(ROOT, path.join(ROOT, "Pulumi.dev.yaml")).config[`pulse-os:${key}`]!) as Record<string, unknown>;
}

let dev: MockRunResult;
let cutover: MockRunResult;
beforeAll(async () => {
  dev = await runVariant("dev", {});
  cutover = await runVariant("dev", {
    workers: { ...devBlock("workers"), color: "green", drainingColor: "blue" },
    exporter: { ...devBlock("exporter"), enabled: false },
  });
});

describe("the stack outputs", () => {
  it("pass the contract package's own check and hold no name outside it", () => {
    expect(parsePulseOsOutputs(written(dev), "dev")).toEqual(written(dev));
    expect(parsePulseOsOutputs(written(cutover), "cutover")).toEqual(written(cutover));
    expect(Object.keys(dev.outputs).sort()).toEqual([...OUTPUT_NAMES].sort());
  });

  it("hold the values a consumer needs", () => {
    expect(written(dev)).toMatchObject({
      contractVersion: 2,
      appsNamespace: "apps",
      workersNamespace: "workers-blue",
      exporterNamespace: "exporter",
      exporterEnabled: true,
      activeWorkerColor: "blue",
      executionApiUrl: "https://api.dev.pulse-os.example.com/execution",
      managementApiUrl: "https://api.dev.pulse-os.example.com/management",
      brokerQueue: "requests",
      imageReference: "pulseosdev.azurecr.io/pulseos:2026.11.2",
      appConfigurationEndpoint: "https://appcs-pulse-os-dev.azconfig.io",
    });
    expect(written(dev)).not.toHaveProperty("drainingWorkerColor");
    expect(written(dev)).not.toHaveProperty("drainingWorkersNamespace");
  });

  it("omit the exporter outputs when the exporter is disabled and name the draining colour during a cutover", () => {
    const out = written(cutover);
    expect(out).toMatchObject({
      exporterEnabled: false,
      activeWorkerColor: "green",
      workersNamespace: "workers-green",
      drainingWorkerColor: "blue",
      drainingWorkersNamespace: "workers-blue",
    });
    expect(out).not.toHaveProperty("exporterNamespace");
    expect(Object.keys(out).filter((k) => k.startsWith("exporterIdentity"))).toEqual([]);
    expect(Object.entries(out).filter(([, v]) => v === "")).toEqual([]);
  });

  it("contain no secret (judged on the raw exports: resolving an Output drops its secretness)", () => {
    expect(dev.secretOutputs).toEqual([]);
  });
});

describe("the contract package", () => {
  it("has the contract major as its package major", () => {
    const pkg = JSON.parse(readFileSync(path.join(PACKAGE, "package.json"), "utf8")) as { version: string };
    expect(pkg.version.split(".")[0]).toBe(String(CONTRACT_VERSION));
  });

  it("is loaded from a dist/ built after its last source change (rebuild: npm --prefix packages/contract run build)", () => {
    const mtimes = (dir: string, ext: string) =>
      readdirSync(path.join(PACKAGE, dir))
        .filter((f) => f.endsWith(ext))
        .map((f) => statSync(path.join(PACKAGE, dir, f)).mtimeMs);
    expect(Math.min(...mtimes("dist", ".js"))).toBeGreaterThanOrEqual(Math.max(...mtimes("src", ".ts")));
  });

  it("commits the JSON Schema generated from its zod schema (regenerate: npm --prefix packages/contract run schema)", () => {
    expect(readFileSync(SCHEMA_FILE, "utf8")).toBe(outputsJsonSchemaText());
  });

  it("documents every output in docs/outputs.md with the schema's type and presence", () => {
    const schema = outputsJsonSchema() as { properties: Record<string, { type: string }>; required: string[] };
    const expected = OUTPUT_NAMES.map((k) => [k, schema.properties[k]!.type, schema.required.includes(k) ? "always" : "optional"]).sort((a, b) =>
      a[0]!.localeCompare(b[0]!),
    );
    const doc = readFileSync(path.join(ROOT, "docs/outputs.md"), "utf8");
    const rows = [...doc.matchAll(/^\| `(\w+)` \| `(\w+)` \| (\w+) \|/gm)].map((m) => [m[1], m[2], m[3]]).sort((a, b) => a[0]!.localeCompare(b[0]!));
    expect(rows).toEqual(expected);
    expect(OPTIONAL_OUTPUT_NAMES).toEqual(OUTPUT_NAMES.filter((k) => !schema.required.includes(k)));
  });
});

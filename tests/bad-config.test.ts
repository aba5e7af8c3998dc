import { mkdtempSync, existsSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { stringify } from "yaml";
import { ConfigValidationError, validateConfig } from "../config";
import { renderOne } from "../scripts/render";
import { BAD_CONFIGS, BASE } from "./bad-config.cases";

function input(patch: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...BASE, ...patch };
  for (const key of Object.keys(merged)) if (merged[key] === undefined) delete merged[key];
  return merged;
}

function problemsOf(config: Record<string, unknown>): ConfigValidationError {
  try {
    validateConfig(config);
  } catch (err) {
    return err as ConfigValidationError;
  }
  throw new Error("configuration was accepted");
}

describe("a catalogue of bad stack configurations", () => {
  it("has at least 30 cases, each with a distinct name", () => {
    expect(BAD_CONFIGS.length).toBeGreaterThanOrEqual(30);
    expect(new Set(BAD_CONFIGS.map((c) => c.name)).size).toBe(BAD_CONFIGS.length);
  });

  it("starts from a configuration that is valid", () => {
    expect(() => validateConfig(input({}))).not.toThrow();
  });

  it.each(BAD_CONFIGS.map((c) => [c.name, c] as const))("%s: every problem at once, naming key, value and rule, no stack trace", (_name, c) => {
    const error = problemsOf(input(c.patch));
    expect(error).toBeInstanceOf(ConfigValidationError);
    expect(error).toBeInstanceOf(pulumi.RunError);
    expect(error.problems).toEqual(c.expected);
    for (const problem of error.problems) expect(problem).toMatch(/^pulse-os:[A-Za-z.0-9_-]*(\["[^"]*"\][A-Za-z.0-9_-]*)*: /);
    expect(error.message).not.toMatch(/\n\s+at /);
  });
});

describe("the offline render with a bad stack file", () => {
  it("exits 2, prints every problem of the stack and writes nothing", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "pulse-os-bad-"));
    const c = BAD_CONFIGS.find((b) => b.name === "two pools on one queue")!;
    const file = path.join(dir, "Pulumi.bad.yaml");
    const bad = { ...input(c.patch), image: { registry: "myacr.azurecr.io", tag: "latest" } };
    writeFileSync(file, stringify({ config: Object.fromEntries(Object.entries(bad).map(([k, v]) => [`pulse-os:${k}`, v])) }));
    const out = path.join(dir, "out");
    const stderr = jest.spyOn(process.stderr, "write").mockImplementation(() => true);
    const code = await renderOne({ stack: "bad", file }, out);
    const printed = stderr.mock.calls.map((call) => String(call[0])).join("");
    stderr.mockRestore();
    expect(code).toBe(2);
    expect(printed).toBe(
      "render bad: Invalid stack configuration (2 problems):\n" +
        "  - pulse-os:image.tag: must not be 'latest': pin a version so every rollout is reproducible (got \"latest\")\n" +
        `  - ${c.expected[0]}\n`,
    );
    expect(existsSync(path.join(out, "bad"))).toBe(false);
  });
});

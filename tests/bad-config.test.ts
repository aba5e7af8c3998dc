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

describe("a catalogue of bad stack configurations", () => {
  it("has at least 30 cases, each with a distinct name", () => {
    expect(BAD_CONFIGS.length).toBeGreaterThanOrEqual(30);
    expect(new Set(BAD_CONFIGS.map((c) => c.name)).size).toBe(BAD_CONFIGS.length);
  });

  it("starts from a configuration that is valid", () => {
    expect(() => validateConfig(input({}))).not.toThrow();
  });

  it.each(BAD_CONFIGS.map((c) => [c.name, c] as const))("%s: every problem at once, naming key, value and rule, no stack trace", (_name, c) => {
    let error: unknown;
    try {
      validateConfig(input(c.patch));
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigValidationError);
    expect(error).toBeInstanceOf(pulumi.RunError);
    expect((error as ConfigValidationError).problems).toEqual(c.expected);
    for (const problem of (error as ConfigValidationError).problems) expect(problem).toMatch(/^pulse-os:[A-Za-z.0-9_-]*(\["[^"]*"\][A-Za-z.0-9_-]*)*: /);
    expect((error as Error).message).not.toMatch(/\n\s+at /);
  });
});

describe("the offline render with a bad stack file", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "pulse-os-bad-"));
  const write = (name: string, patch: Record<string, unknown>) => {
    const config = Object.fromEntries(Object.entries(input(patch)).map(([k, v]) => [`pulse-os:${k}`, v]));
    const file = path.join(dir, `Pulumi.${name}.yaml`);
    writeFileSync(file, stringify({ config }));
    return file;
  };

  it.each(BAD_CONFIGS.map((c, i) => [c.name, i] as const))("%s: exits 2 and writes nothing", async (_name, i) => {
    const c = BAD_CONFIGS[i]!;
    const stack = `bad${i}`;
    const out = path.join(dir, "out");
    const stderr = jest.spyOn(process.stderr, "write").mockImplementation(() => true);
    const code = await renderOne({ stack, file: write(stack, c.patch) }, out);
    const printed = stderr.mock.calls.map((call) => String(call[0])).join("");
    stderr.mockRestore();
    expect(code).toBe(2);
    for (const problem of c.expected) expect(printed).toContain(problem);
    expect(existsSync(path.join(out, stack))).toBe(false);
  });
});

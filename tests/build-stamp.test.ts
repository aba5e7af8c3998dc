/**
 * `pulumi` runs the compiled bin/index.js; a bin/ older than the sources must stop the run with
 * one clear message instead of deploying yesterday's program. Each test works on a copy of the
 * program's sources in a temporary project, stamped as `npm run build` stamps it.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, appendFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { RunError } from "@pulumi/pulumi";
import { assertFreshBuild, guardCompiledProgram, SOURCE_ROOTS } from "../program/build-stamp";
import { writeBuildStamp } from "../scripts/write-build-stamp";

const ROOT = path.resolve(__dirname, "..");
const STALE = "the compiled program in bin/ is older than the sources: run 'npm run build' first";

/** A project with the program's sources and a freshly stamped bin/. */
function stampedProject(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "build-stamp-"));
  for (const root of SOURCE_ROOTS) cpSync(path.join(ROOT, root), path.join(dir, root), { recursive: true });
  mkdirSync(path.join(dir, "bin"));
  writeBuildStamp(dir);
  return dir;
}

describe("the build stamp", () => {
  it("lets a freshly built bin/ run", () => {
    const dir = stampedProject();
    expect(existsSync(path.join(dir, "bin/build-stamp.json"))).toBe(true);
    expect(() => assertFreshBuild(path.join(dir, "bin"), dir)).not.toThrow();
    expect(() => guardCompiledProgram(path.join(dir, "bin/index.js"))).not.toThrow();
  });

  it("refuses a bin/ whose sources changed, were added to or removed since the build, with the exact message", () => {
    const changed = stampedProject();
    appendFileSync(path.join(changed, "program/main.ts"), "\n// edited after the build\n");
    expect(() => assertFreshBuild(path.join(changed, "bin"), changed)).toThrow(STALE);

    const added = stampedProject();
    writeFileSync(path.join(added, "program/new-module.ts"), "export const x = 1;\n");
    expect(() => assertFreshBuild(path.join(added, "bin"), added)).toThrow(STALE);

    const removed = stampedProject();
    rmSync(path.join(removed, "program/build-stamp.ts"));
    expect(() => assertFreshBuild(path.join(removed, "bin"), removed)).toThrow(STALE);
  });

  it("refuses a bin/ without a stamp", () => {
    const dir = stampedProject();
    rmSync(path.join(dir, "bin/build-stamp.json"));
    expect(() => assertFreshBuild(path.join(dir, "bin"), dir)).toThrow(STALE);
  });

  it("stops the compiled program with a RunError (a message, no stack trace), and never checks when run from the sources", () => {
    const dir = stampedProject();
    appendFileSync(path.join(dir, "index.ts"), "\n");
    let thrown: unknown;
    try {
      guardCompiledProgram(path.join(dir, "bin/index.js"));
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(RunError);
    expect((thrown as Error).message).toBe(STALE);
    expect(() => guardCompiledProgram(path.join(dir, "index.ts"))).not.toThrow();
  });
});

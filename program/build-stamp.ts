/**
 * Guards the precompiled program against running stale. `npm run build` writes
 * `bin/build-stamp.json` with a hash of every source file the program is compiled from; when the
 * program runs from `bin/` (as `pulumi` does, see Pulumi.yaml), it recomputes the hash and refuses
 * to run if a source changed since the build. Hashing the sources takes about 0.6 ms (docs/performance.md).
 */
import { RunError } from "@pulumi/pulumi";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";

/** Source roots of the program, relative to the project directory. */
export const SOURCE_ROOTS = ["index.ts", "components", "config", "program"] as const;

function sources(projectDir: string): string[] {
  const files: string[] = [];
  const walk = (rel: string) => {
    const abs = path.join(projectDir, rel);
    if (!existsSync(abs)) return;
    if (rel.endsWith(".ts")) {
      files.push(rel);
      return;
    }
    for (const entry of readdirSync(abs, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(path.join(rel, entry.name));
      else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) files.push(path.join(rel, entry.name));
    }
  };
  for (const root of SOURCE_ROOTS) walk(root);
  return files.sort();
}

/** Hash of the program's sources (names and contents). */
export function sourceHash(projectDir: string): string {
  const hash = createHash("sha256");
  for (const file of sources(projectDir))
    hash
      .update(file)
      .update("\0")
      .update(readFileSync(path.join(projectDir, file)))
      .update("\0");
  return hash.digest("hex");
}

/** Throws when `compiledDir/build-stamp.json` does not match the sources in `projectDir`. */
export function assertFreshBuild(compiledDir: string, projectDir: string): void {
  const stampFile = path.join(compiledDir, "build-stamp.json");
  const stamp = existsSync(stampFile) ? (JSON.parse(readFileSync(stampFile, "utf8")) as { sourceHash?: string }) : {};
  if (stamp.sourceHash !== sourceHash(projectDir)) {
    throw new Error(`the compiled program in ${path.relative(projectDir, compiledDir) || "."}/ is older than the sources: run 'npm run build' first`);
  }
}

/**
 * Call from the program's entry point with its `__filename`: when it is the compiled
 * `bin/index.js`, a stale build stops the run with a clean message (no stack trace).
 */
export function guardCompiledProgram(entryFile: string): void {
  if (!entryFile.endsWith(".js")) return;
  const compiledDir = path.dirname(entryFile);
  try {
    assertFreshBuild(compiledDir, path.resolve(compiledDir, ".."));
  } catch (err) {
    throw new RunError((err as Error).message);
  }
}

/** Writes bin/build-stamp.json after `tsc -p tsconfig.build.json` (see program/build-stamp.ts). */
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { sourceHash } from "../program/build-stamp";

/** Writes `<projectDir>/bin/build-stamp.json` for the sources in `projectDir`; returns its path. */
export function writeBuildStamp(projectDir: string): string {
  const file = path.join(projectDir, "bin", "build-stamp.json");
  writeFileSync(file, `${JSON.stringify({ sourceHash: sourceHash(projectDir) }, null, 2)}\n`);
  return file;
}

if (require.main === module) {
  writeBuildStamp(path.resolve(__dirname, ".."));
  process.stdout.write("bin/build-stamp.json written\n");
}

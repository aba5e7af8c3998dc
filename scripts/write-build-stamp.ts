/** Writes bin/build-stamp.json after `tsc -p tsconfig.build.json` (see program/build-stamp.ts). */
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { sourceHash } from "../program/build-stamp";

const root = path.resolve(__dirname, "..");
writeFileSync(path.join(root, "bin", "build-stamp.json"), `${JSON.stringify({ sourceHash: sourceHash(root) }, null, 2)}\n`);
process.stdout.write("bin/build-stamp.json written\n");

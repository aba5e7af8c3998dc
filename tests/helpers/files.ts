import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";

/** Every file under `dir`: relative path -> contents. */
export function tree(dir: string, prefix = ""): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
    const rel = path.join(prefix, entry.name);
    if (entry.isDirectory()) for (const [k, v] of tree(dir, rel)) files.set(k, v);
    else files.set(rel, readFileSync(path.join(dir, rel), "utf8"));
  }
  return files;
}

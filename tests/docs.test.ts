import { readFileSync } from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { CONFIG_KEYS, SECRET_CONFIG_KEYS } from "../config";
import { configurationDoc, projectFile, ROOT } from "../scripts/gen-config-docs";

const read = (file: string) => readFileSync(path.join(ROOT, file), "utf8");

describe("configuration documentation, generated from the schema", () => {
  it.each([
    ["docs/configuration.md", configurationDoc],
    ["Pulumi.yaml", projectFile],
  ] as const)("%s is what the schema generates (else: run npm run gen:config)", (file, generate) => {
    const current = read(file);
    if (generate(current) !== current) throw new Error(`${file} is out of date with config/: run npm run gen:config`);
  });

  it("declares every top-level key in Pulumi.yaml, secrets included, and nothing else", () => {
    const project = parse(read("Pulumi.yaml")) as { config: Record<string, { type: string; description: string }> };
    expect(Object.keys(project.config)).toEqual([...CONFIG_KEYS, ...SECRET_CONFIG_KEYS]);
  });

  it("notices a hand edit of the generated part", () => {
    const doc = read("docs/configuration.md");
    const edited = doc.replace("| `runAsUser` | integer | `1000` |", "| `runAsUser` | integer | `1001` |");
    expect(edited).not.toBe(doc);
    expect(configurationDoc(edited)).toBe(doc);
  });
});

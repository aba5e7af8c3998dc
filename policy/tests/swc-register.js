/**
 * `node -r ./swc-register.js file.ts`: transpile-only TypeScript through @swc/core, like
 * `ts-node/register/transpile-only` but about twice as fast (no TypeScript compiler to load), which
 * keeps the rendered-stack test well under the time budget. Used only to run the parent program's
 * `scripts/render.ts` from tests/stacks.test.ts.
 */
const { readFileSync } = require("node:fs");
const { transformSync } = require("@swc/core");

require.extensions[".ts"] = function compileTypeScript(module, filename) {
  const { code } = transformSync(readFileSync(filename, "utf8"), {
    filename,
    jsc: { parser: { syntax: "typescript" }, target: "es2022" },
    module: { type: "commonjs" },
    sourceMaps: "inline",
  });
  module._compile(code, filename);
};

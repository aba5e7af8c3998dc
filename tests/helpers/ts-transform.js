/**
 * Jest transformer for the unit tests: TypeScript to CommonJS with `ts.transpileModule`, file by
 * file, no type-check (`npm test` runs tsc over the whole project once). Jest caches the output
 * on disk under the key below, so a warm run never loads the compiler. Hand-written because
 * ts-jest builds a language service per worker even with diagnostics off, and the fast native
 * transformers ship per-platform optional binaries that not every npm mirror carries.
 */
const { createHash } = require("node:crypto");
const { readFileSync } = require("node:fs");
const path = require("node:path");

const TSCONFIG = path.join(__dirname, "../../tsconfig.json");
const KEY = createHash("sha256")
  .update(readFileSync(__filename))
  .update(readFileSync(TSCONFIG))
  .update(require("typescript/package.json").version)
  .digest("hex");

let compilerOptions;
function options() {
  if (compilerOptions !== undefined) return compilerOptions;
  const ts = require("typescript");
  const { config, error } = ts.parseConfigFileTextToJson(TSCONFIG, readFileSync(TSCONFIG, "utf8"));
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, "\n"));
  const { options: parsed, errors } = ts.convertCompilerOptionsFromJson(config.compilerOptions, path.dirname(TSCONFIG));
  if (errors.length > 0) throw new Error(errors.map((e) => ts.flattenDiagnosticMessageText(e.messageText, "\n")).join("\n"));
  compilerOptions = {
    ...parsed,
    module: ts.ModuleKind.CommonJS,
    sourceMap: true,
    inlineSourceMap: false,
    inlineSources: true,
    declaration: false,
    noEmit: false,
  };
  return compilerOptions;
}

module.exports = {
  getCacheKey(source, filename) {
    return createHash("sha256").update(KEY).update(filename).update("\0").update(source).digest("hex");
  },
  process(source, filename) {
    const ts = require("typescript");
    const out = ts.transpileModule(source, { fileName: filename, compilerOptions: options(), reportDiagnostics: false });
    // Stack traces name the source file itself (tsconfig's outDir would make the path relative to bin/).
    const map = { ...JSON.parse(out.sourceMapText), file: filename, sources: [filename], sourceRoot: "" };
    return { code: out.outputText.replace(/\n\/\/# sourceMappingURL=.*\s*$/, "\n"), map };
  },
};

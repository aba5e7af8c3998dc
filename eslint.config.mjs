// ESLint (flat config): typescript-eslint's type-aware recommended rules on every TypeScript file
// of the program, its scripts and tests, the policy pack and the contract package. Formatting is
// Prettier's job (eslint-config-prettier turns off the rules that would fight it).
// `npm run lint` runs ESLint with --max-warnings 0 and `prettier --check`.
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    // Build outputs and installed packages only; every hand-written file is linted.
    ignores: ["**/node_modules/**", "bin/**", "out/**", "**/dist/**", "policy/bin/**", "examples/consumer/build/**", "coverage/**"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Unused names fail tsc already (noUnusedLocals/noUnusedParameters); `_`-prefixed are intended.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
    },
  },
  {
    // The hand-written JavaScript (jest configs and transformer, the lazy-loading shims, the contract's
    // schema writer) is CommonJS for Node: no type information, and require is its import.
    files: ["**/*.js", "**/*.cjs"],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: {
      sourceType: "commonjs",
      globals: { __dirname: "readonly", __filename: "readonly", process: "readonly", console: "readonly", Buffer: "readonly" },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    files: ["**/*.mjs"],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    // Tests read untyped JSON/YAML (rendered manifests, stack exports, engine events) and the mock
    // runtime's resource records, whose inputs are `any` by the SDK's own types. Narrowing each
    // property before asserting on it would only restate the assertion: `expect(...)` on the value
    // is the check. So the no-unsafe-* family and no-explicit-any are off in tests only; every other
    // rule (floating promises, require-await, ...) stays on there too.
    files: ["tests/**/*.ts", "policy/tests/**/*.ts"],
    rules: {
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/no-explicit-any": "off",
    },
  },
  {
    // The benchmark child measures CommonJS loading: it requires a file list given at run time and,
    // after that floor, the project by path, so that the floor loads nothing of the project.
    files: ["scripts/bench/eval-child.ts"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  prettier,
);

// ESLint (flat config): typescript-eslint's type-aware recommended rules on every TypeScript file
// of the program, its scripts and tests, the policy pack and the contract package. Formatting is
// Prettier's job (eslint-config-prettier turns off the rules that would fight it).
// `npm run lint` runs ESLint with --max-warnings 0 and `prettier --check`.
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: ["**/node_modules/**", "bin/**", "out/**", "**/dist/**", "policy/bin/**", "examples/**/node_modules/**", "**/*.js", "**/*.mjs", "**/*.cjs"],
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
  prettier,
);

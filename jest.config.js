/**
 * Unit tests run transpile-only (tests/helpers/ts-transform.js: `ts.transpileModule`, cached by
 * jest); `npm test` type-checks the whole project once with tsc before running them. The Pulumi
 * SDK's function-serialization dependencies load on first use only (tests/helpers/lazy/).
 * docs/testing.md has the measurements behind these settings.
 */
/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      displayName: "unit",
      testEnvironment: "node",
      transform: { "^.+\\.ts$": "<rootDir>/tests/helpers/ts-transform.js" },
      moduleNameMapper: {
        "^\\.\\./\\.\\./typescript-shim$": "<rootDir>/tests/helpers/lazy/typescript-shim.js",
        "^@npmcli/arborist$": "<rootDir>/tests/helpers/lazy/arborist.js",
      },
      roots: ["<rootDir>/tests"],
      testMatch: ["**/*.test.ts"],
      testPathIgnorePatterns: ["/node_modules/", "<rootDir>/tests/e2e/"],
    },
  ],
};

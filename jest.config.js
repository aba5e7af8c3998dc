/**
 * Unit tests run transpile-only (tests/helpers/ts-transform.js: `ts.transpileModule`, cached by
 * jest); `npm test` type-checks the whole project once with tsc before running them. The Pulumi
 * SDK's function-serialization dependencies load on first use only (tests/helpers/lazy/), and its
 * per-promise stack traces skip jest's source mapping (tests/helpers/setup-stack-traces.js).
 * No test may depend on machine speed: the timeout only catches a hang, never a slow machine.
 * docs/testing.md has the measurements behind these settings.
 */
/** @type {import('jest').Config} */
module.exports = {
  // Two workers on two cores: jest's default (cores - 1) would run every file in one process.
  maxWorkers: 2,
  testTimeout: 600_000,
  projects: [
    {
      displayName: "unit",
      testEnvironment: "node",
      setupFilesAfterEnv: ["<rootDir>/tests/helpers/setup-stack-traces.js"],
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

/**
 * Unit tests run transpile-only (ts-jest with isolatedModules: no type-check per file);
 * `npm test` type-checks the whole project once with tsc before running them.
 * (ts-jest rather than @swc/jest: SWC's per-platform binaries are optional packages that not
 * every npm registry mirror carries, which breaks `npm ci`.)
 */
/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      displayName: "unit",
      testEnvironment: "node",
      transform: { "^.+\\.ts$": ["ts-jest", { diagnostics: false }] },
      roots: ["<rootDir>/tests"],
      testMatch: ["**/*.test.ts"],
      testPathIgnorePatterns: ["/node_modules/", "<rootDir>/tests/e2e/"],
    },
  ],
};

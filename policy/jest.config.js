/**
 * Policy unit tests run transpile-only (SWC); `npm run typecheck` type-checks with tsc.
 * `tests/stacks.test.ts` renders the dev and prod stacks of the parent program first (~4 s).
 */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  transform: { "^.+\\.ts$": ["@swc/jest", { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "commonjs" } }] },
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.test.ts"],
  testTimeout: 30000,
};

/**
 * Policy unit tests run transpile-only (SWC); `npm run typecheck` type-checks with tsc.
 * `tests/stacks.test.ts` first renders the dev and prod stacks of the parent program (two child
 * processes); at least two workers let the other suites run meanwhile, even on a 2-CPU machine.
 */
const { availableParallelism } = require("node:os");

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  transform: { "^.+\\.ts$": ["@swc/jest", { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "commonjs" } }] },
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.test.ts"],
  maxWorkers: Math.max(2, availableParallelism() - 1),
};

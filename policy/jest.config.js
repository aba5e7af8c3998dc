/**
 * Policy unit tests run transpile-only (ts-jest; tsconfig.json has isolatedModules, so each file is
 * transpiled on its own without type-checking); `npm run typecheck` type-checks with tsc.
 * ts-jest rather than @swc/jest: SWC's per-platform binaries are optional packages that not every
 * npm registry mirror carries, which breaks `npm ci`. (The root project uses its own cached
 * `ts.transpileModule` transformer, tests/helpers/ts-transform.js, for speed.)
 * `tests/stacks.test.ts` first renders the dev and prod stacks of the parent program (two child
 * processes); at least two workers let the other suites run meanwhile, even on a 2-CPU machine.
 */
const { availableParallelism } = require("node:os");

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  transform: { "^.+\\.ts$": ["ts-jest", { diagnostics: false }] },
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.test.ts"],
  maxWorkers: Math.max(2, availableParallelism() - 1),
};

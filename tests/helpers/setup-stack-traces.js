/**
 * Jest setup (after its source-map support is installed). The Pulumi SDK records a stack trace for
 * every promise it creates (runtime/debuggable.js; shown only for leaked promises with
 * PULUMI_DEBUG_PROMISE_LEAKS set). Jest source-maps every such trace frame by frame, which cost a
 * third of each program run. Those traces skip the mapping; every other error keeps it.
 */
const { sep } = require("node:path");

const DEBUGGABLE = `${sep}@pulumi${sep}pulumi${sep}runtime${sep}debuggable.js`;
const mapped = Error.prepareStackTrace;
if (typeof mapped === "function" && !process.env["PULUMI_DEBUG_PROMISE_LEAKS"]) {
  Error.prepareStackTrace = (error, frames) =>
    frames[0]?.getFileName()?.endsWith(DEBUGGABLE) ? "(promise trace not recorded in unit tests; set PULUMI_DEBUG_PROMISE_LEAKS)" : mapped(error, frames);
}

/** `@pulumi/pulumi/typescript-shim`, loaded on first use (see lazy.js). */
const { createRequire } = require("node:module");
const lazy = require("./lazy");

// Node's own resolver: jest's would map the name back onto this file.
const sdk = createRequire(__filename).resolve("@pulumi/pulumi");
module.exports = lazy(() => require(createRequire(sdk).resolve("./typescript-shim")));

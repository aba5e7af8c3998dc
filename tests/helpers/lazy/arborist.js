/** `@npmcli/arborist`, loaded on first use (see lazy.js); the SDK imports it with `__importStar`. */
const { createRequire } = require("node:module");
const lazy = require("./lazy");

// Node's own resolver, from where the SDK requires it: jest's would map the name back onto this file.
const sdk = createRequire(__filename).resolve("@pulumi/pulumi");
module.exports = lazy(() => require(createRequire(sdk).resolve("@npmcli/arborist")), { esModule: true });

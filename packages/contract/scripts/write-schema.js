// Writes schema/outputs.schema.json from the built zod schema (run `npm run schema`).
const { writeFileSync } = require("node:fs");
const path = require("node:path");
const { outputsJsonSchemaText } = require("../dist");

const file = path.join(__dirname, "..", "schema", "outputs.schema.json");
writeFileSync(file, outputsJsonSchemaText());
console.log(`wrote ${path.relative(process.cwd(), file)}`);

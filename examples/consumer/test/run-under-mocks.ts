/**
 * Runs this program under Pulumi's mocks, its StackReference answering with the producer
 * outputs in a JSON file (default: test/producer-outputs.json), and prints the program's exports
 * as JSON. A producer the contract refuses stops it with exit code 1 and the reader's message.
 *
 *   npm test                                  # build, then run with the sample outputs
 *   node build/test/run-under-mocks.js other-outputs.json
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";

const file = process.argv[2] ?? path.join(__dirname, "..", "..", "test", "producer-outputs.json");
const producer = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;

process.on("unhandledRejection", (err) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});

async function main(): Promise<void> {
  pulumi.runtime.setAllConfig({ "pulse-os-consumer:producerStack": "organization/pulse-os/dev" });
  await pulumi.runtime.setMocks(
    {
      newResource: (a) => {
        const inputs = a.inputs as Record<string, unknown>;
        if (a.type !== "pulumi:pulumi:StackReference") return { id: `${a.name}-id`, state: inputs };
        const name = inputs["name"];
        if (typeof name !== "string") throw new Error("a StackReference without a name");
        return { id: name, state: { name, outputs: producer, secretOutputNames: [] } };
      },
      call: () => ({}),
    },
    "pulse-os-consumer",
    "dev",
  );
  // The program is loaded after the mocks, as Pulumi's unit-testing guide requires.
  const program = (await import("../index")) as Record<string, unknown>;
  const resolved: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(program)) {
    if (pulumi.Output.isInstance(value)) resolved[name] = await new Promise((r) => value.apply(r));
  }
  console.log(JSON.stringify(resolved, null, 2));
}

void main();

/**
 * The JSON Schema of the outputs, generated from the zod schema (`schema/outputs.schema.json`
 * is this function's result, committed; a test fails when they differ).
 */
import { z } from "zod";
import { pulseOsOutputsSchema } from "./outputs";

/**
 * JSON Schema (draft 2020-12) of the outputs. Generated for *input* so that it does not forbid
 * additional properties: an output added in a later minor must not fail an older validator.
 */
export function outputsJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(pulseOsOutputsSchema, { io: "input" });
}

/** The committed file's exact text: two-space JSON and a final newline. */
export function outputsJsonSchemaText(): string {
  return `${JSON.stringify(outputsJsonSchema(), null, 2)}\n`;
}

export { CONTRACT_VERSION, OPTIONAL_OUTPUT_NAMES, OUTPUT_NAMES, pulseOsOutputsSchema, type OutputName, type PulseOsOutputs } from "./outputs";
export { ContractVersionError, ContractViolationError, parsePulseOsOutputs, readPulseOsOutputs, type StackReferenceLike } from "./read";
export { outputsJsonSchema, outputsJsonSchemaText } from "./json-schema";

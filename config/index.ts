export { ConfigValidationError } from "./errors";
export { CONFIG_NAMESPACE, loadConfig, validateConfig, type ProgramConfig } from "./load";
export { CONFIG_KEYS, SECRET_CONFIG_KEYS, stackConfigSchema, type StackConfig, type StackConfigInput } from "./schema";

export { ConfigValidationError } from "./errors";
export { CONFIG_NAMESPACE, loadConfig, validateConfig, type ProgramConfig, type SecretLookup, type ValidateOptions } from "./load";
export { CONFIG_KEYS, SECRET_CONFIG_KEYS, stackConfigSchema, type StackConfig, type StackConfigInput, type WorkerPool } from "./schema";
export { engineSecretLookup, stackFileSecretLookup } from "./secrets";

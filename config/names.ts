/**
 * Azure names the naming scheme derives from the stack name (components/lib/naming.ts), checked
 * against Azure's rules before anything is created: a stack name that breaks one would fail
 * half-way through the first `up`.
 */
import { azureName } from "../components/lib/naming";
import type { StackConfig } from "./schema";

/** App Configuration store names: 5-50 letters, digits and '-', starting and ending with a letter or digit. */
const STORE_NAME = /^[a-z0-9][a-z0-9-]{3,48}[a-z0-9]$/;
/** User-assigned identity names: 3-128 letters, digits, '-' and '_', starting with a letter or digit. */
const IDENTITY_NAME = /^[a-z0-9][a-z0-9_-]{2,127}$/;
const WORKLOADS = ["apps", "workers", "exporter"] as const;

export function azureNameProblems(namespace: string, stack: string, cfg: StackConfig): string[] {
  if (cfg.azure.mode !== "managed") return [];
  const problems: string[] = [];
  if (cfg.appConfiguration.mode === "create" && cfg.appConfiguration.storeName === undefined) {
    const name = azureName("appcs", stack);
    if (!STORE_NAME.test(name)) {
      problems.push(
        `${namespace}:appConfiguration.storeName: is required for stack '${stack}': the default store name '${name}' is not a valid App Configuration name (5-50 letters, digits or '-'); set one`,
      );
    }
  }
  const bad = WORKLOADS.map((kind) => azureName("id", stack, kind)).filter((name) => !IDENTITY_NAME.test(name));
  if (bad.length > 0) {
    problems.push(
      `${namespace}:azure: stack name '${stack}' makes identity names Azure refuses (${bad.join(", ")}: 3-128 letters, digits, '-' or '_'); use a stack name of letters, digits and '-'`,
    );
  }
  return problems;
}

/**
 * The output contract as a type other programs can compile against (see
 * examples/consumer). Names and types here must match docs/outputs.md; tests/outputs.test.ts
 * guards both.
 */
export const OUTPUT_CONTRACT = {
  contractVersion: "number",
  appsNamespace: "string",
  workersNamespace: "string",
  exporterNamespace: "string",
  exporterEnabled: "boolean",
  activeWorkerColor: "string",
  executionApiUrl: "string",
  managementApiUrl: "string",
  appsIdentityClientId: "string",
  appsIdentityPrincipalId: "string",
  workersIdentityClientId: "string",
  workersIdentityPrincipalId: "string",
  exporterIdentityClientId: "string",
  exporterIdentityPrincipalId: "string",
  appConfigurationEndpoint: "string",
  brokerQueue: "string",
  imageReference: "string",
} as const;

export type OutputName = keyof typeof OUTPUT_CONTRACT;

type TypeOf<T> = T extends "string" ? string : T extends "number" ? number : T extends "boolean" ? boolean : never;

/** The value type of every output. */
export type PulseOsOutputs = { readonly [K in OutputName]: TypeOf<(typeof OUTPUT_CONTRACT)[K]> };

/**
 * Pulse-OS on AKS, the entry point of `pulumi up` with the CLI (Pulumi.yaml runs the compiled
 * bin/index.js). The program itself is `pulseOs()` in program/main.ts; this file only guards
 * against a stale build and exports its outputs (docs/outputs.md).
 */
import { guardCompiledProgram } from "./program/build-stamp";
import { pulseOs } from "./program/main";

guardCompiledProgram(__filename); // refuse a bin/ older than the sources

export const {
  contractVersion,
  appsNamespace,
  workersNamespace,
  exporterNamespace,
  exporterEnabled,
  activeWorkerColor,
  drainingWorkerColor,
  drainingWorkersNamespace,
  executionApiUrl,
  managementApiUrl,
  appsIdentityClientId,
  appsIdentityPrincipalId,
  workersIdentityClientId,
  workersIdentityPrincipalId,
  exporterIdentityClientId,
  exporterIdentityPrincipalId,
  appConfigurationEndpoint,
  brokerQueue,
  imageReference,
} = pulseOs();

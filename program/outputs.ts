/**
 * The stack outputs: a flat contract other teams read through StackReference
 * (documented in docs/outputs.md, guarded by tests/outputs.test.ts). Add names; never change
 * the type of an existing one.
 */
import * as pulumi from "@pulumi/pulumi";
import type { AzureSide } from "../components/azure-platform";
import type { KubernetesWorkloads } from "../components/kubernetes-workloads";
import { API_SURFACES } from "../components/lib/constants";
import type { Topology } from "../components/lib/topology";
import type { StackConfig } from "../config";
import { imageReference } from "./args";
import type { OutputName, PulseOsOutputs } from "./contract";

/** Bumped only when an output is removed or changes meaning. */
export const CONTRACT_VERSION = 1;

export interface StackOutputs {
  /** Version of this output contract. */
  readonly contractVersion: number;
  readonly appsNamespace: pulumi.Output<string>;
  /** `workers-<color>`. */
  readonly workersNamespace: pulumi.Output<string>;
  /** The configured exporter namespace ("" when the exporter is disabled). */
  readonly exporterNamespace: pulumi.Output<string>;
  readonly exporterEnabled: boolean;
  /** `blue` or `green`. */
  readonly activeWorkerColor: string;
  readonly executionApiUrl: string;
  readonly managementApiUrl: string;
  readonly appsIdentityClientId: pulumi.Output<string>;
  readonly appsIdentityPrincipalId: pulumi.Output<string>;
  readonly workersIdentityClientId: pulumi.Output<string>;
  readonly workersIdentityPrincipalId: pulumi.Output<string>;
  /** "" when the exporter is disabled. */
  readonly exporterIdentityClientId: pulumi.Output<string>;
  /** "" when the exporter is disabled. */
  readonly exporterIdentityPrincipalId: pulumi.Output<string>;
  readonly appConfigurationEndpoint: pulumi.Output<string>;
  readonly brokerQueue: string;
  readonly imageReference: string;
}

/** Compile-time check: every contract name is produced, with the contract's type. */
type Produces<T extends { readonly [K in OutputName]: pulumi.Input<PulseOsOutputs[K]> }> = T;
export type CheckedStackOutputs = Produces<StackOutputs>;

export function stackOutputs(cfg: StackConfig, topo: Topology, azure: AzureSide, workloads: KubernetesWorkloads): StackOutputs {
  const host = cfg.routing.hostnames[0]!;
  const empty = pulumi.output("");
  return {
    contractVersion: CONTRACT_VERSION,
    appsNamespace: workloads.appsNamespace,
    workersNamespace: workloads.workersNamespace,
    exporterNamespace: workloads.exporterNamespace ?? empty,
    exporterEnabled: topo.exporter !== undefined,
    activeWorkerColor: cfg.workers.color,
    executionApiUrl: `https://${host}${API_SURFACES.execution.pathPrefix}`,
    managementApiUrl: `https://${host}${API_SURFACES.management.pathPrefix}`,
    appsIdentityClientId: azure.identities.apps!.clientId,
    appsIdentityPrincipalId: azure.identities.apps!.principalId,
    workersIdentityClientId: azure.identities.workers!.clientId,
    workersIdentityPrincipalId: azure.identities.workers!.principalId,
    exporterIdentityClientId: azure.identities.exporter?.clientId ?? empty,
    exporterIdentityPrincipalId: azure.identities.exporter?.principalId ?? empty,
    appConfigurationEndpoint: azure.appConfigurationEndpoint,
    brokerQueue: cfg.workers.queue,
    imageReference: imageReference(cfg.image),
  };
}

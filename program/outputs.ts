/**
 * The stack outputs: the contract of `@pulse-os/stack-contract` (packages/contract), read by
 * other teams through StackReference and documented in docs/outputs.md. An output without a
 * value is omitted, never "" (tests/outputs.test.ts checks the real outputs against the
 * contract's own schema).
 */
import * as pulumi from "@pulumi/pulumi";
import type { AzureSide } from "../components/azure-platform";
import type { KubernetesWorkloads } from "../components/kubernetes-workloads";
import { API_SURFACES } from "../components/lib/constants";
import type { Topology } from "../components/lib/topology";
import type { StackConfig } from "../config";
import { imageReference } from "./args";
import { CONTRACT_VERSION, type ContractExports } from "./contract";

type Color = "blue" | "green";

export interface StackOutputs {
  /** Major version of the output contract (= the package's major). */
  readonly contractVersion: typeof CONTRACT_VERSION;
  readonly appsNamespace: pulumi.Output<string>;
  /** `workers-<color>`. */
  readonly workersNamespace: pulumi.Output<string>;
  readonly activeWorkerColor: Color;
  /** Only during a blue/green cutover. */
  readonly drainingWorkerColor: Color | undefined;
  /** Only during a blue/green cutover. */
  readonly drainingWorkersNamespace: string | undefined;
  readonly exporterEnabled: boolean;
  /** Only when the exporter is enabled. */
  readonly exporterNamespace: pulumi.Output<string> | undefined;
  readonly executionApiUrl: string;
  readonly managementApiUrl: string;
  readonly appsIdentityClientId: pulumi.Output<string>;
  /** Omitted when unknown (external identities without one). */
  readonly appsIdentityPrincipalId: pulumi.Output<string | undefined>;
  readonly workersIdentityClientId: pulumi.Output<string>;
  readonly workersIdentityPrincipalId: pulumi.Output<string | undefined>;
  /** Only when the exporter is enabled. */
  readonly exporterIdentityClientId: pulumi.Output<string> | undefined;
  readonly exporterIdentityPrincipalId: pulumi.Output<string | undefined> | undefined;
  readonly appConfigurationEndpoint: pulumi.Output<string>;
  readonly brokerQueue: string;
  readonly imageReference: string;
}

/** Compile-time check: every contract name is produced, with the contract's type, and nothing else. */
type Exactly<T extends ContractExports & { readonly [K in Exclude<keyof T, keyof ContractExports>]: never }> = T;
export type CheckedStackOutputs = Exactly<StackOutputs>;

/**
 * An identity's principal ID, or undefined (omitted) when unknown: the Azure side of external
 * identities carries "" for a principal ID the config does not give.
 */
function principalId(id: pulumi.Output<string>): pulumi.Output<string | undefined> {
  return id.apply((v) => (v === "" ? undefined : v));
}

export function stackOutputs(cfg: StackConfig, topo: Topology, azure: AzureSide, workloads: KubernetesWorkloads): StackOutputs {
  const host = cfg.routing.hostnames[0]!;
  const exporter = azure.identities.exporter;
  return {
    contractVersion: CONTRACT_VERSION,
    appsNamespace: workloads.appsNamespace,
    workersNamespace: workloads.workersNamespace,
    activeWorkerColor: cfg.workers.color,
    drainingWorkerColor: cfg.workers.drainingColor,
    drainingWorkersNamespace: topo.drainingWorkers?.namespace,
    exporterEnabled: topo.exporter !== undefined,
    exporterNamespace: workloads.exporterNamespace,
    executionApiUrl: `https://${host}${API_SURFACES.execution.pathPrefix}`,
    managementApiUrl: `https://${host}${API_SURFACES.management.pathPrefix}`,
    appsIdentityClientId: azure.identities.apps.clientId,
    appsIdentityPrincipalId: principalId(azure.identities.apps.principalId),
    workersIdentityClientId: azure.identities.workers.clientId,
    workersIdentityPrincipalId: principalId(azure.identities.workers.principalId),
    exporterIdentityClientId: exporter?.clientId,
    exporterIdentityPrincipalId: exporter === undefined ? undefined : principalId(exporter.principalId),
    appConfigurationEndpoint: azure.appConfigurationEndpoint,
    brokerQueue: cfg.workers.queue,
    imageReference: imageReference(cfg.image),
  };
}

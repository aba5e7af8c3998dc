/**
 * Component-level test harness: installs Pulumi mocks once per test file and records every
 * registered resource. Import this module before any component.
 */
import * as pulumi from "@pulumi/pulumi";
import type { RecordedResource } from "../../program/mock-runtime";
import { trackMonitor } from "../../program/monitor-tracker";

/** What a component registered (URN and dependencies are not needed at this level). */
export const recorded: Pick<RecordedResource, "type" | "name" | "inputs" | "custom">[] = [];
/** Provider functions called, with their inputs. */
export const invoked: { token: string; inputs: Record<string, any> }[] = [];

/** The user kubeconfig AKS returns (its login is device code, rewritten by components/lib/kubeconfig.ts). */
export const AKS_USER_KUBECONFIG = `apiVersion: v1
kind: Config
clusters:
  - name: aks
    cluster: { server: "https://aks.hcp.westeurope.azmk8s.io:443", certificate-authority-data: Q0EtZGF0YQ== }
contexts:
  - name: aks
    context: { cluster: aks, user: clusterUser }
current-context: aks
users:
  - name: clusterUser
    user:
      exec:
        apiVersion: client.authentication.k8s.io/v1beta1
        command: kubelogin
        args: [get-token, --environment, AzurePublicCloud, --server-id, 6dae42f8-4368-4678-94ff-3960e28e3630, --client-id, 80faf920-1908-4b52-b5ef-a8e7bedfc67a, --tenant-id, tenant-1, --login, devicecode]
`;

// setMocks is declared async but installs the mocks synchronously (its body has no await), so they are
// in place when it returns and trackMonitor() below wraps them; a CommonJS module cannot await it.
void pulumi.runtime.setMocks(
  {
    newResource(args) {
      recorded.push({ type: args.type, name: args.name, inputs: args.inputs, custom: args.custom ?? true });
      const state: Record<string, unknown> = { ...args.inputs };
      if (args.type === "azure-native:managedidentity:UserAssignedIdentity") {
        Object.assign(state, { name: args.inputs.resourceName, clientId: `client-${args.name}`, principalId: `principal-${args.name}`, tenantId: "tenant-1" });
      }
      if (args.type === "azure-native:appconfiguration:ConfigurationStore") {
        Object.assign(state, { name: args.inputs.configStoreName, endpoint: `https://${args.inputs.configStoreName}.azconfig.io` });
      }
      return { id: args.custom ? `${args.name}-id` : undefined, state };
    },
    call(args) {
      invoked.push({ token: args.token, inputs: args.inputs });
      switch (args.token) {
        case "azure-native:containerservice:getManagedCluster":
          return { oidcIssuerProfile: { issuerURL: "https://issuer.example/tenant/uuid/" }, securityProfile: { workloadIdentity: { enabled: true } } };
        case "azure-native:containerservice:listManagedClusterUserCredentials":
          return { kubeconfigs: [{ name: "clusterUser", value: Buffer.from(AKS_USER_KUBECONFIG).toString("base64") }] };
        case "azure-native:authorization:getClientConfig":
          return { subscriptionId: "sub-1", tenantId: "tenant-1", clientId: "deployer", objectId: "deployer-oid" };
        case "azure-native:appconfiguration:getConfigurationStore":
          return {
            name: args.inputs.configStoreName,
            endpoint: `https://${args.inputs.configStoreName}.azconfig.io`,
            id: `/stores/${args.inputs.configStoreName}`,
          };
        default:
          throw new Error(`unexpected provider function ${args.token}`);
      }
    },
  },
  "pulse-os",
  "test",
);
const monitor = trackMonitor();

/** Resolves an Output (test-only). */
export function promiseOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply(resolve));
}

/**
 * Waits until the program is quiescent: every request sent to the mocks has its answer and
 * nothing new was sent, however deep the chain of applies (program/monitor-tracker.ts).
 */
export function settle(): Promise<void> {
  return monitor.settle();
}

/** Recorded resources of a type registered since `from` (an index into `recorded`). */
export function ofType(type: string, from = 0): (typeof recorded)[number][] {
  return recorded.slice(from).filter((r) => r.type === type);
}

/** Unwraps a value that mocks delivered as a secret. */
export function plain<T>(value: T): T {
  if (typeof value === "object" && value !== null && "4dabf18193072939515e22adb298388d" in value) {
    return (value as unknown as { value: T }).value;
  }
  return value;
}

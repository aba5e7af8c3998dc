/**
 * The one Kubernetes provider. In managed mode its kubeconfig comes from AKS: it must stay a
 * secret (it grants the cluster), log in the stack's way instead of by device code, and the
 * provider's identity must be the stable `clusterIdentifier`, so a rotated credential does not
 * replace every object.
 */
import * as path from "node:path";
import { parse } from "yaml";
import { invoked, plain, recorded, settle } from "../helpers/mocks";
import { kubernetesProvider } from "../../components/lib/kubernetes-provider";
import { validateConfig, type ProgramConfig } from "../../config";
import { kubernetesProviderArgs } from "../../program/args";
import { namespaceInput, readStackConfig } from "../../program/stack-files";

const ROOT = path.resolve(__dirname, "../..");
const SECRET_SIG = "4dabf18193072939515e22adb298388d";

async function provider(name: string, args: Parameters<typeof kubernetesProvider>[1]) {
  const from = recorded.length;
  const calls = invoked.length;
  kubernetesProvider(name, args);
  await settle();
  const mine = recorded.slice(from).filter((r) => r.type === "pulumi:providers:kubernetes");
  expect(mine.map((r) => r.name)).toEqual([name]);
  return { inputs: mine[0]!.inputs, invokes: invoked.slice(calls) };
}

describe("kubernetesProvider", () => {
  it("in managed mode reads the AKS user credentials and passes them as a secret, logged in the stack's way", async () => {
    const { inputs, invokes } = await provider("managed", {
      aks: { resourceGroupName: "rg-aks", clusterName: "aks-x", login: "workloadidentity" },
      clusterIdentifier: "rg-aks/aks-x",
    });
    expect(invokes).toEqual([
      { token: "azure-native:containerservice:listManagedClusterUserCredentials", inputs: { resourceGroupName: "rg-aks", resourceName: "aks-x" } },
    ]);
    expect(typeof inputs["kubeconfig"] === "object" && SECRET_SIG in inputs["kubeconfig"]).toBe(true);
    const kubeconfig = parse(plain(inputs["kubeconfig"]) as string) as { users: Array<{ user: { exec: { args: string[] } } }> };
    const args = kubeconfig.users[0]!.user.exec.args;
    expect(args.slice(0, 3)).toEqual(["get-token", "--login", "workloadidentity"]);
    expect(args).not.toContain("devicecode");
    expect(inputs["clusterIdentifier"]).toBe("rg-aks/aks-x");
    expect(inputs).toMatchObject({ enableServerSideApply: "true", enableConfigMapMutable: "true", enableSecretMutable: "true" });
  });

  it("uses a given kubeconfig as is, without asking Azure", async () => {
    const { inputs, invokes } = await provider("given", { kubeconfig: "/home/ci/.kube/config", context: "kind", clusterIdentifier: "local" });
    expect(invokes).toEqual([]);
    expect(inputs).toMatchObject({ kubeconfig: "/home/ci/.kube/config", context: "kind", clusterIdentifier: "local" });
  });
});

describe("the provider args of a stack", () => {
  const config = (overrides: Record<string, unknown> = {}) => {
    const file = readStackConfig(ROOT, path.join(ROOT, "Pulumi.dev.yaml"));
    return validateConfig({ ...namespaceInput(file), ...overrides }) as ProgramConfig;
  };

  it("identify a managed cluster by '<AKS resource group>/<AKS name>' and log in with the Azure CLI by default", () => {
    expect(kubernetesProviderArgs(config())).toEqual({
      aks: { resourceGroupName: "rg-aks-dev", clusterName: "aks-pulse-os-dev", login: "azurecli" },
      clusterIdentifier: "rg-aks-dev/aks-pulse-os-dev",
    });
  });

  it("keep an explicit clusterIdentifier", () => {
    expect(kubernetesProviderArgs(config({ kubernetes: { clusterIdentifier: "aks-dev-2026" } })).clusterIdentifier).toBe("aks-dev-2026");
  });
});

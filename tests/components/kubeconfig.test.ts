import { parse } from "yaml";
import { withAksLogin } from "../../components/lib/kubeconfig";

/** The shape of the user kubeconfig an Entra-integrated AKS cluster returns. */
const AKS = `apiVersion: v1
kind: Config
clusters:
  - name: aks
    cluster: { server: "https://aks.hcp.westeurope.azmk8s.io:443" }
users:
  - name: clusterUser_rg_aks
    user:
      exec:
        apiVersion: client.authentication.k8s.io/v1beta1
        command: kubelogin
        args: [get-token, --environment, AzurePublicCloud, --server-id, 6dae42f8-4368-4678-94ff-3960e28e3630, --client-id, 80faf920-1908-4b52-b5ef-a8e7bedfc67a, --tenant-id, 72f988bf-0000-0000-0000-000000000000, --login, devicecode]
        env: null
        provideClusterInfo: false
  - name: admin
    user: { client-certificate-data: AAAA }
`;

const exec = (kubeconfig: string) => (parse(kubeconfig) as { users: Array<{ user: Record<string, any> }> }).users[0]!.user["exec"];

describe("AKS login modes in the kubeconfig", () => {
  it("replaces device-code login (which waits for a person) with the Azure CLI session", () => {
    expect(exec(withAksLogin(AKS, "azurecli"))["args"]).toEqual([
      "get-token",
      "--login",
      "azurecli",
      "--server-id",
      "6dae42f8-4368-4678-94ff-3960e28e3630",
      "--tenant-id",
      "72f988bf-0000-0000-0000-000000000000",
      "--environment",
      "AzurePublicCloud",
    ]);
  });

  it("uses workload identity for CI with federated credentials (client and tenant come from the environment)", () => {
    const e = exec(withAksLogin(AKS, "workloadidentity"));
    expect(e["args"].slice(0, 3)).toEqual(["get-token", "--login", "workloadidentity"]);
    expect(e["args"]).not.toContain("--client-id");
    expect(e["command"]).toBe("kubelogin");
  });

  it("uses a service principal without putting its client id or secret in the kubeconfig", () => {
    const e = exec(withAksLogin(AKS, "spn"));
    expect(e["args"].slice(0, 3)).toEqual(["get-token", "--login", "spn"]);
    expect(e["args"]).not.toContain("80faf920-1908-4b52-b5ef-a8e7bedfc67a");
  });

  it("keeps device code when asked, and leaves users that do not run kubelogin alone", () => {
    const out = parse(withAksLogin(AKS, "devicecode")) as { users: Array<{ user: Record<string, any> }> };
    expect(out.users[0]!.user["exec"].args).toContain("devicecode");
    expect(out.users[1]!.user).toEqual({ "client-certificate-data": "AAAA" });
  });
});

/**
 * Login modes for an Entra ID–integrated AKS cluster. The user kubeconfig AKS returns
 * (`listManagedClusterUserCredentials`) runs `kubelogin get-token --login devicecode`: it prints a
 * code and waits for a human, so a CI run or a PR bot stalls until it times out. This rewrites the
 * exec section the way `kubelogin convert-kubeconfig -l <mode>` does, for the mode the stack asks for.
 */
import { parse, stringify } from "yaml";

/** How kubelogin obtains the Entra token. */
export type AksLoginMode = "azurecli" | "workloadidentity" | "spn" | "devicecode";

/** What each mode needs from the environment of the process that runs `pulumi` (docs/operations.md). */
export const LOGIN_MODE_NEEDS: Readonly<Record<AksLoginMode, string>> = {
  azurecli: "an `az login` session (locally, or azure/login in CI)",
  workloadidentity: "AZURE_CLIENT_ID, AZURE_TENANT_ID and AZURE_FEDERATED_TOKEN_FILE (GitHub OIDC via azure/login, or a pod with workload identity)",
  spn: "AAD_SERVICE_PRINCIPAL_CLIENT_ID and AAD_SERVICE_PRINCIPAL_CLIENT_SECRET",
  devicecode: "a person at a terminal (never in CI)",
};

/** Flags of `kubelogin get-token` kept from AKS's kubeconfig for each mode. */
const KEEP: Readonly<Record<AksLoginMode, readonly string[]>> = {
  azurecli: ["--server-id", "--tenant-id", "--environment"],
  workloadidentity: ["--server-id", "--tenant-id", "--environment"],
  spn: ["--server-id", "--tenant-id", "--environment"],
  devicecode: ["--server-id", "--client-id", "--tenant-id", "--environment"],
};

function flags(args: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith("--")) continue;
    const eq = a.indexOf("=");
    if (eq > 0) out.set(a.slice(0, eq), a.slice(eq + 1));
    else if (args[i + 1] !== undefined && !args[i + 1]!.startsWith("--")) out.set(a, args[++i]!);
    else out.set(a, "");
  }
  return out;
}

/**
 * The kubeconfig with every kubelogin exec user switched to `mode`. Users that do not run
 * kubelogin (local accounts, certificates) are left as they are.
 */
export function withAksLogin(kubeconfig: string, mode: AksLoginMode): string {
  const doc = parse(kubeconfig) as { users?: Array<{ user?: { exec?: { command?: string; args?: string[]; env?: unknown } } }> } | null;
  if (doc === null || typeof doc !== "object" || !Array.isArray(doc.users)) return kubeconfig; // not a kubeconfig: nothing to switch
  for (const u of doc.users) {
    const exec = u.user?.exec;
    if (!exec || !/(^|\/)kubelogin(\.exe)?$/.test(exec.command ?? "")) continue;
    const given = flags(exec.args ?? []);
    const args = ["get-token", "--login", mode];
    for (const f of KEEP[mode]) {
      const v = given.get(f);
      if (v !== undefined && v !== "") args.push(f, v);
    }
    exec.args = args;
    delete exec.env;
  }
  return stringify(doc);
}

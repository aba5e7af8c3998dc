import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { parse } from "yaml";
import { tree } from "./helpers/files";
import { ROOT } from "./helpers/stack";

/** Renders dev and prod in-process, each with a fresh copy of the SDK (as the CLI does per process). */
async function render(out: string): Promise<void> {
  for (const stack of ["dev", "prod"]) {
    await jest.isolateModulesAsync(async () => {
      const { renderOne } = await import("../scripts/render");
      const log = jest.spyOn(process.stdout, "write").mockImplementation(() => true);
      const code = await renderOne({ stack, file: path.join(ROOT, `Pulumi.${stack}.yaml`) }, out);
      log.mockRestore();
      expect(code).toBe(0);
    });
  }
}

describe("npm run render", () => {
  const first = mkdtempSync(path.join(tmpdir(), "render-a-"));
  const second = mkdtempSync(path.join(tmpdir(), "render-b-"));
  // Two independent runs.
  beforeAll(async () => {
    await render(first);
    await render(second);
  });

  it("is byte-identical on re-run", () => {
    const a = tree(first);
    expect(a.size).toBeGreaterThan(40);
    expect(tree(second)).toEqual(a);
  });

  it("writes one object per file named <kind>-<namespace>-<name>.yaml, plus azure.json and outputs.json", () => {
    const files = [...tree(first).keys()].filter((f) => f.startsWith("dev/")).sort();
    expect(files).toEqual([
      "dev/azure.json",
      "dev/kubernetes/azureappconfigurationprovider-workers-blue-custom-engine-configuration.yaml",
      "dev/kubernetes/configmap-apps-configmap-api-workers.yaml",
      "dev/kubernetes/configmap-exporter-configmap-datahub-exporter.yaml",
      "dev/kubernetes/configmap-workers-blue-configmap-api-workers.yaml",
      "dev/kubernetes/cronjob-exporter-datahub-exporter.yaml",
      "dev/kubernetes/deployment-apps-api.yaml",
      "dev/kubernetes/deployment-workers-blue-worker.yaml",
      "dev/kubernetes/healthcheckpolicy-apps-execution-api-health.yaml",
      "dev/kubernetes/healthcheckpolicy-apps-management-api-health.yaml",
      "dev/kubernetes/httproute-apps-pulse-os-api.yaml",
      "dev/kubernetes/namespace-_cluster-apps.yaml",
      "dev/kubernetes/namespace-_cluster-exporter.yaml",
      "dev/kubernetes/namespace-_cluster-workers-blue.yaml",
      "dev/kubernetes/networkpolicy-apps-allow-pulse-os.yaml",
      "dev/kubernetes/networkpolicy-apps-default-deny.yaml",
      "dev/kubernetes/networkpolicy-exporter-allow-pulse-os.yaml",
      "dev/kubernetes/networkpolicy-exporter-default-deny.yaml",
      "dev/kubernetes/networkpolicy-workers-blue-allow-pulse-os.yaml",
      "dev/kubernetes/networkpolicy-workers-blue-default-deny.yaml",
      "dev/kubernetes/poddisruptionbudget-apps-api.yaml",
      "dev/kubernetes/poddisruptionbudget-workers-blue-worker.yaml",
      "dev/kubernetes/secret-apps-secret-api-workers.yaml",
      "dev/kubernetes/secret-exporter-secret-datahub-exporter.yaml",
      "dev/kubernetes/secret-workers-blue-secret-api-workers.yaml",
      "dev/kubernetes/service-apps-execution-api.yaml",
      "dev/kubernetes/service-apps-management-api.yaml",
      "dev/kubernetes/serviceaccount-apps-sa-apps-workloadidentity.yaml",
      "dev/kubernetes/serviceaccount-exporter-sa-exporter-workloadidentity.yaml",
      "dev/kubernetes/serviceaccount-workers-blue-sa-workers-workloadidentity.yaml",
      "dev/outputs.json",
    ]);
  });

  it("writes each object as the API server would receive it: apiVersion, kind, metadata first", () => {
    const deployment = parse(readFileSync(path.join(first, "prod/kubernetes/deployment-workers-green-worker.yaml"), "utf8"));
    expect(Object.keys(deployment).slice(0, 3)).toEqual(["apiVersion", "kind", "metadata"]);
    expect(deployment.apiVersion).toBe("apps/v1");
    expect(deployment.spec.template.spec.containers[0].name).toBe("worker");
  });

  it("lists every Azure resource with its inputs, unknown values as placeholders", () => {
    const azure = JSON.parse(readFileSync(path.join(first, "dev/azure.json"), "utf8")) as Array<{
      type: string;
      name: string;
      inputs: Record<string, unknown>;
    }>;
    expect(azure.map((r) => r.type)).toContain("azure-native:managedidentity:FederatedIdentityCredential");
    const fic = azure.find((r) => r.name === "azure-workers-workers-blue")!;
    expect(fic.inputs["issuer"]).toBe("[unknown OIDC issuer of aks-pulse-os-dev]");
  });

  it("exits 2 from the command line on invalid config, printing every problem", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "render-bad-"));
    const file = path.join(dir, "Pulumi.broken.yaml");
    writeFileSync(file, "config:\n  pulse-os:workers:\n    color: purple\n");
    const r = spawnSync(
      process.execPath,
      ["-r", "ts-node/register/transpile-only", path.join(ROOT, "scripts/render.ts"), "--config-file", file, "--out", path.join(dir, "out")],
      { cwd: ROOT, encoding: "utf8" },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('pulse-os:workers.color: must be one of "blue", "green" (got "purple")');
    expect(r.stderr).toContain("pulse-os:image: is required (an object) (not set)");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

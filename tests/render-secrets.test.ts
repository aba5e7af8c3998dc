/**
 * The render's files are what the fork-safe PR workflow publishes: no secret may reach them, in
 * clear or encrypted. The stack file here carries real `secure:` values made by the Pulumi CLI
 * with a passphrase (tests/fixtures/secure-config.yaml), and the program exports one secret more.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { parse, stringify } from "yaml";
import { tree } from "./helpers/files";
import { ROOT } from "./helpers/stack";

/** The values behind the fixture's ciphertext (see its header). */
const PLAINTEXT = ["plain-app-secret-key-7f3a", "plain-db-password-91c2", "plain-datahub-token-5e8d", "render-must-not-leak-this-passphrase"];
const SECRET_EXPORT = "plain-exported-secret-0b5f";

const fixture = parse(readFileSync(path.join(ROOT, "tests/fixtures/secure-config.yaml"), "utf8")) as {
  encryptionsalt: string;
  config: Record<string, Record<string, { secure: string }>>;
};
const CIPHERTEXT = [fixture.encryptionsalt, ...Object.values(fixture.config).flatMap((entries) => Object.values(entries).map((e) => e.secure))];

/** Each secret as written in clear, in base64 (Secret `data`) and as its ciphertext's pieces. */
function forms(): string[] {
  const clear = [...PLAINTEXT, SECRET_EXPORT];
  return [
    ...clear,
    ...clear.map((p) => Buffer.from(p).toString("base64")),
    ...CIPHERTEXT,
    ...CIPHERTEXT.flatMap((c) => c.split(":").filter((part) => part.length >= 12)),
  ];
}

describe("the render of a stack with secrets", () => {
  let files: Map<string, string>;
  beforeAll(async () => {
    // dev's stack file plus the encrypted entries, as `pulumi config set --secret` leaves it.
    const dir = mkdtempSync(path.join(tmpdir(), "render-secrets-"));
    const dev = parse(readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8")) as { config: Record<string, unknown> };
    const stackFile = path.join(dir, "Pulumi.dev.yaml");
    writeFileSync(stackFile, stringify({ encryptionsalt: fixture.encryptionsalt, config: { ...dev.config, ...fixture.config } }));
    await jest.isolateModulesAsync(async () => {
      jest.doMock("../index", () => {
        const pulumi = jest.requireActual<typeof import("@pulumi/pulumi")>("@pulumi/pulumi");
        return { ...jest.requireActual("../index"), exportedSecret: pulumi.secret(SECRET_EXPORT) };
      });
      const { renderOne } = await import("../scripts/render");
      const log = jest.spyOn(process.stdout, "write").mockImplementation(() => true);
      const code = await renderOne({ stack: "dev", file: stackFile }, path.join(dir, "out"));
      log.mockRestore();
      expect(code).toBe(0);
    });
    files = tree(path.join(dir, "out"));
  });

  it("keeps each secret entry's name, with its value redacted", () => {
    const secret = (name: string) => parse(files.get(name)!) as { data?: Record<string, string>; stringData?: Record<string, string> };
    const entries = (name: string) => ({ ...secret(name).data, ...secret(name).stringData });
    expect(entries("dev/kubernetes/secret-apps-secret-api-workers.yaml")).toEqual({ APP_SECRET_KEY: "[redacted]", DB_PASSWORD: "[redacted]" });
    expect(entries("dev/kubernetes/secret-workers-blue-secret-api-workers.yaml")).toEqual({ APP_SECRET_KEY: "[redacted]", DB_PASSWORD: "[redacted]" });
    expect(entries("dev/kubernetes/secret-exporter-secret-datahub-exporter.yaml")).toEqual({ DATAHUB_TOKEN: "[redacted]" });
  });

  it("writes no secret in clear, base64 or encrypted into any file", () => {
    expect(files.size).toBeGreaterThan(20);
    const leaks = [...files].flatMap(([name, text]) =>
      forms()
        .filter((f) => text.includes(f))
        .map((f) => `${name}: ${f}`),
    );
    expect(leaks).toEqual([]);
  });

  it("rolls the pods on a settings checksum that is no secret (so previews keep the pod spec readable)", () => {
    for (const name of ["dev/kubernetes/deployment-apps-api.yaml", "dev/kubernetes/deployment-workers-blue-worker.yaml"]) {
      const deployment = parse(files.get(name)!) as { spec: { template: { metadata: { annotations: Record<string, string> } } } };
      expect(deployment.spec.template.metadata.annotations["pulse-os/settings-checksum"]).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it("writes a secret output as [secret]", () => {
    expect(JSON.parse(files.get("dev/outputs.json")!)).toMatchObject({ exportedSecret: "[secret]" });
  });
});

import * as pulumi from "@pulumi/pulumi";
import { ConfigValidationError, engineSecretLookup, stackFileSecretLookup, validateConfig, type SecretLookup } from "../config";

const base = {
  image: { registry: "myacr.azurecr.io", tag: "1.2.3" },
  azure: { resourceGroupName: "rg", location: "westeurope", aks: { resourceGroupName: "rg-aks", clusterName: "aks" } },
  routing: { hostnames: ["api.example.com"] },
  networkPolicy: { gatewayCidrs: ["10.225.0.0/24"] },
};

function problems(input: Record<string, unknown>, isSecret: SecretLookup): string[] {
  try {
    validateConfig(input, isSecret);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigValidationError);
    return [...(err as ConfigValidationError).problems];
  }
  return [];
}

/** The stack file of a stack whose APP_SECRET_KEY is encrypted and whose DB_PASSWORD is not. */
const stackFile = { "pulse-os:settingsSecrets": { APP_SECRET_KEY: { secure: "v1:abc" }, DB_PASSWORD: "hunter2" } };
const received = { ...base, settingsSecrets: { APP_SECRET_KEY: "decrypted", DB_PASSWORD: "hunter2" } };

describe("secret settings", () => {
  it("refuses each plain-text entry of a secret map, even when another entry is encrypted (the engine marks the whole key secret)", () => {
    const engineSaysSecret: SecretLookup = (p) => p[0] === "settingsSecrets";
    const found = problems(received, stackFileSecretLookup("pulse-os", stackFile, received, engineSaysSecret));
    expect(found).toEqual([
      "pulse-os:settingsSecrets.DB_PASSWORD: must be stored as a secret (pulumi config set --secret --path settingsSecrets.DB_PASSWORD <value>), got a plain value (value hidden)",
    ]);
    expect(found.join()).not.toContain("hunter2");
  });

  it("accepts a map stored as one encrypted value, and a map of encrypted entries", () => {
    const never: SecretLookup = () => false;
    expect(problems(received, stackFileSecretLookup("pulse-os", { "pulse-os:settingsSecrets": { secure: "v1:abc" } }, received, never))).toEqual([]);
    const allSecure = { "pulse-os:settingsSecrets": { APP_SECRET_KEY: { secure: "v1:a" }, DB_PASSWORD: { secure: "v1:b" } } };
    expect(problems(received, stackFileSecretLookup("pulse-os", allSecure, received, never))).toEqual([]);
  });

  it("uses the engine's answer when the stack file is not where the values came from", () => {
    const other = { "pulse-os:settingsSecrets": { SOMETHING_ELSE: "x" } };
    expect(
      problems(
        received,
        stackFileSecretLookup("pulse-os", other, received, () => true),
      ),
    ).toEqual([]);
    expect(
      problems(
        received,
        stackFileSecretLookup("pulse-os", other, received, () => false),
      ),
    ).toEqual([
      "pulse-os:settingsSecrets.APP_SECRET_KEY: must be stored as a secret (pulumi config set --secret --path settingsSecrets.APP_SECRET_KEY <value>), got a plain value (value hidden)",
      "pulse-os:settingsSecrets.DB_PASSWORD: must be stored as a secret (pulumi config set --secret --path settingsSecrets.DB_PASSWORD <value>), got a plain value (value hidden)",
    ]);
  });

  it("reads the engine's secret keys through the SDK's runtime", () => {
    pulumi.runtime.setAllConfig({ "pulse-os:settingsSecrets": "{}" }, ["pulse-os:settingsSecrets"]);
    const lookup = engineSecretLookup("pulse-os");
    expect([lookup(["settingsSecrets"]), lookup(["exporterSecrets"])]).toEqual([true, false]);
  });

  it("fails closed when the SDK no longer exports isConfigSecret: every secret entry is refused, no value shown", () => {
    const runtimeWithoutIt = { ...pulumi.runtime, isConfigSecret: undefined };
    const found = problems(received, engineSecretLookup("pulse-os", runtimeWithoutIt));
    expect(found).toEqual([
      "pulse-os:settingsSecrets.APP_SECRET_KEY: cannot tell whether this value is stored as a secret (the Pulumi SDK no longer reports it), so it is refused; check the SDK version (value hidden)",
      "pulse-os:settingsSecrets.DB_PASSWORD: cannot tell whether this value is stored as a secret (the Pulumi SDK no longer reports it), so it is refused; check the SDK version (value hidden)",
    ]);
    expect(found.join()).not.toMatch(/hunter2|decrypted/);
  });

  it("takes entries the CLI stored as numbers or booleans, as their text", () => {
    expect(problems({ ...base, exporterSecrets: { PORT: 5432, DEBUG: true } }, () => true)).toEqual([]);
  });
});

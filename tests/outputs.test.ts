import { readFileSync } from "node:fs";
import * as path from "node:path";
import type { MockRunResult } from "../program/mock-runtime";
import { ROOT, runStack } from "./helpers/stack";

/**
 * The output contract other teams read through StackReference. Changing a name or a type here
 * breaks them: add a new output instead, and bump contractVersion only when removing one.
 */
const CONTRACT: ReadonlyArray<readonly [string, "string" | "number" | "boolean"]> = [
  ["activeWorkerColor", "string"],
  ["appConfigurationEndpoint", "string"],
  ["appsIdentityClientId", "string"],
  ["appsIdentityPrincipalId", "string"],
  ["appsNamespace", "string"],
  ["brokerQueue", "string"],
  ["contractVersion", "number"],
  ["executionApiUrl", "string"],
  ["exporterEnabled", "boolean"],
  ["exporterIdentityClientId", "string"],
  ["exporterIdentityPrincipalId", "string"],
  ["exporterNamespace", "string"],
  ["imageReference", "string"],
  ["managementApiUrl", "string"],
  ["workersIdentityClientId", "string"],
  ["workersIdentityPrincipalId", "string"],
  ["workersNamespace", "string"],
];

let result: MockRunResult;
beforeAll(async () => {
  result = await runStack("dev");
});

describe("the stack outputs", () => {
  it("export exactly the documented names, each with its documented type", () => {
    const actual = Object.entries(result.outputs).map(([k, v]) => [k, typeof v]).sort((a, b) => a[0]!.localeCompare(b[0]!));
    expect(actual).toEqual(CONTRACT.map(([k, t]) => [k, t]));
  });

  it("are all listed in docs/outputs.md with the same type", () => {
    const doc = readFileSync(path.join(ROOT, "docs/outputs.md"), "utf8");
    const rows = [...doc.matchAll(/^\| `(\w+)` \| `(\w+)` \|/gm)].map((m) => [m[1], m[2]]).sort((a, b) => a[0]!.localeCompare(b[0]!));
    expect(rows).toEqual(CONTRACT.map(([k, t]) => [k, t]));
  });

  it("hold the values a consumer needs", () => {
    expect(result.outputs).toMatchObject({
      contractVersion: 1,
      appsNamespace: "apps",
      workersNamespace: "workers-blue",
      exporterNamespace: "exporter",
      exporterEnabled: true,
      activeWorkerColor: "blue",
      executionApiUrl: "https://api.dev.pulse-os.example.com/execution",
      managementApiUrl: "https://api.dev.pulse-os.example.com/management",
      brokerQueue: "requests",
      imageReference: "pulseosdev.azurecr.io/pulseos:2026.11.2",
      appConfigurationEndpoint: "https://appcs-pulse-os-dev.azconfig.io",
    });
  });

  it("contain no secret (judged on the raw exports: resolving an Output drops its secretness)", () => {
    expect(result.secretOutputs).toEqual([]);
  });
});

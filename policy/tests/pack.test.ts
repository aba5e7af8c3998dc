import { policies } from "../policies";
import { isStackPolicy, policyProxy } from "./helpers";
import { at, plain, UNKNOWN, UNKNOWN_SENTINELS } from "../lib/values";

const constructed: { name: string; args: Record<string, unknown> }[] = [];
jest.mock("@pulumi/policy", () => ({
  ...jest.requireActual("@pulumi/policy"),
  PolicyPack: jest.fn().mockImplementation((name: string, args: Record<string, unknown>) => constructed.push({ name, args })),
}));

describe("policy pack", () => {
  it("is pulse-os, mandatory by default, with every policy", async () => {
    await jest.isolateModulesAsync(async () => {
      await import("../index");
    });
    expect(constructed).toHaveLength(1);
    expect(constructed[0]!.name).toBe("pulse-os");
    expect(constructed[0]!.args["enforcementLevel"]).toBe("mandatory");
    expect((constructed[0]!.args["policies"] as { name: string }[]).map((p) => p.name)).toEqual(policies.map((p) => p.name));
  });

  it("has the nine policies, each documented, none overriding the pack's enforcement level", () => {
    expect(policies.map((p) => p.name)).toEqual([
      "pod-security-restricted",
      "container-resources",
      "image-pinned",
      "workload-identity-label",
      "workload-identity-service-account",
      "health-check-matches-probes",
      "celery-drain-fits-grace",
      "role-assignments-allowed",
      "appconfig-local-auth-disabled",
    ]);
    for (const p of policies) {
      expect(p.description.length).toBeGreaterThan(40);
      expect(p.remediationSteps?.length ?? 0).toBeGreaterThan(40);
      expect(p.enforcementLevel).toBeUndefined();
    }
    expect(policies.filter(isStackPolicy).map((p) => p.name)).toEqual([
      "workload-identity-label",
      "workload-identity-service-account",
      "health-check-matches-probes",
    ]);
  });
});

describe("plain values", () => {
  it("uses the unknown sentinels of the installed @pulumi/policy", () => {
    const p = policyProxy as unknown as Record<string, unknown>;
    const installed = [
      "unknownBooleanValue",
      "unknownNumberValue",
      "unknownStringValue",
      "unknownArrayValue",
      "unknownAssetValue",
      "unknownArchiveValue",
      "unknownObjectValue",
    ].map((k) => p[k]);
    expect([...UNKNOWN_SENTINELS].sort()).toEqual([...installed].sort());
  });

  it("unwraps the policy proxy and maps unknowns without throwing", () => {
    const props = policyProxy.unknownCheckingProxy({ a: { b: policyProxy.unknownStringValue }, c: [1, policyProxy.unknownObjectValue] });
    expect(() => (props as { a: { b: string } }).a.b).toThrow(/can't be known during preview/);
    const value = plain(props);
    expect(at(value, "a", "b")).toBe(UNKNOWN);
    expect(at(value, "c", 0)).toBe(1);
    expect(at(value, "c", 1, "deeper")).toBe(UNKNOWN);
    expect(at(value, "missing", "x")).toBeUndefined();
  });
});

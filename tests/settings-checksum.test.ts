/**
 * The settings checksum on pod templates rolls the pods when a setting changes. It must change
 * with every plain value, never depend on (or reveal) a secret value, and never be a secret
 * itself: a secret annotation would turn the whole pod spec into [secret] in every preview.
 */
import * as pulumi from "@pulumi/pulumi";
import { promiseOf } from "./helpers/mocks";
import { settingsChecksum } from "../components/lib/settings";

const values = { BROKER_URL: "rediss://redis:6380/0", LOG_LEVEL: "INFO" };
const checksum = (v: Record<string, string>, secrets?: pulumi.Input<Record<string, string>>) => promiseOf(settingsChecksum(v, secrets));

describe("the settings checksum", () => {
  it("is a SHA-256 that changes when any value changes, and not when only their order does", async () => {
    const base = await checksum(values);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(await checksum({ ...values, LOG_LEVEL: "DEBUG" })).not.toBe(base);
    expect(await checksum({ ...values, EXTRA: "" })).not.toBe(base);
    expect(await checksum({ LOG_LEVEL: "INFO", BROKER_URL: "rediss://redis:6380/0" })).toBe(base);
  });

  it("depends on the names of the secret entries, never on their values", async () => {
    const one = await checksum(values, pulumi.secret({ DB_PASSWORD: "first" }));
    expect(await checksum(values, pulumi.secret({ DB_PASSWORD: "rotated" }))).toBe(one);
    expect(await checksum(values, pulumi.secret({ DB_PASSWORD: "first", API_KEY: "x" }))).not.toBe(one);
    expect(one).not.toBe(await checksum(values));
  });

  it("is not a secret, even when the secret entries are", async () => {
    const output = settingsChecksum(values, pulumi.secret({ DB_PASSWORD: "first" }));
    expect(await pulumi.isSecret(output)).toBe(false);
    expect(await promiseOf(output)).not.toContain("first");
  });
});

import * as pulumi from "@pulumi/pulumi";
import { createHash } from "node:crypto";

/** Pod-template annotation that rolls the pods when the settings change. */
export const SETTINGS_CHECKSUM_ANNOTATION = "pulse-os/settings-checksum";

/**
 * A pod-template annotation value that changes whenever the settings do, so pods roll on a
 * change. Secret entries contribute their names only: a hash of a secret value would sit in plain
 * text in the state and in every diff, and a secret input would turn the whole pod spec into
 * `[secret]` in previews. Rotating a secret value therefore needs a rollout restart
 * (docs/operations.md).
 */
export function settingsChecksum(values: Readonly<Record<string, string>>, secrets: pulumi.Input<Record<string, string>> | undefined): pulumi.Output<string> {
  return pulumi.unsecret(
    pulumi.output(secrets ?? {}).apply((s) => {
      const canonical = JSON.stringify([
        Object.keys(values)
          .sort()
          .map((k) => [k, values[k]]),
        Object.keys(s).sort(),
      ]);
      return createHash("sha256").update(canonical).digest("hex");
    }),
  );
}

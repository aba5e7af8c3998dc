/** `image`: the Pulse-OS container image. */
import { z } from "zod";
import { text } from "../fields";

/** Container registry host (with optional port). */
const REGISTRY = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*(:[0-9]{1,5})?$/;
/** Image repository path (lower case, `/`-separated components). */
const REPOSITORY = /^[a-z0-9]+([._-][a-z0-9]+)*(\/[a-z0-9]+([._-][a-z0-9]+)*)*$/;
/** Image tag grammar. */
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;

export const imageSchema = z
  .strictObject({
    registry: z
      .string()
      .regex(REGISTRY, "must be a registry host name such as 'myacr.azurecr.io'")
      .meta({ description: "Registry host, e.g. `myacr.azurecr.io`." }),
    repository: z
      .string()
      .regex(REPOSITORY, "must be a lower-case repository path such as 'pulseos' or 'team/pulseos'")
      .default("pulseos")
      .meta({ description: "Repository inside the registry (lower-case path)." }),
    tag: text()
      .pipe(
        z
          .string()
          .regex(TAG, "must be a valid image tag (letters, digits, '_', '.', '-'; at most 128 characters)")
          .refine((t) => t !== "latest", "must not be 'latest': pin a version so every rollout is reproducible"),
      )
      .meta({ description: "Immutable image tag; `latest` is refused. Also the `app.kubernetes.io/version` label." }),
    digest: z
      .string()
      .regex(DIGEST, "must be 'sha256:' followed by 64 lower-case hex digits")
      .optional()
      .meta({ description: "Digest pinned next to the tag (`@sha256:…`)." }),
    pullPolicy: z.enum(["IfNotPresent", "Always"]).default("Always").meta({
      description:
        "`Always`: tags are mutable in a registry, so the kubelet re-resolves the tag on every pod start (a cheap manifest check; layers stay cached) and a node's cache never bypasses registry auth (docs/security.md).",
    }),
  })
  .meta({ description: "The Pulse-OS container image (required)." });

/** `runAsUser`: the UID and GID of every container. */
export const runAsUserSchema = z
  .int()
  .min(1, "must be a non-root UID (1 or more)")
  .max(2147483647)
  .default(1000)
  .meta({ description: "Non-root UID and GID of every container; the images expect 1000." });

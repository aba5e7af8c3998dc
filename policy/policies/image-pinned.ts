import type { ResourceValidationPolicy } from "@pulumi/policy";
import { containersOf, POD_TEMPLATE_TYPES, podTemplateOf } from "../lib/k8s";
import { validateTypes } from "../lib/policy";
import { at, isUnknown } from "../lib/values";

/** Why an image reference is not pinned, or undefined when it is (a version tag or a digest). */
export function imageProblem(image: string): string | undefined {
  if (image.includes("@")) return undefined; // digest (with or without a tag): immutable
  const lastSegment = image.slice(image.lastIndexOf("/") + 1); // a registry port (host:5000/) is not a tag
  const colon = lastSegment.indexOf(":");
  if (colon < 0) return 'has no tag, which means "latest"';
  const tag = lastSegment.slice(colon + 1);
  if (tag === "") return "has an empty tag";
  if (tag === "latest") return 'uses the mutable tag "latest"';
  return undefined;
}

export const imagePinned: ResourceValidationPolicy = {
  name: "image-pinned",
  description:
    "Every container image is pinned: a version tag other than 'latest', or a digest. An untagged image means 'latest'; " +
    "a mutable tag makes rollbacks and node-to-node consistency impossible to guarantee.",
  remediationSteps:
    "Set the image to <registry>/<repository>:<version> (in this program the `image.tag` stack setting) or <registry>/<repository>@sha256:<digest>.",
  severity: "medium",
  validateResource: validateTypes(POD_TEMPLATE_TYPES, (props, args, reportViolation) => {
    const template = podTemplateOf(args.type, props, args.name);
    if (!template) return;
    for (const c of containersOf(template)) {
      const image = at(c.value, "image");
      if (isUnknown(image)) continue;
      if (typeof image !== "string" || image === "") {
        reportViolation(`${template.ref}: ${c.path}.image must be set (container "${c.name}")`);
        continue;
      }
      const problem = imageProblem(image);
      if (problem) reportViolation(`${template.ref}: ${c.path}.image "${image}" ${problem}; pin a version tag or a digest (container "${c.name}")`);
    }
  }),
};

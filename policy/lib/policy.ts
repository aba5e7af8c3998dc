/** Small adapters between `@pulumi/policy` and the plain-value helpers. */
import type { PolicyResource, ReportViolation, ResourceValidation, ResourceValidationArgs, StackValidationArgs } from "@pulumi/policy";
import { plain } from "./values";

/** A stack resource with plain properties (see `plain`). */
export interface StackResource {
  readonly type: string;
  readonly name: string;
  readonly urn: string;
  readonly props: unknown;
}

export function stackResources(args: StackValidationArgs): StackResource[] {
  return args.resources.map((r: PolicyResource) => ({ type: r.type, name: r.name, urn: r.urn, props: plain(r.props) }));
}

/**
 * A resource validation that runs only for the given type tokens, on plain (preview-safe)
 * properties. Other types are reported as not applicable.
 */
export function validateTypes(
  types: readonly string[],
  validate: (props: unknown, args: ResourceValidationArgs, reportViolation: ReportViolation) => void,
): ResourceValidation {
  const wanted = new Set(types);
  return (args, reportViolation) => {
    if (!wanted.has(args.type)) {
      args.notApplicable(`Policy only applies to resources of type ${types.map((t) => `'${t}'`).join(", ")}`);
    }
    validate(plain(args.props), args, reportViolation);
  };
}

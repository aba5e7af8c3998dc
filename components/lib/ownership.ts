import * as pulumi from "@pulumi/pulumi";
import { PATCH_FORCE_ANNOTATION } from "./constants";

/**
 * The program is the only owner of the objects it creates: its server-side apply takes back a
 * field someone else changed (`kubectl scale`, `kubectl edit`, the Helm release it replaces)
 * instead of failing the update with "Server-Side Apply field conflict". Fields the program never
 * sets (replicas owned by an autoscaler, status, a Service's clusterIP) are not touched: force only
 * applies to fields in the program's own manifest. Proven through the engine in
 * tests/e2e/lifecycle.e2e.ts (drift) and tests/e2e/helm-migration.e2e.ts.
 *
 * A resource transformation of the component that creates every Kubernetes object, so no object
 * can be added without it; it runs inside the SDK, so the offline render shows it too.
 */
export const takeOwnership: pulumi.ResourceTransformation = (args) => {
  if (!args.type.startsWith("kubernetes:") || args.type.startsWith("pulumi:providers:")) return undefined;
  const metadata = args.props["metadata"] as Record<string, unknown> | undefined;
  if (metadata === undefined || pulumi.Output.isInstance(metadata)) return undefined;
  const annotations = metadata["annotations"] as pulumi.Input<Record<string, pulumi.Input<string>>> | undefined;
  // Plain annotations stay plain; an Output or a Promise of them is mapped (spreading a Promise would drop them).
  const forced =
    pulumi.Output.isInstance(annotations) || annotations instanceof Promise
      ? pulumi.output(annotations).apply((a) => ({ ...a, [PATCH_FORCE_ANNOTATION]: "true" }))
      : { ...(annotations ?? {}), [PATCH_FORCE_ANNOTATION]: "true" };
  return { props: { ...args.props, metadata: { ...metadata, annotations: forced } }, opts: args.opts };
};

import type * as pulumi from "@pulumi/pulumi";

/** The Deployment field an autoscaler owns. */
export const REPLICAS_FIELD = "spec.replicas";

/**
 * `replicas` of a Deployment and the resource options that go with it.
 *
 * Autoscaled: the field stays in the manifest at the autoscaler's minimum, under
 * `ignoreChanges`. With server-side apply the provider then sends the live value while it still
 * owns the field, and leaves the field out once the autoscaler has written it (provider v4.25
 * `handleSSAIgnoreFields`). Leaving the field out of the manifest instead would make the API server
 * reset it to 1 on the update that turns autoscaling on (nobody owns it any more): one pod
 * too few, or many, until the autoscaler reacts. Previews never show a replicas diff either way.
 */
export function replicasOf(fixed: number, autoscaledMinimum: number | undefined): { replicas: number; opts: pulumi.CustomResourceOptions } {
  return autoscaledMinimum === undefined ? { replicas: fixed, opts: {} } : { replicas: autoscaledMinimum, opts: { ignoreChanges: [REPLICAS_FIELD] } };
}

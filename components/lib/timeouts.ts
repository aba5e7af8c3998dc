import type * as pulumi from "@pulumi/pulumi";

/**
 * Headroom over a pod's grace period before the engine gives up on a delete: the provider's
 * own bookkeeping, the API server's finalizers and the scheduler's reaction time.
 */
export const DELETE_HEADROOM_SECONDS = 300;

/**
 * Custom timeouts for an object whose deletion waits for pods to drain (a worker Deployment, the
 * namespace holding one). A delete legitimately takes up to the grace period (Celery's warm
 * shutdown), which may exceed the provider's default 10 minutes; the delete timeout is therefore
 * derived from it, never a fixed value.
 */
export function drainTimeouts(terminationGracePeriodSeconds: number): pulumi.CustomTimeouts {
  return { delete: `${terminationGracePeriodSeconds + DELETE_HEADROOM_SECONDS}s` };
}

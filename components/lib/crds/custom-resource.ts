/**
 * Typed construction of the custom resources the program creates. `k8s.apiextensions.CustomResource`
 * takes any `spec`; `customResource` takes only the hand-written types of components/lib/crds/, so a
 * misspelt or unknown field, a wrong enum value or a missing required field fails `tsc`.
 * docs/decisions.md "Typed custom resources".
 */
import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { HealthCheckPolicy } from "./alb";
import type { AzureAppConfigurationProvider } from "./azconfig";
import type { HTTPRoute } from "./gateway";
import type { RedisListTrigger, ScaledObject, TriggerAuthentication } from "./keda";

/** What every typed custom resource declares: its literal `apiVersion` and `kind`, and its spec. */
export interface CrdObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly spec: object;
}

/** The custom resources this program creates, by kind (its ScaledObjects use `redis` triggers only). */
export interface KnownCustomResources {
  readonly HTTPRoute: HTTPRoute;
  readonly HealthCheckPolicy: HealthCheckPolicy;
  readonly ScaledObject: ScaledObject<RedisListTrigger>;
  readonly TriggerAuthentication: TriggerAuthentication;
  readonly AzureAppConfigurationProvider: AzureAppConfigurationProvider;
}

type Scalar = string | number | boolean;

/**
 * `T` with every scalar leaf accepting a `pulumi.Input` (an Output, a Promise), and objects and
 * arrays kept as plain literals so the excess-property check still reaches every level.
 */
export type CrdInput<T> = [T] extends [Scalar]
  ? pulumi.Input<T>
  : T extends readonly (infer U)[]
    ? readonly CrdInput<U>[]
    : { readonly [K in keyof T]: CrdInput<Exclude<T[K], undefined>> };

/** The arguments of one custom resource: literal `apiVersion`/`kind`, Kubernetes metadata, typed spec. */
export type CustomResourceArgs<T extends CrdObject> = T extends CrdObject
  ? {
      readonly apiVersion: T["apiVersion"];
      readonly kind: T["kind"];
      readonly metadata: k8s.types.input.meta.v1.ObjectMeta;
      readonly spec: CrdInput<T["spec"]>;
    }
  : never;

/**
 * A `k8s.apiextensions.CustomResource` whose object is checked against the type its `kind` names
 * in {@link KnownCustomResources}, `apiVersion` included. The object is passed on unchanged (same
 * type token `kubernetes:<apiVersion>:<kind>`, so the same URN).
 */
export function customResource<K extends keyof KnownCustomResources>(
  name: string,
  obj: CustomResourceArgs<KnownCustomResources[K]> & { readonly kind: K },
  opts?: pulumi.CustomResourceOptions,
): k8s.apiextensions.CustomResource {
  return new k8s.apiextensions.CustomResource(name, obj, opts);
}

/**
 * `alb.networking.azure.io/v1` types the program creates: `HealthCheckPolicy` of Application
 * Gateway for Containers, hand-typed from `cluster/crds/alb.networking.azure.io_healthcheckpolicies.yaml`
 * (itself written from the documented ALB Controller API). Field names and optionality follow its
 * openAPIV3Schema; tests/crd-schemas.test.ts checks every path the program sets against it.
 * docs/decisions.md "Typed custom resources".
 */

/** The object whose backends are probed; for a Service, group "" and kind "Service". */
export interface PolicyTargetReference {
  /** API group of the target; "" for the core group. */
  readonly group: string;
  readonly kind: string;
  readonly name: string;
  /** @default the policy's namespace */
  readonly namespace?: string;
}

/** An inclusive range of HTTP status codes (100-599). */
export interface StatusCodeRange {
  readonly start?: number;
  readonly end?: number;
}

/** What counts as a healthy HTTP answer. */
export interface HTTPMatch {
  /** Substring the response body must contain. */
  readonly body?: string;
  readonly statusCodes?: StatusCodeRange[];
}

/** HTTP probe settings. */
export interface HTTPSpecifiers {
  /** Host header sent with the probe. */
  readonly host?: string;
  /** Path probed; must start with `/`. */
  readonly path?: string;
  readonly match?: HTTPMatch;
}

/** gRPC health-protocol probe settings (exclusive with `http`). */
export interface GRPCSpecifiers {
  readonly authority?: string;
  readonly service?: string;
}

/** Health probe of the target's endpoints. */
export interface HealthCheckPolicyConfig {
  /** Port probed on the endpoints (1-65535). */
  readonly port?: number;
  /** Protocol of the 2023 API; current docs use `http`/`grpc` plus `useTLS`. */
  readonly protocol?: string;
  /** Time between probes, a duration such as `5s`. */
  readonly interval?: string;
  /** Time to wait for an answer, a duration such as `3s`. */
  readonly timeout?: string;
  /** Consecutive successes before an endpoint is healthy (>= 1). */
  readonly healthyThreshold?: number;
  /** Consecutive failures before an endpoint is unhealthy (>= 1). */
  readonly unhealthyThreshold?: number;
  /** Probe over TLS. */
  readonly useTLS?: boolean;
  readonly http?: HTTPSpecifiers;
  readonly grpc?: GRPCSpecifiers;
}

/** Desired state of a HealthCheckPolicy: one of `default` or `override` is required. */
export interface HealthCheckPolicySpec {
  readonly targetRef: PolicyTargetReference;
  /** Settings that apply unless a more specific policy overrides them. */
  readonly default?: HealthCheckPolicyConfig;
  /** Settings that take precedence over more specific policies. */
  readonly override?: HealthCheckPolicyConfig;
}

/** ALB for Containers HealthCheckPolicy: how the ALB probes a Service's endpoints. */
export interface HealthCheckPolicy {
  readonly apiVersion: "alb.networking.azure.io/v1";
  readonly kind: "HealthCheckPolicy";
  readonly spec: HealthCheckPolicySpec;
}

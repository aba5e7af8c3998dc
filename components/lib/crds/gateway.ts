/**
 * `gateway.networking.k8s.io/v1` types the program creates: `HTTPRoute`, hand-typed from the
 * standard-channel CRD of sigs.k8s.io/gateway-api v1.6.1 (the version `tools/crds/go.mod` pins and
 * the local cluster installs). Field names, optionality and enums follow the CRD's openAPIV3Schema;
 * doc comments are its descriptions, shortened. docs/decisions.md "Typed custom resources".
 */

/** HTTP methods a match or a CORS filter can name. */
export type HTTPMethod = "GET" | "HEAD" | "POST" | "PUT" | "DELETE" | "CONNECT" | "OPTIONS" | "TRACE" | "PATCH";

/** A resource (usually a Gateway) the route attaches to. */
export interface ParentReference {
  /** Group of the referent. @default "gateway.networking.k8s.io"; "" for the core group. */
  readonly group?: string;
  /** Kind of the referent: Gateway, or Service (mesh). @default "Gateway" */
  readonly kind?: string;
  /** Name of the referent. */
  readonly name: string;
  /** Namespace of the referent. @default the route's namespace */
  readonly namespace?: string;
  /** Gateway: listener name; Service: port name. */
  readonly sectionName?: string;
  /** Targets every listener on this port (prefer `sectionName`). */
  readonly port?: number;
}

/** How a request path is matched. */
export interface HTTPPathMatch {
  /** @default "PathPrefix" */
  readonly type?: "Exact" | "PathPrefix" | "RegularExpression";
  /** Path to match against. @default "/" */
  readonly value?: string;
}

/** A header or query-parameter matcher. */
export interface HTTPValueMatch {
  /** @default "Exact" */
  readonly type?: "Exact" | "RegularExpression";
  readonly name: string;
  readonly value: string;
}

/** Conditions a request must all satisfy for the rule to apply. */
export interface HTTPRouteMatch {
  /** @default { type: "PathPrefix", value: "/" } */
  readonly path?: HTTPPathMatch;
  /** Header matchers, ANDed. */
  readonly headers?: HTTPValueMatch[];
  /** Query parameter matchers, ANDed (Extended support). */
  readonly queryParams?: HTTPValueMatch[];
  /** Match only this method (Extended support). */
  readonly method?: HTTPMethod;
}

/** A header name and value. */
export interface HTTPHeader {
  readonly name: string;
  readonly value: string;
}

/** Adds, overwrites or removes headers. */
export interface HTTPHeaderFilter {
  /** Overwrites the header (adds it when absent). */
  readonly set?: HTTPHeader[];
  /** Appends the value to the header. */
  readonly add?: HTTPHeader[];
  /** Header names to remove. */
  readonly remove?: string[];
}

/** Path replacement of a redirect or rewrite. */
export interface HTTPPathModifier {
  readonly type: "ReplaceFullPath" | "ReplacePrefixMatch";
  readonly replaceFullPath?: string;
  /** Replaces the prefix matched by a `PathPrefix` match. */
  readonly replacePrefixMatch?: string;
}

/** Answers with a redirect (`Location` header). */
export interface HTTPRequestRedirectFilter {
  readonly scheme?: "http" | "https";
  readonly hostname?: string;
  readonly path?: HTTPPathModifier;
  readonly port?: number;
  /** @default 302 */
  readonly statusCode?: 301 | 302 | 303 | 307 | 308;
}

/** Modifies the request while forwarding it. */
export interface HTTPURLRewriteFilter {
  /** Replaces the Host header. */
  readonly hostname?: string;
  readonly path?: HTTPPathModifier;
}

/** Mirrors requests to another backend (responses are ignored). */
export interface HTTPRequestMirrorFilter {
  readonly backendRef: BackendObjectReference;
  /** Percentage of requests mirrored. */
  readonly percent?: number;
  /** Fraction of requests mirrored (`denominator` @default 100). */
  readonly fraction?: { readonly numerator: number; readonly denominator?: number };
}

/** Answers CORS preflight requests and adds CORS headers. */
export interface HTTPCORSFilter {
  readonly allowOrigins?: string[];
  readonly allowCredentials?: boolean;
  readonly allowMethods?: (HTTPMethod | "*")[];
  readonly allowHeaders?: string[];
  readonly exposeHeaders?: string[];
  /** Seconds a client may cache the preflight answer. @default 5 */
  readonly maxAge?: number;
}

/** An implementation-specific filter object. */
export interface LocalObjectReference {
  readonly group: string;
  readonly kind: string;
  readonly name: string;
}

/** A filter applied to matching requests; set the field named by `type`. */
export interface HTTPRouteFilter {
  readonly type: "RequestHeaderModifier" | "ResponseHeaderModifier" | "RequestMirror" | "RequestRedirect" | "URLRewrite" | "ExtensionRef" | "CORS";
  readonly requestHeaderModifier?: HTTPHeaderFilter;
  readonly responseHeaderModifier?: HTTPHeaderFilter;
  readonly requestMirror?: HTTPRequestMirrorFilter;
  readonly requestRedirect?: HTTPRequestRedirectFilter;
  readonly urlRewrite?: HTTPURLRewriteFilter;
  readonly cors?: HTTPCORSFilter;
  readonly extensionRef?: LocalObjectReference;
}

/** A backend object (a Service unless `group`/`kind` say otherwise). */
export interface BackendObjectReference {
  /** Group of the referent; "" (core) when unspecified. */
  readonly group?: string;
  /** @default "Service" */
  readonly kind?: string;
  readonly name: string;
  /** Another namespace needs a ReferenceGrant there. @default the route's namespace */
  readonly namespace?: string;
  /** Service port (not the target port); required for a Service. */
  readonly port?: number;
}

/** Where matching requests are sent. */
export interface HTTPBackendRef extends BackendObjectReference {
  /** Share of requests: weight / sum of weights; 0 sends none. @default 1 */
  readonly weight?: number;
  /** Filters applied only when forwarding to this backend. */
  readonly filters?: HTTPRouteFilter[];
}

/** Timeouts of a rule (Extended support), as Gateway API durations such as `10s`. */
export interface HTTPRouteTimeouts {
  /** Time for the gateway to answer the whole request. */
  readonly request?: string;
  /** Time for one request from the gateway to a backend. */
  readonly backendRequest?: string;
}

/** One rule: matchers, filters and backends. */
export interface HTTPRouteRule {
  /** Unique within the route when set. */
  readonly name?: string;
  /** The rule applies when any match is satisfied. @default [{ path: { type: "PathPrefix", value: "/" } }] */
  readonly matches?: HTTPRouteMatch[];
  readonly filters?: HTTPRouteFilter[];
  readonly backendRefs?: HTTPBackendRef[];
  readonly timeouts?: HTTPRouteTimeouts;
}

/** Desired state of an HTTPRoute. */
export interface HTTPRouteSpec {
  /** Gateways (or Services) the route attaches to; at most 32. */
  readonly parentRefs?: ParentReference[];
  /** Host header values the route answers (RFC 1123, optional `*.` wildcard label); at most 16. */
  readonly hostnames?: string[];
  /** At most 16. @default one rule matching prefix "/" */
  readonly rules?: HTTPRouteRule[];
}

/** Gateway API HTTPRoute: routes HTTP requests from a Gateway listener to backends. */
export interface HTTPRoute {
  readonly apiVersion: "gateway.networking.k8s.io/v1";
  readonly kind: "HTTPRoute";
  readonly spec: HTTPRouteSpec;
}

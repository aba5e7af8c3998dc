import * as pulumi from "@pulumi/pulumi";
import type { ApiService } from "./api-deployment";
import { API_SURFACES, type ApiSurfaceKey } from "./lib/constants";
import { customResource, type CrdInput } from "./lib/crds/custom-resource";
import type { HTTPRouteRule, ParentReference } from "./lib/crds/gateway";
import { commonLabels, typeToken } from "./lib/naming";

/** ALB for Containers health probe settings. */
export interface HealthCheckArgs {
  /** e.g. `5s`. */
  readonly interval: string;
  /** e.g. `3s`. */
  readonly timeout: string;
  readonly healthyThreshold: number;
  readonly unhealthyThreshold: number;
}

export interface ApiRouteArgs {
  /** Namespace of the API Services (the route and policies live there too). */
  readonly namespace: pulumi.Input<string>;
  /** Route host names. */
  readonly hostnames: readonly string[];
  /** Gateway the route attaches to, and its HTTPS listener (never every listener). */
  readonly gateway: { readonly name: string; readonly namespace: string; readonly sectionName: string };
  /** The Services of both API surfaces. */
  readonly services: { readonly [K in ApiSurfaceKey]: ApiService };
  readonly healthCheck: HealthCheckArgs;
}

/**
 * Public routing of the API: one Gateway API `HTTPRoute` (`/execution` and `/management`
 * prefixes) and one ALB for Containers `HealthCheckPolicy` per Service. The policy probes the
 * same status path and port as the pod's own probes (both come from `API_SURFACES`).
 */
export class ApiRoute extends pulumi.ComponentResource {
  /** HTTPRoute name. */
  public readonly routeName: pulumi.Output<string>;

  constructor(name: string, args: ApiRouteArgs, opts?: pulumi.ComponentResourceOptions) {
    super(typeToken("network", "ApiRoute"), name, {}, opts);
    const labels = commonLabels();
    const keys = Object.keys(API_SURFACES) as ApiSurfaceKey[];

    const parentRef: ParentReference = {
      group: "gateway.networking.k8s.io",
      kind: "Gateway",
      name: args.gateway.name,
      namespace: args.gateway.namespace,
      sectionName: args.gateway.sectionName,
    };
    // The ALB probes with the route's host (a backend that routes or validates by Host answers
    // the probe as it answers users); a wildcard cannot be sent, so the first concrete one.
    const probeHost = args.hostnames.find((h) => !h.startsWith("*."));

    const route = customResource(
      name,
      {
        apiVersion: "gateway.networking.k8s.io/v1",
        kind: "HTTPRoute",
        metadata: { name: "pulse-os-api", namespace: args.namespace, labels },
        spec: {
          parentRefs: [parentRef],
          hostnames: [...args.hostnames],
          rules: keys.map((key): CrdInput<HTTPRouteRule> => ({
            matches: [{ path: { type: "PathPrefix", value: API_SURFACES[key].pathPrefix } }],
            backendRefs: [{ group: "", kind: "Service", name: args.services[key].name, port: args.services[key].port, weight: 1 }],
          })),
        },
      },
      { parent: this },
    );
    this.routeName = route.metadata.name;

    for (const key of keys) {
      const service = args.services[key];
      customResource(
        `${name}-health-${key}`,
        {
          apiVersion: "alb.networking.azure.io/v1",
          kind: "HealthCheckPolicy",
          metadata: { name: `${service.name}-health`, namespace: args.namespace, labels },
          spec: {
            targetRef: { group: "", kind: "Service", name: service.name, namespace: args.namespace },
            default: {
              interval: args.healthCheck.interval,
              timeout: args.healthCheck.timeout,
              healthyThreshold: args.healthCheck.healthyThreshold,
              unhealthyThreshold: args.healthCheck.unhealthyThreshold,
              // The ALB probes pod endpoints: the container port, and the path the pod's probes use.
              port: service.targetPort,
              http: {
                ...(probeHost !== undefined ? { host: probeHost } : {}),
                path: API_SURFACES[key].statusPath,
                match: { statusCodes: [{ start: 200, end: 299 }] },
              },
              useTLS: false,
            },
          },
        },
        { parent: this },
      );
    }

    this.registerOutputs({ routeName: this.routeName });
  }
}

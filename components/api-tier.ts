import * as pulumi from "@pulumi/pulumi";
import { ApiDeployment, type ApiDeploymentArgs } from "./api-deployment";
import { ApiRoute, type ApiRouteArgs } from "./api-route";
import { movedFrom, requireKubernetesProvider } from "./lib/composition";
import { typeToken } from "./lib/naming";
import { NamespaceNetworkPolicies, type NamespaceNetworkPoliciesArgs } from "./network-policies";
import { WorkloadNamespace, type WorkloadNamespaceArgs } from "./workload-namespace";

export interface ApiTierArgs {
  /** The apps namespace, its workload-identity service account and the shared settings. */
  readonly namespace: WorkloadNamespaceArgs;
  /** The API Deployment and its Services; they run in `namespace` as its service account. */
  readonly deployment: Omit<ApiDeploymentArgs, "namespace" | "serviceAccountName">;
  /** The Gateway API route and health checks in front of the two Services. */
  readonly route: Omit<ApiRouteArgs, "namespace" | "services">;
  /** Default-deny plus the gateway's ingress and the listed egress; omitted: no NetworkPolicies. */
  readonly networkPolicy?: Omit<NamespaceNetworkPoliciesArgs, "namespace">;
}

/**
 * The API tier: the apps namespace with its service account and settings, the FastAPI
 * Deployment with its two Services, the HTTPRoute with the ALB health checks and, when enabled,
 * the namespace's NetworkPolicies. Names are plain strings, never Outputs, so a preview shows
 * every pod-spec field even while the cluster objects are still unknown.
 */
export class ApiTier extends pulumi.ComponentResource {
  /** Namespace name, resolved once it exists. */
  public readonly namespace: pulumi.Output<string>;

  constructor(name: string, args: ApiTierArgs, opts?: pulumi.ComponentResourceOptions) {
    super(typeToken("kubernetes", "ApiTier"), name, {}, opts);
    requireKubernetesProvider(this, "ApiTier");
    const ns = args.namespace.namespace;
    // Before the tiers, these children sat directly under KubernetesWorkloads with these names.
    const namespace = new WorkloadNamespace(`${name}-namespace`, args.namespace, { parent: this, aliases: movedFrom(opts?.parent, "apps") });
    this.namespace = namespace.namespace;

    const api = new ApiDeployment(
      `${name}-deployment`,
      {
        ...args.deployment,
        namespace: ns,
        serviceAccountName: args.namespace.serviceAccountName,
      },
      { parent: this, dependsOn: namespace.ready, aliases: movedFrom(opts?.parent, "api") },
    );

    new ApiRoute(
      `${name}-route`,
      {
        ...args.route,
        namespace: ns,
        services: api.services,
      },
      { parent: this, dependsOn: [api], aliases: movedFrom(opts?.parent, "api-route") },
    );

    if (args.networkPolicy) {
      new NamespaceNetworkPolicies(
        `${name}-netpol`,
        { ...args.networkPolicy, namespace: ns },
        { parent: this, dependsOn: [namespace], aliases: movedFrom(opts?.parent, `${ns}-netpol`) },
      );
    }

    this.registerOutputs({ namespace: this.namespace });
  }
}

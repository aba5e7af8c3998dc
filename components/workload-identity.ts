import * as managedidentity from "@pulumi/azure-native/managedidentity";
import * as pulumi from "@pulumi/pulumi";
import { WORKLOAD_IDENTITY } from "./lib/constants";
import { typeToken } from "./lib/naming";

/** A Kubernetes service account allowed to act as the identity. */
export interface FederatedSubject {
  /** Namespace of the service account. */
  readonly namespace: string;
  /** Name of the service account. */
  readonly serviceAccount: string;
  /** `system:serviceaccount:<namespace>:<serviceAccount>`. */
  readonly subject: string;
}

export interface WorkloadIdentityArgs {
  /** Resource group the identity lives in. */
  readonly resourceGroupName: pulumi.Input<string>;
  /** Azure region. */
  readonly location: pulumi.Input<string>;
  /** Azure name of the user-assigned identity. */
  readonly identityName: string;
  /** OIDC issuer URL of the AKS cluster, copied exactly (trailing slash included). */
  readonly issuer: pulumi.Input<string>;
  /** Service accounts federated with the identity (at most 20). */
  readonly subjects: readonly FederatedSubject[];
  readonly tags: Readonly<Record<string, string>>;
  /** Pulumi `protect` on the identity (its client ID is in every service account and credential). */
  readonly protect: boolean;
}

/**
 * A user-assigned managed identity with one federated identity credential per Kubernetes
 * service account. Credentials on one identity are created one after another: Azure answers
 * parallel writes with 409 ConcurrentFederatedIdentityCredentialsWritesForSingleManagedIdentity.
 */
export class WorkloadIdentity extends pulumi.ComponentResource {
  /** Client ID: the service-account annotation value. */
  public readonly clientId: pulumi.Output<string>;
  /** Principal (object) ID: the role-assignment principal. */
  public readonly principalId: pulumi.Output<string>;
  /** Tenant of the identity. */
  public readonly tenantId: pulumi.Output<string>;

  constructor(name: string, args: WorkloadIdentityArgs, opts?: pulumi.ComponentResourceOptions) {
    super(typeToken("identity", "WorkloadIdentity"), name, {}, opts);
    if (args.subjects.length > 20) {
      throw new pulumi.ResourceError(`'subjects' allows at most 20 federated credentials per identity, got ${args.subjects.length}`, this);
    }
    const identity = new managedidentity.UserAssignedIdentity(
      name,
      {
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        resourceName: args.identityName,
        tags: { ...args.tags },
      },
      { parent: this, protect: args.protect },
    );

    let previous: pulumi.Resource | undefined;
    for (const s of args.subjects) {
      const credential: managedidentity.FederatedIdentityCredential = new managedidentity.FederatedIdentityCredential(
        `${name}-${s.namespace}`,
        {
          resourceGroupName: args.resourceGroupName,
          resourceName: identity.name,
          federatedIdentityCredentialResourceName: `${s.namespace}-${s.serviceAccount}`,
          issuer: args.issuer,
          subject: s.subject,
          audiences: [WORKLOAD_IDENTITY.audience],
        },
        { parent: this, dependsOn: previous ? [previous] : [] },
      );
      previous = credential;
    }

    this.clientId = identity.clientId;
    this.principalId = identity.principalId;
    this.tenantId = identity.tenantId;
    this.registerOutputs({ clientId: this.clientId, principalId: this.principalId, tenantId: this.tenantId });
  }
}

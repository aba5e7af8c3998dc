/**
 * What every composite component of the Kubernetes side checks and records about where it sits:
 * that a Kubernetes provider reaches it (nothing may ever deploy to the ambient kube context by
 * accident), and where its children sat before they moved under it (so their URNs survive).
 */
import * as pulumi from "@pulumi/pulumi";

/**
 * Throws unless `component` has a Kubernetes provider, passed explicitly (`provider`/`providers`)
 * or inherited from a parent. Without one, the SDK would fall back to a default provider that
 * targets whatever the ambient kubeconfig's current context is.
 */
export function requireKubernetesProvider(component: pulumi.ComponentResource, className: string): void {
  if (component.getProvider("kubernetes:core/v1:Namespace") === undefined) {
    throw new pulumi.ResourceError(
      `${className} needs a Kubernetes provider: pass { providers: { kubernetes: <provider> } } to it or to a parent; ` +
        "refusing to deploy to the ambient kubeconfig context",
      component,
    );
  }
}

/**
 * Aliases of a child that used to sit directly under `formerParent` as `formerName` (before
 * `KubernetesWorkloads` was split into tiers). Its own children inherit the alias as long as their
 * names start with its name (`${name}-…`), so one alias per moved child keeps the whole subtree.
 * No former parent (the component is used on its own): nothing moved, no alias.
 */
export function movedFrom(formerParent: pulumi.Resource | undefined, formerName: string): pulumi.Alias[] {
  return formerParent !== undefined ? [{ name: formerName, parent: formerParent }] : [];
}

/** Entra Workload ID constants and lookups shared by the two workload-identity policies. */
import { nameOf, namespaceOf, POD_TEMPLATE_TYPES, podTemplateOf, SERVICE_ACCOUNT_TYPE, type PodTemplate } from "./k8s";
import type { StackResource } from "./policy";
import { at, isUnknown, UNKNOWN, type Unknown } from "./values";

/** Same values as components/lib/constants.ts WORKLOAD_IDENTITY (the pack does not import the program). */
export const WORKLOAD_IDENTITY = {
  useLabel: "azure.workload.identity/use",
  clientIdAnnotation: "azure.workload.identity/client-id",
  audience: "api://AzureADTokenExchange",
} as const;

/** A ServiceAccount of the stack. */
export interface ServiceAccount {
  readonly namespace: string;
  readonly name: string;
  /** Whether metadata.annotations carries the client-id annotation (its value may be unknown); UNKNOWN when the annotations are. */
  readonly hasClientId: boolean | Unknown;
}

/** ServiceAccounts of the stack whose namespace and name are known, keyed `namespace/name`. */
export function serviceAccounts(resources: readonly StackResource[]): Map<string, ServiceAccount> {
  const out = new Map<string, ServiceAccount>();
  for (const r of resources) {
    if (r.type !== SERVICE_ACCOUNT_TYPE) continue;
    const namespace = namespaceOf(r.props);
    const name = nameOf(r.props, r.name);
    if (isUnknown(namespace) || isUnknown(name)) continue;
    const annotations = at(r.props, "metadata", "annotations");
    const clientId = at(annotations, WORKLOAD_IDENTITY.clientIdAnnotation);
    out.set(`${namespace}/${name}`, {
      namespace,
      name,
      hasClientId: isUnknown(annotations) ? UNKNOWN : clientId !== undefined && clientId !== null && clientId !== "",
    });
  }
  return out;
}

/** True when some ServiceAccount's namespace or name is unknown (a lookup miss then proves nothing). */
export function hasUnknownServiceAccount(resources: readonly StackResource[]): boolean {
  return resources.some((r) => r.type === SERVICE_ACCOUNT_TYPE && (isUnknown(namespaceOf(r.props)) || isUnknown(nameOf(r.props, r.name))));
}

/** Every pod template of the stack, with the resource that carries it. */
export function podTemplates(resources: readonly StackResource[]): { resource: StackResource; template: PodTemplate }[] {
  const out: { resource: StackResource; template: PodTemplate }[] = [];
  for (const r of resources) {
    if (!POD_TEMPLATE_TYPES.includes(r.type)) continue;
    const template = podTemplateOf(r.type, r.props, r.name);
    if (template) out.push({ resource: r, template });
  }
  return out;
}

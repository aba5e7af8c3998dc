import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { commonLabels, typeToken } from "./lib/naming";

/** Who may reach the namespace's pods, and on which ports. */
export interface IngressAllowance {
  /** Source namespaces (by `kubernetes.io/metadata.name`). @default [] */
  readonly namespaces?: readonly string[];
  /** Source address ranges. @default [] */
  readonly cidrs?: readonly string[];
  /** Destination pod ports (TCP). */
  readonly ports: readonly number[];
}

/** Where the namespace's pods may connect to. */
export interface EgressAllowance {
  readonly cidrs: readonly string[];
  /** Destination ports (TCP). */
  readonly ports: readonly number[];
}

export interface NamespaceNetworkPoliciesArgs {
  readonly namespace: pulumi.Input<string>;
  /** @default [] (no ingress at all) */
  readonly ingress?: readonly IngressAllowance[];
  /** Besides DNS, which is always allowed. @default [] */
  readonly egress?: readonly EgressAllowance[];
}

const tcp = (ports: readonly number[]) => ports.map((port) => ({ protocol: "TCP", port }));

/**
 * Default-deny for every pod of a namespace (ingress and egress), then one policy allowing only
 * what the workload needs: DNS to CoreDNS, and the listed ingress and egress.
 */
export class NamespaceNetworkPolicies extends pulumi.ComponentResource {
  constructor(name: string, args: NamespaceNetworkPoliciesArgs, opts?: pulumi.ComponentResourceOptions) {
    super(typeToken("network", "NamespaceNetworkPolicies"), name, {}, opts);
    const labels = commonLabels();
    new k8s.networking.v1.NetworkPolicy(
      `${name}-default-deny`,
      {
        metadata: { name: "default-deny", namespace: args.namespace, labels },
        spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
      },
      { parent: this },
    );

    const ingress = (args.ingress ?? []).flatMap((rule) => {
      const from = [
        ...(rule.namespaces ?? []).map((ns) => ({ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": ns } } })),
        ...(rule.cidrs ?? []).map((cidr) => ({ ipBlock: { cidr } })),
      ];
      return from.length > 0 ? [{ from, ports: tcp(rule.ports) }] : [];
    });
    const egress = [
      {
        to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } }, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }],
        ports: [
          { protocol: "UDP", port: 53 },
          { protocol: "TCP", port: 53 },
        ],
      },
      ...(args.egress ?? []).map((rule) => ({ to: rule.cidrs.map((cidr) => ({ ipBlock: { cidr } })), ports: tcp(rule.ports) })),
    ];
    new k8s.networking.v1.NetworkPolicy(
      `${name}-allow`,
      {
        metadata: { name: "allow-pulse-os", namespace: args.namespace, labels },
        spec: {
          podSelector: {},
          policyTypes: ["Ingress", "Egress"],
          ...(ingress.length > 0 ? { ingress } : {}),
          egress,
        },
      },
      { parent: this },
    );
    this.registerOutputs({});
  }
}

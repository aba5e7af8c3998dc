/**
 * Kubernetes helpers shared by the policies: which resource types carry a pod template, where the
 * template sits, how an object is named in a message, and the containers of a pod spec.
 */
import * as k8s from "@pulumi/kubernetes";
import { asRecord, at, isUnknown, pulumiType, UNKNOWN, type Unknown } from "./values";

/** Where each workload type keeps its pod template (the Pod itself is its own template). */
const TEMPLATE_PATHS: ReadonlyArray<readonly [string, string, readonly string[]]> = [
  [pulumiType(k8s.apps.v1.Deployment), "Deployment", ["spec", "template"]],
  [pulumiType(k8s.apps.v1.StatefulSet), "StatefulSet", ["spec", "template"]],
  [pulumiType(k8s.apps.v1.DaemonSet), "DaemonSet", ["spec", "template"]],
  [pulumiType(k8s.apps.v1.ReplicaSet), "ReplicaSet", ["spec", "template"]],
  [pulumiType(k8s.batch.v1.Job), "Job", ["spec", "template"]],
  [pulumiType(k8s.batch.v1.CronJob), "CronJob", ["spec", "jobTemplate", "spec", "template"]],
  [pulumiType(k8s.core.v1.Pod), "Pod", []],
];

const BY_TYPE = new Map(TEMPLATE_PATHS.map(([type, kind, path]) => [type, { kind, path }]));

/** Type tokens of every resource that carries a pod template. */
export const POD_TEMPLATE_TYPES: readonly string[] = TEMPLATE_PATHS.map(([type]) => type);

export const SERVICE_ACCOUNT_TYPE = pulumiType(k8s.core.v1.ServiceAccount);
export const SERVICE_TYPE = pulumiType(k8s.core.v1.Service);
export const DEPLOYMENT_TYPE = pulumiType(k8s.apps.v1.Deployment);
/** ALB for Containers `HealthCheckPolicy` (a CustomResource: `kubernetes:<apiVersion>:<kind>`). */
export const HEALTH_CHECK_POLICY_TYPE = "kubernetes:alb.networking.azure.io/v1:HealthCheckPolicy";

/** Namespace the Kubernetes provider uses when an object names none. */
export const DEFAULT_NAMESPACE = "default";

/** A pod template found in a workload. */
export interface PodTemplate {
  /** Kind of the workload, e.g. `Deployment`. */
  readonly kind: string;
  /** `Kind namespace/name`, for messages. */
  readonly ref: string;
  /** Namespace of the workload (unknown in a preview when it comes from another resource). */
  readonly namespace: string | Unknown;
  /** Dotted path of the template inside the object, `""` for a Pod. */
  readonly path: string;
  /** The workload's own `metadata` (not the template's). */
  readonly objectMetadata: unknown;
  /** The template's `metadata`. */
  readonly metadata: unknown;
  /** The template's `spec` (a PodSpec). */
  readonly spec: unknown;
}

/** `metadata.namespace`, `default` when unset. */
export function namespaceOf(props: unknown): string | Unknown {
  const ns = at(props, "metadata", "namespace");
  if (isUnknown(ns)) return UNKNOWN;
  return typeof ns === "string" && ns !== "" ? ns : DEFAULT_NAMESPACE;
}

/** `metadata.name`, falling back to the Pulumi logical name (auto-named objects). */
export function nameOf(props: unknown, logicalName: string): string | Unknown {
  const name = at(props, "metadata", "name");
  if (isUnknown(name)) return UNKNOWN;
  return typeof name === "string" && name !== "" ? name : logicalName;
}

/** `Kind namespace/name` (an unknown part shows as `<unknown>`). */
export function objectRef(kind: string, props: unknown, logicalName: string): string {
  const ns = namespaceOf(props);
  const name = nameOf(props, logicalName);
  return `${kind} ${isUnknown(ns) ? "<unknown>" : ns}/${isUnknown(name) ? "<unknown>" : name}`;
}

/** Kind of a Kubernetes type token: `kubernetes:apps/v1:Deployment` -> `Deployment`. */
export function kindOfType(type: string): string {
  return type.slice(type.lastIndexOf(":") + 1);
}

/** The pod template of a workload resource, or undefined when the type has none. */
export function podTemplateOf(type: string, props: unknown, logicalName: string): PodTemplate | undefined {
  const entry = BY_TYPE.get(type);
  if (!entry) return undefined;
  const template = entry.path.length === 0 ? props : at(props, ...entry.path);
  return {
    kind: entry.kind,
    ref: objectRef(entry.kind, props, logicalName),
    namespace: namespaceOf(props),
    path: entry.path.join("."),
    objectMetadata: at(props, "metadata"),
    metadata: at(template, "metadata"),
    spec: at(template, "spec"),
  };
}

/** `<template path>.<rest>` without a leading dot for a Pod. */
export function fieldPath(template: PodTemplate, rest: string): string {
  return template.path === "" ? rest : `${template.path}.${rest}`;
}

/** One container of a pod spec. */
export interface ContainerRef {
  /** `containers` or `initContainers`. */
  readonly list: "containers" | "initContainers";
  readonly index: number;
  /** Container name (or `#index` when unknown/unset). */
  readonly name: string;
  /** Dotted path of the container, e.g. `spec.template.spec.containers[0]`. */
  readonly path: string;
  readonly value: unknown;
}

/** Every known container and init container of a pod template. Unknown lists or entries are skipped. */
export function containersOf(template: PodTemplate): ContainerRef[] {
  const out: ContainerRef[] = [];
  for (const list of ["containers", "initContainers"] as const) {
    const items = at(template.spec, list);
    if (!Array.isArray(items)) continue;
    items.forEach((value, index) => {
      if (isUnknown(value) || asRecord(value) === undefined) return;
      const name = at(value, "name");
      out.push({
        list,
        index,
        name: typeof name === "string" ? name : `#${index}`,
        path: fieldPath(template, `spec.${list}[${index}]`),
        value,
      });
    });
  }
  return out;
}

/** The labels of a metadata object: a record, unknown, or undefined. */
export function labelsOf(metadata: unknown): Record<string, unknown> | Unknown | undefined {
  const labels = at(metadata, "labels");
  if (isUnknown(labels)) return UNKNOWN;
  return asRecord(labels);
}

/** The service account a pod spec runs as (`default` when unset). */
export function serviceAccountOf(spec: unknown): string | Unknown {
  const sa = at(spec, "serviceAccountName");
  if (isUnknown(sa)) return UNKNOWN;
  if (typeof sa === "string" && sa !== "") return sa;
  const legacy = at(spec, "serviceAccount");
  if (isUnknown(legacy)) return UNKNOWN;
  return typeof legacy === "string" && legacy !== "" ? legacy : "default";
}

/**
 * The one place names, labels and selectors are built.
 *
 * Three kinds of name are kept apart:
 * - the Pulumi logical name (part of the URN; changing it is a replace),
 * - the Kubernetes `metadata.name` (explicit wherever another object refers to it by string),
 * - the Azure resource name.
 */
import { APP_NAME, CHART_COMPONENT_LABEL, TYPE_PREFIX, WORKLOAD_IDENTITY } from "./constants";

/** Modules of the type-token scheme `pulse-os:<module>:<Class>`. */
export type TokenModule = "azure" | "identity" | "config" | "kubernetes" | "workload" | "network";

/** The stable type token of a ComponentResource. Renaming one requires an alias. */
export function typeToken(module: TokenModule, className: string): string {
  return `${TYPE_PREFIX}:${module}:${className}`;
}

/** What a pod does; one of the three values of `app.kubernetes.io/component`. */
export type Component = "api" | "worker" | "exporter";

/** Identifies one workload for labelling. */
export interface WorkloadId {
  /** `app.kubernetes.io/component`. */
  readonly component: Component;
  /** `app.kubernetes.io/instance`: the workload's own name, never the image or version. */
  readonly instance: string;
}

/**
 * Selector labels. They are immutable on Deployments, so they are minimal and never include a
 * version, an image, a colour or anything from config other than the workload's own name.
 */
export function selectorLabels(id: WorkloadId): Record<string, string> {
  return {
    "app.kubernetes.io/name": APP_NAME,
    "app.kubernetes.io/instance": id.instance,
    "app.kubernetes.io/component": id.component,
  };
}

/** Metadata labels common to every object the program owns. */
export function commonLabels(version?: string): Record<string, string> {
  const labels: Record<string, string> = {
    "app.kubernetes.io/part-of": APP_NAME,
    "app.kubernetes.io/managed-by": "pulumi",
  };
  if (version !== undefined) labels["app.kubernetes.io/version"] = labelValue(version);
  return labels;
}

/**
 * Full metadata labels of a workload object: selector + common + the chart's `component` label +
 * extras. Extras can never override a selector key (that would silently break the Deployment's
 * selector).
 */
export function workloadLabels(id: WorkloadId, version?: string, extra: Record<string, string> = {}): Record<string, string> {
  return { ...extra, [CHART_COMPONENT_LABEL]: id.component, ...commonLabels(version), ...selectorLabels(id) };
}

/** Pod-template labels: the workload labels plus the workload-identity label the webhook selects on. */
export function podTemplateLabels(id: WorkloadId, version?: string): Record<string, string> {
  return workloadLabels(id, version, { [WORKLOAD_IDENTITY.useLabel]: "true" });
}

/** A valid label value (≤63 chars, alphanumeric at both ends) derived from any string. */
export function labelValue(value: string): string {
  const cleaned = value.replace(/[^A-Za-z0-9._-]/g, "-").slice(0, 63);
  return cleaned.replace(/^[^A-Za-z0-9]+/, "").replace(/[^A-Za-z0-9]+$/, "");
}

/** Name of the worker namespace for a colour: `<prefix>-<color>`. */
export function workerNamespaceName(prefix: string, color: string): string {
  return `${prefix}-${color}`;
}

/** Azure resource name: `<kind>-<app>-<stack>-<suffix>`, lower case, as Azure naming guidance suggests. */
export function azureName(kind: string, stack: string, suffix?: string): string {
  return [kind, APP_NAME, stack, suffix]
    .filter((p) => p !== undefined && p !== "")
    .join("-")
    .toLowerCase();
}

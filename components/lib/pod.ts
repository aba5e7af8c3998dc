/**
 * The pod template shared by the API, the workers and the exporter: one place for the security
 * context, the writable `/tmp`, resources, probes and scheduling. Composition, not inheritance:
 * each component calls {@link podSpec} with its containers.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { AKS_NODE } from "./constants";

import Input = k8s.types.input.core.v1;

/** CPU and memory of one side of a container's resources. */
export interface ResourceAmounts {
  readonly cpu: string;
  readonly memory: string;
}

/** Requests and limits of one container. */
export interface Resources {
  readonly requests: ResourceAmounts;
  readonly limits: ResourceAmounts;
}

/** Probe timings (the handler is chosen by the caller). */
export interface ProbeTimings {
  readonly initialDelaySeconds: number;
  readonly periodSeconds: number;
  readonly timeoutSeconds: number;
  readonly failureThreshold: number;
}

/** How a container reads its settings. */
export interface EnvSources {
  /** ConfigMaps consumed whole through `envFrom`. */
  readonly configMaps?: readonly string[];
  /** Secrets consumed whole through `envFrom`. */
  readonly secrets?: readonly string[];
  /** ConfigMaps/Secrets that may not exist yet (e.g. written later by a controller); omitted: none. */
  readonly optional?: readonly string[];
}

/** One container of a pod. */
export interface ContainerArgs {
  readonly name: string;
  readonly image: string;
  readonly imagePullPolicy: "IfNotPresent" | "Always";
  /** Exec-form command; the first element receives SIGTERM directly. */
  readonly command: readonly string[];
  /** Arguments after the command; Kubernetes expands `$(NAME)` from the container's environment. Omitted or empty: none. */
  readonly args?: readonly string[];
  /** Named container ports, e.g. `{ http: 8989 }`; omitted: none. */
  readonly ports?: Readonly<Record<string, number>>;
  /** Literal environment variables; omitted: none. */
  readonly env?: Readonly<Record<string, string>>;
  /** ConfigMaps and Secrets consumed whole; omitted: none. */
  readonly envFrom?: EnvSources;
  readonly resources: Resources;
  readonly readinessProbe?: Input.Probe;
  readonly livenessProbe?: Input.Probe;
  readonly startupProbe?: Input.Probe;
  readonly lifecycle?: Input.Lifecycle;
}

/** Scheduling of a pod onto AKS node pools. */
export interface Placement {
  /** Value of `kubernetes.azure.com/agentpool` the pod must run on. */
  readonly nodePool: string;
  /**
   * Tolerate the AKS spot taint and require spot nodes. A spot pool is its own AKS agent pool, so
   * `nodePool` is then not used: the pod is pinned to `spotNodePool` when given, else to any spot
   * node. Omitted: regular nodes.
   */
  readonly spot?: boolean;
  /** Agent pool of the spot nodes; omitted: any spot pool. */
  readonly spotNodePool?: string;
}

/** Pod-level arguments. */
export interface PodArgs {
  readonly serviceAccountName: pulumi.Input<string>;
  /** UID and GID of every container (non-root). */
  readonly runAsUser: number;
  readonly placement: Placement;
  readonly containers: readonly ContainerArgs[];
  readonly terminationGracePeriodSeconds: number;
  /** `Always` for Deployments, `Never` for the exporter's Jobs. */
  readonly restartPolicy: "Always" | "Never" | "OnFailure";
  /** Spread constraints (zones, hosts); omitted or empty: none. */
  readonly topologySpreadConstraints?: Input.TopologySpreadConstraint[];
}

/** How strictly pods spread across zones and nodes. */
export interface SpreadArgs {
  readonly zone: "off" | "ScheduleAnyway" | "DoNotSchedule";
  readonly host: "off" | "ScheduleAnyway" | "DoNotSchedule";
}

/**
 * Topology spread constraints over zones and hosts. `matchLabelKeys: [pod-template-hash]`
 * makes each rollout spread on its own instead of counting the old ReplicaSet's pods.
 */
export function spreadConstraints(selector: Record<string, string>, spread: SpreadArgs): Input.TopologySpreadConstraint[] {
  const constraints: Input.TopologySpreadConstraint[] = [];
  for (const [key, mode] of [
    [AKS_NODE.zoneLabel, spread.zone],
    [AKS_NODE.hostnameLabel, spread.host],
  ] as const) {
    if (mode === "off") continue;
    constraints.push({
      maxSkew: 1,
      topologyKey: key,
      whenUnsatisfiable: mode,
      labelSelector: { matchLabels: selector },
      matchLabelKeys: ["pod-template-hash"],
    });
  }
  return constraints;
}

/** Size cap of the `/tmp` emptyDir, so a runaway temp file cannot fill the node. */
const TMP_SIZE_LIMIT = "256Mi";
const TMP_VOLUME = "tmp";

/** Probe that runs an HTTP GET against the container's named port. */
export function httpProbe(path: string, portName: string, timings: ProbeTimings): Input.Probe {
  return { httpGet: { path, port: portName, scheme: "HTTP" }, ...timings };
}

/** Probe that runs a command in the container. */
export function execProbe(command: readonly string[], timings: ProbeTimings): Input.Probe {
  return { exec: { command: [...command] }, ...timings };
}

/** Container security context satisfying Pod Security `restricted` (and the linters). */
export function containerSecurityContext(runAsUser: number): Input.SecurityContext {
  return {
    allowPrivilegeEscalation: false,
    privileged: false,
    readOnlyRootFilesystem: true,
    runAsNonRoot: true,
    runAsUser,
    runAsGroup: runAsUser,
    capabilities: { drop: ["ALL"] },
    seccompProfile: { type: "RuntimeDefault" },
  };
}

/** Node selector, tolerations and affinity for a placement. */
export function placementSpec(placement: Placement): Partial<Pick<Input.PodSpec, "nodeSelector" | "tolerations" | "affinity">> {
  if (!placement.spot) return { nodeSelector: { [AKS_NODE.agentPoolLabel]: placement.nodePool } };
  // Terms are ORed: match the deprecated `scalesetpriority` label or its `priority` successor.
  const spotTerms = [AKS_NODE.spotKey, AKS_NODE.priorityLabel].map((key) => ({ matchExpressions: [{ key, operator: "In", values: [AKS_NODE.spotValue] }] }));
  return {
    ...(placement.spotNodePool !== undefined ? { nodeSelector: { [AKS_NODE.agentPoolLabel]: placement.spotNodePool } } : {}),
    tolerations: [{ key: AKS_NODE.spotKey, operator: "Equal", value: AKS_NODE.spotValue, effect: "NoSchedule" }],
    affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: spotTerms } } },
  };
}

function envFrom(sources: EnvSources = {}): Input.EnvFromSource[] {
  const optional = new Set(sources.optional ?? []);
  const ref = (name: string) => (optional.has(name) ? { name, optional: true } : { name });
  return [...(sources.configMaps ?? []).map((name) => ({ configMapRef: ref(name) })), ...(sources.secrets ?? []).map((name) => ({ secretRef: ref(name) }))];
}

/** The grace period Kubernetes applies when a pod spec sets none. */
export const KUBERNETES_DEFAULT_GRACE_SECONDS = 30;

/** One container: the env and port maps become EnvVar[] / named ContainerPort[]; empty lists are left out. */
function container(args: ContainerArgs, runAsUser: number): Input.Container {
  const env = Object.entries(args.env ?? {}).map(([name, value]) => ({ name, value }));
  const ports = Object.entries(args.ports ?? {}).map(([name, containerPort]) => ({ name, containerPort }));
  const from = envFrom(args.envFrom);
  return {
    name: args.name,
    image: args.image,
    imagePullPolicy: args.imagePullPolicy,
    command: [...args.command],
    ...(args.args !== undefined && args.args.length > 0 ? { args: [...args.args] } : {}),
    ...(env.length > 0 ? { env } : {}),
    ...(ports.length > 0 ? { ports } : {}),
    ...(from.length > 0 ? { envFrom: from } : {}),
    resources: { requests: { ...args.resources.requests }, limits: { ...args.resources.limits } },
    securityContext: containerSecurityContext(runAsUser),
    volumeMounts: [{ name: TMP_VOLUME, mountPath: "/tmp" }],
    ...(args.readinessProbe ? { readinessProbe: args.readinessProbe } : {}),
    ...(args.livenessProbe ? { livenessProbe: args.livenessProbe } : {}),
    ...(args.startupProbe ? { startupProbe: args.startupProbe } : {}),
    ...(args.lifecycle ? { lifecycle: args.lifecycle } : {}),
  };
}

/**
 * The pod spec of a workload: non-root, no privilege escalation, all capabilities dropped,
 * RuntimeDefault seccomp, read-only root filesystem with an emptyDir `/tmp`, no automounted
 * API token (the workload-identity webhook projects its own token), pinned to a node pool.
 *
 * A plain object, never built inside an `apply`: an unknown input (a name from an Output, a
 * provider being replaced) then stays one unknown field in `pulumi preview` instead of turning
 * the whole pod spec into one unknown (docs/decisions.md, "No kubernetesx").
 */
export function podSpec(args: PodArgs): Input.PodSpec {
  return {
    serviceAccountName: args.serviceAccountName,
    automountServiceAccountToken: false,
    enableServiceLinks: false,
    restartPolicy: args.restartPolicy,
    terminationGracePeriodSeconds: args.terminationGracePeriodSeconds,
    securityContext: {
      runAsNonRoot: true,
      runAsUser: args.runAsUser,
      runAsGroup: args.runAsUser,
      fsGroup: args.runAsUser,
      seccompProfile: { type: "RuntimeDefault" },
    },
    ...placementSpec(args.placement),
    containers: args.containers.map((c) => container(c, args.runAsUser)),
    volumes: [{ name: TMP_VOLUME, emptyDir: { sizeLimit: TMP_SIZE_LIMIT } }],
    ...(args.topologySpreadConstraints && args.topologySpreadConstraints.length > 0 ? { topologySpreadConstraints: args.topologySpreadConstraints } : {}),
  };
}

import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { API_SURFACES, type ApiSurfaceKey, SHARED_SETTINGS, SKIP_AWAIT_ANNOTATION } from "./lib/constants";
import { podTemplateLabels, selectorLabels, typeToken, workloadLabels, type WorkloadId } from "./lib/naming";
import { httpProbe, podSpec, spreadConstraints, type ProbeTimings, type Resources, type SpreadArgs } from "./lib/pod";
import { cpuAutoscaler, podDisruptionBudget, type AutoscalingArgs } from "./lib/scaling";
import { replicasOf } from "./lib/replicas";
import type { WorkloadArgs } from "./lib/workload";

/** Ports and resources of one FastAPI surface. */
export interface ApiSurfaceArgs {
  /** Container port. */
  readonly port: number;
  /** Service port. */
  readonly servicePort: number;
  readonly resources: Resources;
}

export interface ApiDeploymentArgs extends WorkloadArgs {
  /** Replicas (the minimum when an HPA owns them). */
  readonly replicas: number;
  /** AKS node pool. */
  readonly nodePool: string;
  readonly execution: ApiSurfaceArgs;
  readonly management: ApiSurfaceArgs;
  readonly readinessProbe: ProbeTimings;
  readonly livenessProbe: ProbeTimings;
  /** Holds off the liveness probe until the app answered once (slow cold starts). */
  readonly startupProbe: ProbeTimings;
  /** Seconds a terminating pod keeps serving before uvicorn gets SIGTERM (the gateway drains it). */
  readonly preStopSleepSeconds: number;
  /** Grace period: the preStop sleep plus uvicorn's own shutdown. */
  readonly terminationGracePeriodSeconds: number;
  /**
   * Where the gateway's requests come from (the ALB association subnet): uvicorn trusts their
   * `X-Forwarded-*` headers, so the app sees the client's `https`. Empty: uvicorn trusts 127.0.0.1 only.
   */
  readonly forwardedAllowIps: readonly string[];
  /** Pod-template annotations (e.g. a settings checksum that rolls the pods). */
  readonly podAnnotations: Readonly<Record<string, pulumi.Input<string>>>;
  /** CPU HPA when `mode` is `hpa` (then `replicas` is handed to it, lib/replicas.ts). */
  readonly autoscaling: AutoscalingArgs;
  /** PodDisruptionBudget. */
  readonly disruptionBudget: { readonly enabled: boolean; readonly maxUnavailable: number };
  /** Zone/host spread. */
  readonly topologySpread: SpreadArgs;
}

/** The Service in front of one surface. */
export interface ApiService {
  readonly name: string;
  readonly port: number;
  readonly targetPort: number;
}

/**
 * The API Deployment: `execution-api` and `management-api` (uvicorn) in one pod on the apps
 * pool, each probed on its own status path, plus one ClusterIP Service per surface.
 */
export class ApiDeployment extends pulumi.ComponentResource {
  /** Deployment name. */
  public readonly deploymentName: pulumi.Output<string>;
  /** The two Services, by surface. */
  public readonly services: { readonly [K in ApiSurfaceKey]: ApiService };

  constructor(name: string, args: ApiDeploymentArgs, opts?: pulumi.ComponentResourceOptions) {
    super(typeToken("workload", "ApiDeployment"), name, {}, opts);
    const id: WorkloadId = { component: "api", instance: "api" };
    const surfaces = { execution: args.execution, management: args.management };

    const containers = (Object.keys(API_SURFACES) as ApiSurfaceKey[]).map((key) => {
      const surface = API_SURFACES[key];
      const s = surfaces[key];
      return {
        name: surface.name,
        image: args.image,
        imagePullPolicy: args.imagePullPolicy,
        command: [
          "uvicorn",
          surface.app,
          "--host",
          "0.0.0.0",
          "--port",
          String(s.port),
          "--proxy-headers",
          ...(args.forwardedAllowIps.length > 0 ? [`--forwarded-allow-ips=${args.forwardedAllowIps.join(",")}`] : []),
        ],
        ports: { [surface.portName]: s.port },
        envFrom: { configMaps: [SHARED_SETTINGS.configMapName], secrets: [SHARED_SETTINGS.secretName] },
        resources: s.resources,
        readinessProbe: httpProbe(surface.statusPath, surface.portName, args.readinessProbe),
        livenessProbe: httpProbe(surface.statusPath, surface.portName, args.livenessProbe),
        startupProbe: httpProbe(surface.statusPath, surface.portName, args.startupProbe),
        // `sleep` (not an exec of /bin/sleep): the image needs no shell, and it passes PSA restricted.
        lifecycle: { preStop: { sleep: { seconds: args.preStopSleepSeconds } } },
      };
    });

    const autoscaled = args.autoscaling.mode === "hpa";
    const scale = replicasOf(args.replicas, autoscaled ? args.autoscaling.minReplicas : undefined);
    const labels = workloadLabels(id, args.version);
    const deployment = new k8s.apps.v1.Deployment(
      name,
      {
        metadata: { name: "api", namespace: args.namespace, labels },
        spec: {
          replicas: scale.replicas,
          revisionHistoryLimit: 5,
          // selector is immutable: never merge user or version labels here
          selector: { matchLabels: selectorLabels(id) },
          strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
          template: {
            metadata: { labels: podTemplateLabels(id, args.version), annotations: { ...args.podAnnotations } },
            spec: podSpec({
              restartPolicy: "Always",
              serviceAccountName: args.serviceAccountName,
              runAsUser: args.runAsUser,
              placement: { nodePool: args.nodePool },
              terminationGracePeriodSeconds: args.terminationGracePeriodSeconds,
              topologySpreadConstraints: spreadConstraints(selectorLabels(id), args.topologySpread),
              containers,
            }),
          },
        },
      },
      { parent: this, ...scale.opts },
    );
    this.deploymentName = deployment.metadata.name;

    const target = { namespace: args.namespace, name: "api", labels };
    if (args.disruptionBudget.enabled) {
      podDisruptionBudget(name, { ...target, selector: selectorLabels(id), maxUnavailable: args.disruptionBudget.maxUnavailable }, this);
    }
    if (autoscaled) cpuAutoscaler(name, target, args.autoscaling, this);

    const services = {} as { [K in ApiSurfaceKey]: ApiService };
    for (const key of Object.keys(API_SURFACES) as ApiSurfaceKey[]) {
      const surface = API_SURFACES[key];
      const s = surfaces[key];
      new k8s.core.v1.Service(
        `${name}-${key}`,
        {
          metadata: {
            name: surface.name,
            namespace: args.namespace,
            labels: workloadLabels(id, args.version),
            // The provider's Service await adds a fixed 10 s "settle" after every Endpoints change
            // (provider v4.25 pkg/await/service.go) although the Deployment it selects is awaited
            // until Ready already; the selector is the Deployment's own (one helper) and the policy
            // pack checks that the health-checked Service selects it. Helm's --wait does not wait
            // for endpoints either. docs/performance.md has the measurement.
            annotations: { [SKIP_AWAIT_ANNOTATION]: "true" },
          },
          spec: {
            type: "ClusterIP",
            selector: selectorLabels(id),
            ports: [{ name: "http", port: s.servicePort, targetPort: surface.portName, protocol: "TCP", appProtocol: "http" }],
          },
        },
        { parent: this },
      );
      services[key] = { name: surface.name, port: s.servicePort, targetPort: s.port };
    }
    this.services = services;

    this.registerOutputs({ deploymentName: this.deploymentName });
  }
}

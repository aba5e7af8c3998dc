/** `api`: the API Deployment (execution-api + management-api containers). */
import { z } from "zod";
import { ALWAYS, dnsLabel, positiveInt, probeTimings, resources } from "../fields";
import { autoscalingSchema, disruptionSchema, spreadSchema } from "./autoscaling";

const container = (port: number, servicePort: number, name: string) =>
  z
    .strictObject({
      port: z.int().min(1024).max(65535).default(port).meta({ description: "Container port (1024-65535); the two containers need different ports." }),
      servicePort: z.int().min(1).max(65535).default(servicePort).meta({ description: "Service port." }),
      resources: resources({ cpu: "100m", memory: "256Mi" }, { cpu: "500m", memory: "512Mi" }),
    })
    .prefault({})
    .meta({ description: `The ${name} container.` });

/** Seconds uvicorn needs after the preStop sleep to finish in-flight requests. */
const UVICORN_SHUTDOWN_SECONDS = 5;

export const apiSchema = z
  .strictObject({
    replicas: positiveInt().default(2).meta({ description: "Replicas (the minimum when autoscaled)." }),
    nodePool: dnsLabel().default("apps").meta({ description: "AKS agent pool." }),
    execution: container(8989, 80, "execution-api"),
    management: container(8888, 8080, "management-api"),
    readinessProbe: probeTimings(
      { initialDelaySeconds: 10, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 },
      "Readiness probe timings `{initialDelaySeconds, periodSeconds, timeoutSeconds, failureThreshold}`.",
    ),
    livenessProbe: probeTimings({ initialDelaySeconds: 30, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 }, "Liveness probe timings."),
    startupProbe: probeTimings(
      { initialDelaySeconds: 0, periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 60 },
      "Holds off the liveness probe until the app answered once: a cold start (imports, migrations, a throttled CPU) may take initialDelay + period × failures without being killed.",
    ),
    preStopSleepSeconds: positiveInt().default(10).meta({
      description:
        "A terminating pod keeps serving this long before uvicorn gets SIGTERM (`lifecycle.preStop.sleep`): the gateway stops sending to it first, so rollouts answer no 502s.",
    }),
    terminationGracePeriodSeconds: positiveInt()
      .default(45)
      .meta({ description: `At least \`preStopSleepSeconds\` + ${UVICORN_SHUTDOWN_SECONDS} (uvicorn's own shutdown).` }),
    autoscaling: autoscalingSchema,
    disruptionBudget: disruptionSchema,
    topologySpread: spreadSchema,
  })
  .prefault({})
  .superRefine((api, ctx) => {
    if (
      typeof api.preStopSleepSeconds === "number" &&
      typeof api.terminationGracePeriodSeconds === "number" &&
      api.preStopSleepSeconds + UVICORN_SHUTDOWN_SECONDS > api.terminationGracePeriodSeconds
    ) {
      ctx.addIssue({
        code: "custom",
        path: ["terminationGracePeriodSeconds"],
        message: `must leave uvicorn at least ${UVICORN_SHUTDOWN_SECONDS} s after the preStop sleep (api.preStopSleepSeconds is ${api.preStopSleepSeconds})`,
      });
    }
    if (api?.execution?.port !== undefined && api.execution.port === api.management?.port) {
      ctx.addIssue({
        code: "custom",
        path: ["management", "port"],
        message: `must differ from execution.port (${api.execution.port}): both containers share the pod's network namespace`,
      });
    }
    const a = api?.autoscaling;
    if (a?.mode === "keda")
      ctx.addIssue({ code: "custom", path: ["autoscaling", "mode"], message: "must be 'none' or 'hpa' for the API (KEDA scales the workers on queue length)" });
    if (a?.mode === "hpa" && a.minReplicas === 0)
      ctx.addIssue({ code: "custom", path: ["autoscaling", "minReplicas"], message: "must be at least 1 with mode 'hpa'" });
    if (typeof a?.minReplicas === "number" && typeof a.maxReplicas === "number" && a.minReplicas > a.maxReplicas) {
      ctx.addIssue({
        code: "custom",
        path: ["autoscaling", "minReplicas"],
        message: `minReplicas (${a.minReplicas}) must not exceed maxReplicas (${a.maxReplicas})`,
      });
    }
  }, ALWAYS)
  .meta({ description: "The API Deployment: execution-api and management-api in one pod." });

/** Autoscaling, disruption budget and topology spread of a workload (API and worker pools). */
import { z } from "zod";
import { nonNegativeInt, positiveInt } from "../fields";

export const autoscalingSchema = z
  .strictObject({
    mode: z.enum(["none", "keda", "hpa"]).default("none").meta({
      description:
        "`none`: fixed replicas; `hpa`: CPU HorizontalPodAutoscaler; `keda` (workers only): ScaledObject on the Redis list length of the pool's queues (with several queues a `scalingModifiers` formula scales on their sum). An autoscaled Deployment keeps `replicas` at the minimum under `ignoreChanges`.",
    }),
    minReplicas: nonNegativeInt().default(1).meta({
      description: "`0` only with `keda`, and only when every task ends within the drain (`timeLimitSeconds` below `terminationGracePeriodSeconds`).",
    }),
    maxReplicas: positiveInt().default(10).meta({ description: "At least `minReplicas`." }),
    cpuUtilization: z.int().min(1).max(100).default(70).meta({ description: "HPA target average CPU utilisation, % of requests." }),
    listLength: positiveInt().default(10).meta({ description: "KEDA target of waiting messages per replica." }),
    activationListLength: nonNegativeInt().default(0).meta({ description: "KEDA: messages needed to wake from zero." }),
    pollingInterval: positiveInt().default(30).meta({ description: "KEDA polling interval, seconds." }),
    cooldownPeriod: positiveInt().default(300).meta({ description: "KEDA cool-down before scaling to `minReplicas`, seconds." }),
    scaleDownStabilizationSeconds: nonNegativeInt()
      .default(300)
      .meta({ description: "Seconds of stable low load before replicas are removed (at most one pod a minute)." }),
  })
  .prefault({})
  .meta({ description: "Optional autoscaling of the Deployment." });

export const disruptionSchema = z
  .strictObject({
    enabled: z.boolean().default(true).meta({ description: "A PodDisruptionBudget (with `unhealthyPodEvictionPolicy: AlwaysAllow`)." }),
    maxUnavailable: positiveInt().default(1).meta({ description: "Pods that may be evicted at once." }),
  })
  .prefault({})
  .meta({ description: "PodDisruptionBudget." });

const spreadMode = () => z.enum(["off", "ScheduleAnyway", "DoNotSchedule"]);

export const spreadSchema = z
  .strictObject({
    zone: spreadMode().default("ScheduleAnyway").meta({ description: "Spread across `topology.kubernetes.io/zone`." }),
    host: spreadMode().default("ScheduleAnyway").meta({ description: "Spread across nodes (`kubernetes.io/hostname`)." }),
  })
  .prefault({})
  .meta({ description: "Topology spread of the pods." });

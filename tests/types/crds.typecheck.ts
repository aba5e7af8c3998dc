/**
 * Compile-time tests of the typed custom resources (components/lib/crds/). `npm run typecheck`
 * compiles this file (tsconfig.json includes tests/**); each `@ts-expect-error` line fails the
 * compilation if the error it expects is gone, so a type that stopped rejecting a misspelt field,
 * a wrong enum value, a missing required field or a mismatched apiVersion/kind breaks the build.
 * Jest never runs it (its testMatch is *.test.ts); nothing here is called.
 */
import * as pulumi from "@pulumi/pulumi";
import { customResource } from "../../components/lib/crds/custom-resource";

const metadata = { name: "example", namespace: "apps" };
const service = { group: "", kind: "Service", name: "execution-api" };

/** Objects the types must accept: every kind, Outputs and Promises at the leaves. */
export function accepted(): void {
  customResource("route", {
    apiVersion: "gateway.networking.k8s.io/v1",
    kind: "HTTPRoute",
    metadata,
    spec: {
      parentRefs: [{ name: pulumi.output("gateway"), namespace: "ingress", sectionName: "https" }],
      hostnames: ["api.example.com"],
      rules: [{ matches: [{ path: { type: "PathPrefix", value: Promise.resolve("/execution") } }], backendRefs: [{ ...service, port: 80, weight: 1 }] }],
    },
  });
  customResource("health", {
    apiVersion: "alb.networking.azure.io/v1",
    kind: "HealthCheckPolicy",
    metadata,
    spec: {
      targetRef: service,
      default: { interval: "5s", port: 8989, http: { path: "/status", match: { statusCodes: [{ start: 200, end: 299 }] } }, useTLS: false },
    },
  });
  customResource("scaled", {
    apiVersion: "keda.sh/v1alpha1",
    kind: "ScaledObject",
    metadata,
    spec: {
      scaleTargetRef: { name: "worker" },
      minReplicaCount: 0,
      triggers: [{ type: "redis", metadata: { address: "redis:6380", listName: "celery", listLength: "5" }, authenticationRef: { name: "worker-redis" } }],
    },
  });
  customResource("auth", {
    apiVersion: "keda.sh/v1alpha1",
    kind: "TriggerAuthentication",
    metadata,
    spec: { secretTargetRef: [{ parameter: "password", name: "redis", key: "REDIS_PASSWORD" }] },
  });
  customResource("sync", {
    apiVersion: "azconfig.io/v1",
    kind: "AzureAppConfigurationProvider",
    metadata,
    spec: {
      endpoint: pulumi.output("https://appcs.azconfig.io"),
      target: { configMapName: "settings" },
      configuration: { refresh: { enabled: true, interval: "1m" } },
    },
  });
}

/** Objects the types must reject, one mistake each. */
export function rejected(): void {
  customResource("route", {
    apiVersion: "gateway.networking.k8s.io/v1",
    kind: "HTTPRoute",
    metadata,
    spec: {
      // @ts-expect-error misspelt field: `parentRefs`
      parentRef: [{ name: "gateway" }],
    },
  });
  customResource("route", {
    apiVersion: "gateway.networking.k8s.io/v1",
    kind: "HTTPRoute",
    metadata,
    spec: {
      rules: [
        {
          backendRefs: [
            {
              name: "execution-api",
              // @ts-expect-error misspelt field three levels down: `weight`
              wieght: 1,
            },
          ],
        },
      ],
    },
  });
  customResource("route", {
    apiVersion: "gateway.networking.k8s.io/v1",
    kind: "HTTPRoute",
    metadata,
    // @ts-expect-error value outside the enum: `PathPrefix`
    spec: { rules: [{ matches: [{ path: { type: "Prefix", value: "/" } }] }] },
  });
  customResource("health", {
    apiVersion: "alb.networking.azure.io/v1",
    kind: "HealthCheckPolicy",
    metadata,
    spec: {
      targetRef: service,
      default: {
        // @ts-expect-error misspelt field: `healthyThreshold`
        healthyTreshold: 2,
      },
    },
  });
  customResource("health", {
    apiVersion: "alb.networking.azure.io/v1",
    kind: "HealthCheckPolicy",
    metadata,
    // @ts-expect-error missing required field: `targetRef`
    spec: { default: { interval: "5s" } },
  });
  customResource("scaled", {
    apiVersion: "keda.sh/v1alpha1",
    kind: "ScaledObject",
    metadata,
    spec: {
      scaleTargetRef: { name: "worker" },
      // @ts-expect-error misspelt field: `minReplicaCount`
      minReplicas: 0,
      triggers: [],
    },
  });
  customResource("scaled", {
    apiVersion: "keda.sh/v1alpha1",
    kind: "ScaledObject",
    metadata,
    spec: {
      scaleTargetRef: { name: "worker" },
      triggers: [
        {
          type: "redis",
          metadata: {
            listName: "celery",
            // @ts-expect-error misspelt redis scaler parameter: `listLength`
            listLenght: "5",
          },
        },
      ],
    },
  });
  customResource("auth", {
    apiVersion: "keda.sh/v1alpha1",
    kind: "TriggerAuthentication",
    metadata,
    spec: {
      // @ts-expect-error misspelt field: `secretTargetRef`
      secretTargetRefs: [{ parameter: "password", name: "redis", key: "REDIS_PASSWORD" }],
    },
  });
  customResource("sync", {
    apiVersion: "azconfig.io/v1",
    kind: "AzureAppConfigurationProvider",
    metadata,
    spec: {
      target: { configMapName: "settings" },
      configuration: {
        // @ts-expect-error misspelt field: `trimKeyPrefixes`
        trimKeyPrefix: ["pulse:"],
      },
    },
  });
  customResource("sync", {
    apiVersion: "azconfig.io/v1",
    kind: "AzureAppConfigurationProvider",
    metadata,
    // @ts-expect-error value outside the enum: `yaml`
    spec: { target: { configMapName: "settings", configMapData: { type: "yml", key: "settings.yaml" } } },
  });
  customResource("route", {
    // @ts-expect-error apiVersion of another kind
    apiVersion: "keda.sh/v1alpha1",
    kind: "HTTPRoute",
    metadata,
    spec: {},
  });
}

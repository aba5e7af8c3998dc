/** `routing` and `networkPolicy`: how requests reach the API and what each namespace may reach. */
import { z } from "zod";
import { cidr, dnsLabel, dnsSubdomain, duration, port, positiveInt } from "../fields";

/** RFC 1123 host name, optionally with a single leading `*.` wildcard (Gateway API hostnames). */
const HOSTNAME = /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+$/;

export const routingSchema = z
  .strictObject({
    hostnames: z
      .array(z.string().max(253).regex(HOSTNAME, "must be a host name such as 'api.example.com' (optionally '*.example.com')"))
      .min(1, "needs at least one host name")
      .meta({ description: "Host names of the HTTPRoute (required); the first, not a wildcard, builds the URL outputs." }),
    gateway: z
      .strictObject({
        name: dnsSubdomain().default("https-gateway").meta({ description: "Gateway the route attaches to." }),
        namespace: dnsLabel().default("ingress").meta({ description: "Its namespace; never one the program owns." }),
        sectionName: dnsLabel().default("https").meta({
          description:
            "The listener the route attaches to; always one (without it the route would attach to every listener that allows it, a plain-HTTP one included).",
        }),
      })
      .prefault({})
      .meta({ description: "The Gateway." }),
    healthCheck: z
      .strictObject({
        interval: duration().default("5s").meta({ description: "Probe interval." }),
        timeout: duration().default("3s").meta({ description: "Probe timeout." }),
        healthyThreshold: positiveInt().default(1).meta({ description: "Successes to mark a backend healthy." }),
        unhealthyThreshold: positiveInt().default(3).meta({ description: "Failures to mark a backend unhealthy." }),
      })
      .prefault({})
      .meta({ description: "ALB for Containers health probes (HealthCheckPolicy), on the API's readiness paths." }),
  })
  .meta({ description: "The Gateway API route to the API (required)." });

export const networkPolicySchema = z
  .strictObject({
    enabled: z.boolean().default(true).meta({
      description:
        "Default-deny (ingress and egress) in every namespace the program owns, then only DNS, the gateway to the API ports, the broker, Azure on 443 and the exporter's targets.",
    }),
    gatewayNamespaces: z.array(dnsLabel()).optional().meta({
      description:
        "Namespaces whose pods may reach the API ports; `[routing.gateway.namespace]` when omitted. Only for a gateway whose data plane runs in the cluster (ALB for Containers does not).",
    }),
    gatewayCidrs: z.array(cidr()).default([]).meta({
      description:
        "The ALB for Containers association subnet (required when `enabled`): requests and health probes reach the pods from there. Also the addresses uvicorn trusts for `X-Forwarded-*`.",
    }),
    broker: z
      .strictObject({
        cidrs: z
          .array(cidr())
          .min(1, "needs at least one CIDR")
          .default(["0.0.0.0/0"])
          .meta({ description: "Broker address ranges; narrow to the Redis private endpoint." }),
        port: port().optional().meta({
          description:
            "Broker port: the port of `settings.values.BROKER_URL` when omitted, else 6380 (Azure Cache for Redis, TLS); an explicit value must agree with `BROKER_URL`.",
        }),
      })
      .prefault({})
      .meta({ description: "What the API and the workers may reach of the broker." }),
    azureCidrs: z
      .array(cidr())
      .min(1, "needs at least one CIDR")
      .default(["0.0.0.0/0"])
      .meta({ description: "Ranges reachable on 443 (Entra ID token exchange, App Configuration)." }),
    exporterEgress: z
      .array(z.strictObject({ cidr: cidr(), port: port() }))
      .default([])
      .meta({ description: "`[{cidr, port}]` the exporter may reach (what it exports to)." }),
  })
  .prefault({})
  .meta({ description: "Network policies of the namespaces the program owns." });

import { ConfigValidationError, validateConfig } from "../config";
import { cronScheduleError } from "../config/cron";
import { parseQuantity } from "../config/quantity";
import { SCHEDULES } from "./bad-config.schedules";

const base = () => ({
  image: { registry: "myacr.azurecr.io", tag: "1.2.3" },
  azure: { resourceGroupName: "rg", location: "westeurope", aks: { resourceGroupName: "rg-aks", clusterName: "aks" } },
  routing: { hostnames: ["api.example.com"] },
  networkPolicy: { gatewayCidrs: ["10.225.0.0/24"] },
});

function problems(input: Record<string, unknown>, stack?: string): string[] {
  try {
    validateConfig(input, undefined, stack === undefined ? {} : { stack });
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigValidationError);
    return [...(err as ConfigValidationError).problems];
  }
  return [];
}

describe("worker pools", () => {
  it("inherit every field from workers, merged deeply: a pool that sets only requests keeps the workers' limits", () => {
    const cfg = validateConfig({
      ...base(),
      workers: {
        concurrency: 2,
        timeLimitSeconds: 60,
        resources: { limits: { cpu: "2" } },
        pools: {
          small: { queues: ["small"], resources: { requests: { memory: "512Mi" } }, autoscaling: { maxReplicas: 4 } },
          big: { queues: ["big"], replicas: 1 },
        },
      },
    });
    expect(Object.keys(cfg.workers.pools)).toEqual(["big", "small"]);
    const small = cfg.workers.pools["small"]!;
    expect(small.resources).toEqual({ requests: { cpu: "100m", memory: "512Mi" }, limits: { cpu: "2", memory: "1Gi" } });
    expect([small.queues, small.concurrency, small.timeLimitSeconds, small.replicas, small.autoscaling.maxReplicas, small.autoscaling.minReplicas]).toEqual([
      ["small"],
      2,
      60,
      3,
      4,
      1,
    ]);
    expect(cfg.workers.pools["big"]!.replicas).toBe(1);
    expect(cfg.workers.pools["big"]!.resources.limits).toEqual({ cpu: "2", memory: "1Gi" });
  });

  it("is one pool named worker, built from the workers fields, when none is named", () => {
    const cfg = validateConfig({ ...base(), workers: { replicas: 4, queue: "jobs" } });
    expect(Object.keys(cfg.workers.pools)).toEqual(["worker"]);
    expect([cfg.workers.pools["worker"]!.replicas, cfg.workers.pools["worker"]!.queues]).toEqual([4, ["jobs"]]);
  });
});

describe("values the way `pulumi config set --path` stores them", () => {
  it("takes numbers and booleans where a string is expected: quantities, tags, environment and App Configuration values", () => {
    const cfg = validateConfig({
      ...base(),
      azure: { ...base().azure, tags: { costCenter: 4711, shared: false } },
      appConfiguration: { keyValues: { CELERY_PREFETCH_MULTIPLIER: 1, FEATURE_X: true } },
      settings: { values: { WORKERS: 4, DEBUG: false } },
      exporter: { args: { PAGE_SIZE: 500 } },
      workers: { resources: { limits: { cpu: 1, memory: "2Gi" }, requests: { cpu: 0.5 } } },
      image: { registry: "myacr.azurecr.io", tag: 2026 },
    });
    expect(cfg.azure.tags).toEqual({ costCenter: "4711", shared: "false" });
    expect(cfg.appConfiguration.keyValues).toEqual({ CELERY_PREFETCH_MULTIPLIER: "1", FEATURE_X: "true" });
    expect(cfg.settings.values).toEqual({ WORKERS: "4", DEBUG: "false" });
    expect(cfg.exporter.args).toEqual({ PAGE_SIZE: "500" });
    expect(cfg.workers.resources).toEqual({ requests: { cpu: "0.5", memory: "850Mi" }, limits: { cpu: "1", memory: "2Gi" } });
    expect(cfg.image.tag).toBe("2026");
  });
});

describe("resource quantities, as the API server parses them", () => {
  const accepted = [
    "1",
    "0.5",
    ".5",
    "5.",
    "+1",
    "100m",
    "850Mi",
    "1Gi",
    "1.5Gi",
    "1e3",
    "1E3",
    "1e-3",
    "1E+2",
    "2k",
    "3M",
    "1G",
    "1T",
    "1P",
    "1E",
    "1Ei",
    "500u",
    "100n",
    "0.1n",
    "007",
    "1.G",
  ];
  const refused = ["", "lots", "1K", "1 Gi", "1gi", "1e", "1e+", "1.2.3", "Mi1", "1Mi5", "1ee3", "0x10", "1,5"];

  it.each(accepted)("accepts %j", (q) => expect(parseQuantity(q)).toBeDefined());
  it.each(refused)("refuses %j", (q) => expect(parseQuantity(q)).toBeUndefined());

  it("compares exactly across suffixes (1 = 1000m, 1Gi = 1024Mi > 1G, 0.1n rounds up to 1n)", () => {
    const cmp = (a: string, b: string) => parseQuantity(a)!.compare(parseQuantity(b)!);
    expect([cmp("1", "1000m"), cmp("1Gi", "1024Mi"), cmp("1Gi", "1G"), cmp("1e3", "1k"), cmp("0.1n", "1n"), cmp("999m", "1")]).toEqual([0, 0, 1, 0, 0, -1]);
  });

  it("is positive only when the API server's value is above zero (signs and digit-less zeros)", () => {
    expect(["0", "-1", "+", ".", "Mi", "-0.5"].map((q) => parseQuantity(q)?.sign)).toEqual([0, -1, 0, 0, 0, -1]);
  });
});

describe("CronJob schedules", () => {
  it.each(SCHEDULES.map((c) => [c.schedule, c.accepted] as const))("%j: accepted %s, as the API server says (tests/e2e/cron.e2e.ts)", (schedule, accepted) => {
    expect(cronScheduleError(schedule) === undefined).toBe(accepted);
  });
});

describe("names the naming scheme derives from the stack name", () => {
  it("refuses a stack whose default store and identity names Azure would refuse", () => {
    expect(problems(base(), "team.pulse_os-with-a-very-long-stack-name-x")).toEqual([
      "pulse-os:appConfiguration.storeName: is required for stack 'team.pulse_os-with-a-very-long-stack-name-x': the default store name 'appcs-pulse-os-team.pulse_os-with-a-very-long-stack-name-x' is not a valid App Configuration name (5-50 letters, digits or '-'); set one",
      "pulse-os:azure: stack name 'team.pulse_os-with-a-very-long-stack-name-x' makes identity names Azure refuses (id-pulse-os-team.pulse_os-with-a-very-long-stack-name-x-apps, id-pulse-os-team.pulse_os-with-a-very-long-stack-name-x-workers, id-pulse-os-team.pulse_os-with-a-very-long-stack-name-x-exporter: 3-128 letters, digits, '-' or '_'); use a stack name of letters, digits and '-'",
    ]);
    expect(problems(base(), "dev")).toEqual([]);
  });
});

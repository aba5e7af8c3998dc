import { celeryDrainFitsGrace as policy, celeryTimeLimit } from "../policies/celery-drain-fits-grace";
import { deployment } from "./fixtures";
import { runResourcePolicy, unknown } from "./helpers";

function worker(command: unknown[], grace?: unknown) {
  const d = deployment();
  d.props.metadata = { name: "worker", namespace: "workers-blue" };
  d.props.spec.template.spec.containers[0].name = "worker";
  d.props.spec.template.spec.containers[0].command = command;
  if (grace === undefined) delete d.props.spec.template.spec.terminationGracePeriodSeconds;
  else d.props.spec.template.spec.terminationGracePeriodSeconds = grace;
  return d;
}

const CELERY = ["celery", "-A", "main_worker", "worker", "-P", "prefork"];

describe("celery-drain-fits-grace", () => {
  it("reads --time-limit in both spellings, and only from a Celery worker command", () => {
    expect(celeryTimeLimit([...CELERY, "--time-limit=600"])).toBe(600);
    expect(celeryTimeLimit([...CELERY, "--time-limit", "90"])).toBe(90);
    expect(celeryTimeLimit([...CELERY])).toBeUndefined();
    expect(celeryTimeLimit(["python", "main_export.py", "--time-limit=600"])).toBeUndefined();
  });

  it("passes a worker whose time limit is below the grace period, and one without a time limit", async () => {
    expect(await runResourcePolicy(policy, worker([...CELERY, "--time-limit=600"], 960))).toEqual([]);
    expect(await runResourcePolicy(policy, worker([...CELERY], 30))).toEqual([]);
  });

  it("rejects a time limit at or above the grace period, naming both values", async () => {
    expect(await runResourcePolicy(policy, worker([...CELERY, "--time-limit=600"], 120))).toEqual([
      'Deployment workers-blue/worker: container "worker" runs tasks for up to --time-limit=600s, not below terminationGracePeriodSeconds 120s: ' +
        "a task still running when the pod is drained is killed at the end of the grace period and redelivered",
    ]);
  });

  it("compares with Kubernetes' default of 30 s when the grace period is not set", async () => {
    expect(await runResourcePolicy(policy, worker([...CELERY, "--time-limit=30"]))).toHaveLength(1);
  });

  it("says nothing while the grace period or the command is unknown (preview of a new stack)", async () => {
    expect(await runResourcePolicy(policy, worker([...CELERY, "--time-limit=600"], unknown.number))).toEqual([]);
    expect(await runResourcePolicy(policy, worker(unknown.array as unknown as unknown[], 10))).toEqual([]);
  });
});

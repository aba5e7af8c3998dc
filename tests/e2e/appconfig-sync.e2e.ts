/**
 * The workers are gated on the App Configuration provider's first sync, through the real engine.
 * No provider controller runs on the local cluster, so this suite plays it: when the
 * AzureAppConfigurationProvider appears it writes the synced ConfigMap and reports
 * `status.phase: COMPLETE`, the way the real controller does after its first sync.
 */
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { APP_CONFIGURATION_TARGETS } from "../../components/lib/constants";
import { kubectlAsync, repoStackConfig } from "../../scripts/lib/engine";
import { EngineStack, kubectlJson, podsOf, type Obj } from "./lib/harness";

const exists = (args: string[]) =>
  kubectlAsync(["get", ...args, "-o", "name"]).then(
    () => true,
    () => false,
  );

interface StandIn {
  stop(): void;
  /** Whether the worker Deployment already existed when the sync was reported (it must not). */
  readonly workersBeforeSync: Promise<boolean>;
}

/**
 * Plays the provider controller in `namespace`: once the provider object exists and the API is
 * Ready (the API does not wait for the sync, so by then a worker Deployment that does not wait
 * for it would exist as well), records whether the workers exist, then writes the synced
 * ConfigMap and the status.
 */
function standInController(namespace: string): StandIn {
  let stopped = false;
  const workersBeforeSync = (async () => {
    for (;;) {
      if (stopped) throw new Error("stopped before the provider object appeared");
      const ready =
        (await exists(["azureappconfigurationproviders.azconfig.io", APP_CONFIGURATION_TARGETS.providerName, "-n", namespace])) &&
        (await kubectlAsync(["get", "deployment", "api", "-n", "apps", "-o", "jsonpath={.status.readyReplicas}"]).then(
          (n) => Number(n) >= 1,
          () => false,
        ));
      if (ready) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const workersExisted = await exists(["deployment", "worker", "-n", namespace]);
    const configMap = {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: APP_CONFIGURATION_TARGETS.configMapName, namespace },
      data: { CELERY_LOG_LEVEL: "INFO" },
    };
    await kubectlAsync(["apply", "--server-side", "--field-manager=appconfig-provider-stand-in", "-f", "-"], JSON.stringify(configMap));
    await kubectlAsync([
      "patch",
      "azureappconfigurationproviders.azconfig.io",
      APP_CONFIGURATION_TARGETS.providerName,
      "-n",
      namespace,
      "--subresource=status",
      "--type=merge",
      "-p",
      '{"status":{"phase":"COMPLETE","message":"synced by the e2e stand-in"}}',
    ]);
    return workersExisted;
  })();
  return {
    stop: () => {
      stopped = true;
    },
    workersBeforeSync,
  };
}

void describe("the workers wait for the first App Configuration sync", { concurrency: false }, () => {
  const appConfiguration = { ...(repoStackConfig("local")["pulse-os:appConfiguration"] as Obj), waitForSync: true };
  const s = new EngineStack("e2e-sync", { "pulse-os:appConfiguration": appConfiguration });
  before(() => s.open());
  after(() => s.dispose());

  void it("creates the worker Deployment only after the provider reported its sync complete, and its pods read the synced ConfigMap", async () => {
    const controller = standInController("workers-blue");
    try {
      const r = await s.up();
      assert.equal(r.summary.result, "succeeded");
      assert.equal(await controller.workersBeforeSync, false, "the worker Deployment existed before the sync was reported");
    } finally {
      controller.stop();
    }
    assert.equal(kubectlJson(["get", "deployment", "worker", "-n", "workers-blue"])["status"].readyReplicas, 2);
    for (const p of podsOf("workers-blue", "worker")) {
      const sources = (p["spec"].containers[0].envFrom as Obj[]).map((e) => e["configMapRef"]?.name).filter(Boolean);
      assert.ok(sources.includes(APP_CONFIGURATION_TARGETS.configMapName), `${p["metadata"].name} reads the synced ConfigMap`);
    }
    const p = await s.preview();
    assert.deepEqual(
      Object.keys(p.changeSummary).filter((op) => op !== "same"),
      [],
      JSON.stringify(p.changeSummary),
    );
  });
});

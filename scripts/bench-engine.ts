/**
 * Performance through the real engine (docs/performance.md): npm run bench -- [--runs N]
 *
 * Side by side, in one run, on the local cluster (started when none is reachable), medians of N:
 *   - no-change `pulumi preview` of the local stack, against the engine floor (the same CLI and
 *     provider previewing a program that registers only the provider);
 *   - `pulumi up` from empty, against Helm 3.22 `install --wait` of the same objects;
 *   - no-change `helm upgrade --wait` and `--dry-run=server`, kubectl's server-side diff and apply;
 *   - time per extra resource (no-change preview with 1 and 11 worker pools: 20 more resources).
 * Budgets (reported, never asserted): preview <= 1.3x the floor, up <= 2x Helm's install --wait.
 * Writes bench/results/engine-<timestamp>.json. No policy pack (Helm and kubectl run none either).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import * as k8s from "@pulumi/kubernetes";
import type { Stack } from "@pulumi/pulumi/automation";
import { helm, renderObjects, writeChart, type Obj } from "./lib/chart";
import { clusterReachable, kubectl, openStack, repoStackConfig, ROOT, type StackConfigValues } from "./lib/engine";
import { table } from "./lib/placement";

const runs = (() => {
  const i = process.argv.indexOf("--runs");
  const n = i >= 0 ? Number(process.argv[i + 1]) : 5;
  if (!Number.isInteger(n) || n < 1) throw new Error("--runs needs a positive integer");
  return n;
})();
const log = (m: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${m}\n`);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

async function timed(fn: () => unknown): Promise<number> {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

async function sample(name: string, fn: () => unknown, setup?: () => unknown): Promise<number[]> {
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    if (setup) await setup();
    xs.push(await timed(fn));
  }
  log(`${name}: median ${median(xs).toFixed(0)} ms (${xs.map((x) => x.toFixed(0)).join(", ")})`);
  return xs;
}

const NAMESPACES = ["apps", "workers-blue", "exporter"];
function deleteNamespaces(): void {
  kubectl(["delete", "namespace", ...NAMESPACES, "--ignore-not-found", "--wait=true", "--timeout=180s"]);
}
function applyNamespaces(objects: readonly Obj[]): void {
  kubectl(
    ["apply", "--server-side", "-f", "-"],
    objects
      .filter((o) => o["kind"] === "Namespace")
      .map((o) => JSON.stringify(o))
      .join("\n"),
  );
}

/** How many resources the stack's state holds (the SDK types a deployment as `any`). */
async function resourceCount(stack: Stack): Promise<number> {
  const deployment = (await stack.exportStack()).deployment as { resources?: unknown[] };
  return deployment.resources?.length ?? 0;
}

function withPools(n: number): StackConfigValues {
  const base = repoStackConfig("local");
  const pools = Object.fromEntries(Array.from({ length: n }, (_, i) => [`pool${String(i).padStart(2, "0")}`, { queues: [`q${i}`], replicas: 1 }]));
  return { ...base, "pulse-os:workers": { ...(base["pulse-os:workers"] as Obj), pools } };
}

async function main(): Promise<void> {
  if (!clusterReachable()) throw new Error("the local cluster is not reachable: npm run cluster:up (or npm run local) first");
  const dir = mkdtempSync(path.join(tmpdir(), "pulse-bench-"));
  const backendDir = path.join(dir, "state");
  const open = (stack: string, config?: StackConfigValues, program?: () => Promise<Record<string, unknown>>) =>
    openStack({ stack, workDir: path.join(dir, stack), backendDir, ...(config ? { config } : {}), ...(program ? { program } : {}) });
  const objects = renderObjects(dir);
  const chart = writeChart(dir, objects);
  const manifest = objects
    .filter((o) => o["kind"] !== "Namespace")
    .map((o) => JSON.stringify(o))
    .join("\n");
  deleteNamespaces();

  log("engine floor: a program that registers only the provider");
  const floor = await open("floor", repoStackConfig("local"), () => {
    new k8s.Provider("aks", { clusterIdentifier: "local-simulated-aks", enableServerSideApply: true });
    return Promise.resolve({});
  });
  const floorUp = await sample(
    "floor: up from empty",
    () => floor.up(),
    () => floor.destroy(),
  );
  const floorPreview = await sample("floor: no-change preview", () => floor.preview());

  log("pulumi: the local stack");
  const local: Stack = await open("local");
  const upEmpty = await sample(
    "pulumi up from empty",
    () => local.up(),
    async () => {
      await local.destroy();
      deleteNamespaces();
    },
  );
  const preview = await sample("pulumi no-change preview", () => local.preview());
  const resources = await resourceCount(local);
  await local.destroy();

  log("helm 3.22 and kubectl on the same objects (namespaces created first, untimed)");
  deleteNamespaces();
  const helmInstall = await sample(
    "helm install --wait",
    () => helm(["install", "pulse-os", chart, "-n", "apps", "--wait", "--timeout", "3m"]),
    () => {
      try {
        helm(["uninstall", "pulse-os", "-n", "apps", "--wait"]);
      } catch {
        /* first round: nothing installed */
      }
      applyNamespaces(objects);
    },
  );
  const helmUpgrade = await sample("helm upgrade --wait (no change)", () => helm(["upgrade", "pulse-os", chart, "-n", "apps", "--wait"]));
  const helmDry = await sample("helm upgrade --dry-run=server", () => helm(["upgrade", "pulse-os", chart, "-n", "apps", "--dry-run=server"]));
  helm(["uninstall", "pulse-os", "-n", "apps", "--wait"]);
  const kubectlApply = await sample(
    "kubectl apply --server-side (create)",
    () => kubectl(["apply", "--server-side", "-f", "-"], manifest),
    () => {
      kubectl(["delete", "-f", "-", "--ignore-not-found", "--wait=true"], manifest);
    },
  );
  const kubectlDiff = await sample("kubectl diff --server-side (no change)", () =>
    kubectl(["diff", "--server-side", "--force-conflicts", "-f", "-"], manifest),
  );
  deleteNamespaces();

  log("time per extra resource: 1 and 11 worker pools (2 resources per pool)");
  const perPool: Record<number, { ms: number; resources: number }> = {};
  for (const n of [1, 11]) {
    const s = await open(`pools${n}`, withPools(n));
    await s.up();
    perPool[n] = { ms: median(await sample(`no-change preview, ${n} pools`, () => s.preview())), resources: await resourceCount(s) };
    await s.destroy();
  }
  deleteNamespaces();

  const m = {
    floorUp: median(floorUp),
    floorPreview: median(floorPreview),
    preview: median(preview),
    upEmpty: median(upEmpty),
    helmInstall: median(helmInstall),
    helmUpgrade: median(helmUpgrade),
    helmDry: median(helmDry),
    kubectlApply: median(kubectlApply),
    kubectlDiff: median(kubectlDiff),
  };
  const msPerResource = (perPool[11]!.ms - perPool[1]!.ms) / (perPool[11]!.resources - perPool[1]!.resources);
  const rows = [
    ["engine floor: no-change preview, provider only", m.floorPreview, "1.00x floor"],
    ["pulumi no-change preview (local stack)", m.preview, `${(m.preview / m.floorPreview).toFixed(2)}x floor (budget 1.3x)`],
    ["engine floor: up from empty, provider only", m.floorUp, ""],
    [
      "pulumi up from empty",
      m.upEmpty,
      `${(m.upEmpty / m.helmInstall).toFixed(2)}x helm install (budget 2x), ${(m.upEmpty / m.floorUp).toFixed(2)}x floor, ${(m.upEmpty / m.kubectlApply).toFixed(1)}x kubectl apply`,
    ],
    ["helm install --wait", m.helmInstall, ""],
    ["helm upgrade --wait, no change", m.helmUpgrade, ""],
    ["helm upgrade --dry-run=server", m.helmDry, ""],
    ["kubectl apply --server-side, create", m.kubectlApply, ""],
    ["kubectl diff --server-side, no change", m.kubectlDiff, `preview is ${(m.preview / m.kubectlDiff).toFixed(1)}x`],
  ].map(([what, ms, note]) => [String(what), `${(ms as number).toFixed(0)} ms`, String(note)]);
  process.stdout.write(`\n${runs} runs each, medians; ${resources} resources in the local stack's state\n${table(["MEASUREMENT", "MEDIAN", "RATIO"], rows)}\n`);
  process.stdout.write(`time per extra resource (no-change preview): ${msPerResource.toFixed(1)} ms\n`);
  process.stdout.write(`budgets: preview ${m.preview <= 1.3 * m.floorPreview ? "MET" : "MISSED"}, up ${m.upEmpty <= 2 * m.helmInstall ? "MET" : "MISSED"}\n`);
  const out = path.join(ROOT, "bench", "results");
  mkdirSync(out, { recursive: true });
  writeFileSync(
    path.join(out, `engine-${new Date().toISOString().replace(/[:.]/g, "-")}.json`),
    JSON.stringify(
      {
        runs,
        medians: m,
        msPerResource,
        perPool,
        samples: { floorUp, floorPreview, preview, upEmpty, helmInstall, helmUpgrade, helmDry, kubectlApply, kubectlDiff },
      },
      null,
      2,
    ),
  );
}

main().catch((err: unknown) => {
  log(`FAILED: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});

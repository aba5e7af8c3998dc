/**
 * The Helm side of the comparison and of the migration test: the local stack rendered offline
 * (scripts/render.ts) and wrapped in a chart. The program's render is a fair stand-in for the
 * chart being replaced: same object names, same namespaces (docs/operations.md).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { parse, stringify } from "yaml";
import { CLUSTER_KUBECONFIG, repoStackConfig, ROOT, TOOLCHAIN_BIN, type StackConfigValues } from "./engine";

/** A Kubernetes object as parsed from the rendered YAML. */
export type Obj = Record<string, unknown>;

/** Renders `config` (default: the clone's local stack) into `dir`; returns its Kubernetes objects in file order. */
export function renderObjects(dir: string, config: StackConfigValues = repoStackConfig("local")): Obj[] {
  const stackFile = path.join(dir, "Pulumi.chart.yaml");
  writeFileSync(stackFile, stringify({ config }));
  const r = spawnSync(
    process.execPath,
    ["-r", "ts-node/register/transpile-only", path.join(ROOT, "scripts/render.ts"), "--config-file", stackFile, "--out", path.join(dir, "out")],
    { cwd: ROOT, encoding: "utf8" },
  );
  if (r.status !== 0) throw new Error(`render failed:\n${r.stderr}`);
  const kdir = path.join(dir, "out", "chart", "kubernetes");
  return readdirSync(kdir)
    .sort()
    .map((f) => parse(readFileSync(path.join(kdir, f), "utf8")) as Obj);
}

/**
 * Writes a chart whose templates are `objects` minus the Namespaces (which stay outside the
 * release, as with the chart being replaced); returns its directory.
 */
export function writeChart(dir: string, objects: readonly Obj[]): string {
  const chart = path.join(dir, "chart");
  mkdirSync(path.join(chart, "templates"), { recursive: true });
  writeFileSync(path.join(chart, "Chart.yaml"), stringify({ apiVersion: "v2", name: "pulse-os", version: "1.0.0", appVersion: "0.0.0-local" }));
  objects
    .filter((o) => o["kind"] !== "Namespace")
    .forEach((o, i) => {
      writeFileSync(path.join(chart, "templates", `${String(i).padStart(2, "0")}-${String(o["kind"]).toLowerCase()}.yaml`), stringify(o));
    });
  return chart;
}

/** Runs the toolchain's helm against the local cluster; returns stdout. */
export function helm(args: readonly string[]): string {
  return execFileSync(path.join(TOOLCHAIN_BIN, "helm"), args, {
    encoding: "utf8",
    env: { ...process.env, KUBECONFIG: CLUSTER_KUBECONFIG },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

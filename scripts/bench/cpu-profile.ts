/**
 * Summarises a V8 .cpuprofile (node --cpu-prof): self time per package/file and per function.
 * Used by scripts/bench.ts when a budget is missed (or with --profile).
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface Row {
  readonly name: string;
  readonly ms: number;
}

export interface ProfileSummary {
  readonly totalMs: number;
  readonly byModule: Row[];
  readonly byFunction: Row[];
}

/** `node_modules/<pkg>` (scoped packages kept whole), a project file, `node:internal`, or a V8 pseudo-frame. */
export function moduleOf(url: string, functionName: string, root: string): string {
  if (url === "") return functionName.startsWith("(") ? functionName : "(native)";
  const file = url.startsWith("file://") ? url.slice("file://".length) : url;
  if (file.startsWith("node:")) return "node: (core modules)";
  const i = file.lastIndexOf("/node_modules/");
  if (i >= 0) {
    const parts = file.slice(i + "/node_modules/".length).split("/");
    return parts[0]!.startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  return `project: ${path.relative(root, file)}`;
}

function top(map: Map<string, number>, n: number): Row[] {
  return [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, us]) => ({ name, ms: Math.round(us / 100) / 10 }));
}

export function summarise(file: string, root: string, n = 12): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const modules = new Map<string, number>();
  const functions = new Map<string, number>();
  // timeDeltas[i + 1] is the time spent in the frame sampled at i.
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i]!);
    const dt = profile.timeDeltas[i + 1] ?? 0;
    if (node === undefined || dt <= 0) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const mod = moduleOf(url, functionName, root);
    modules.set(mod, (modules.get(mod) ?? 0) + dt);
    const fn = `${functionName || "(anonymous)"} ${url ? `${mod.replace(/^project: /, "")}:${lineNumber + 1}` : ""}`.trim();
    functions.set(fn, (functions.get(fn) ?? 0) + dt);
  }
  return { totalMs: Math.round((profile.endTime - profile.startTime) / 1000), byModule: top(modules, n), byFunction: top(functions, n) };
}

/**
 * Every object the real program registers for the dev and prod stacks, run through every policy:
 * the program must pass its own policy pack. The stacks are rendered afresh (offline, under the
 * program's mock runtime) into a temporary directory; one process per stack, in parallel.
 * Each is `node -r ts-node/register/transpile-only scripts/render.ts --stack <s> --out <tmp>`, run
 * from the project root with the project's Node 22 and ts-node.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { parse } from "yaml";
import { policies } from "../policies";
import { runAll, unknown, type TestResource } from "./helpers";
import { T } from "./fixtures";

const ROOT = path.resolve(__dirname, "../..");
const STACKS = ["dev", "prod"] as const;
/** The project's Node 22 (the system Node may be older). */
const NODE = existsSync(path.join(ROOT, "node_modules/.bin/node")) ? path.join(ROOT, "node_modules/.bin/node") : process.execPath;

let out: string;

function render(stack: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(NODE, ["-r", "ts-node/register/transpile-only", "scripts/render.ts", "--stack", stack, "--out", out], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`render ${stack} exited ${code}:\n${output}`))));
  });
}

/** `kubernetes:<group/version>:<Kind>` as the Kubernetes provider names the type (core group: `core/v1`). */
function kubernetesType(apiVersion: string, kind: string): string {
  return `kubernetes:${apiVersion.includes("/") ? apiVersion : `core/${apiVersion}`}:${kind}`;
}

/** The stack's resources; in `preview` mode every "[unknown …]" placeholder becomes an engine unknown. */
function loadStack(stack: string, mode: "up" | "preview"): TestResource[] {
  const dir = path.join(out, stack);
  const toUnknown = (value: unknown): unknown => {
    if (mode === "up") return value;
    if (typeof value === "string") return value.includes("[unknown ") ? unknown.string : value;
    if (Array.isArray(value)) return value.map(toUnknown);
    if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toUnknown(v)]));
    return value;
  };
  const resources: TestResource[] = [];
  for (const file of readdirSync(path.join(dir, "kubernetes")).sort()) {
    const obj = parse(readFileSync(path.join(dir, "kubernetes", file), "utf8")) as Record<string, unknown> & { apiVersion: string; kind: string };
    resources.push({ type: kubernetesType(obj.apiVersion, obj.kind), name: file.replace(/\.yaml$/, ""), props: toUnknown(obj) as Record<string, unknown> });
  }
  const azure = JSON.parse(readFileSync(path.join(dir, "azure.json"), "utf8")) as { type: string; name: string; inputs: Record<string, unknown> }[];
  for (const r of azure) resources.push({ type: r.type, name: r.name, props: toUnknown(r.inputs) as Record<string, unknown> });
  return resources;
}

beforeAll(async () => {
  out = mkdtempSync(path.join(tmpdir(), "pulse-os-policy-render-"));
  await Promise.all(STACKS.map(render));
}, 60_000);

afterAll(() => {
  if (out) rmSync(out, { recursive: true, force: true });
});

describe.each(STACKS)("rendered %s stack", (stack) => {
  it("contains what the policies check", () => {
    const count = (type: string) => loadStack(stack, "up").filter((r) => r.type === type).length;
    expect(count(T.deployment)).toBe(2);
    expect(count(T.cronJob)).toBe(1);
    expect(count(T.serviceAccount)).toBe(3);
    expect(count(T.service)).toBe(2);
    expect(count(T.healthCheckPolicy)).toBe(2);
    expect(count(T.federatedCredential)).toBe(3);
    expect(count(T.roleAssignment)).toBe(1);
    expect(count(T.configurationStore)).toBe(1);
  });

  it.each(["up", "preview"] as const)("passes every policy (%s: values known / Azure-assigned values unknown)", async (mode) => {
    expect(await runAll(policies, loadStack(stack, mode))).toEqual([]);
  });
});

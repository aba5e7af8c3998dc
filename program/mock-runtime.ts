/**
 * Runs the real program in-process under Pulumi's mock runtime and records every resource it
 * registers. Used by the offline render, the unit tests and the benchmark. Values a real
 * deployment would only know after Azure creates something become readable placeholders, so
 * the output is deterministic.
 */
import * as pulumi from "@pulumi/pulumi";
import * as runtimeState from "@pulumi/pulumi/runtime/state";
import { trackMonitor } from "./monitor-tracker";

/** The SDK's runtime state module (its typings export nothing). */
const sdkState = runtimeState as unknown as { getStore(): { supportsAliasSpecs: boolean } };

/** The parts of the SDK's RegisterResourceRequest read here. */
interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getDependenciesList(): string[];
  getIgnorechangesList(): string[];
  getAliasurnsList(): string[];
  getProtect(): boolean;
  getObject(): { toJavaScript(): unknown } | undefined;
}

/** The SDK's wire value for an unknown (computed) property. */
const UNKNOWN_SENTINEL = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Dotted paths of every unknown value inside a serialized property object. */
function unknownPaths(value: unknown, path = ""): string[] {
  if (value === UNKNOWN_SENTINEL) return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => unknownPaths(v, `${path}[${i}]`));
  if (value !== null && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => unknownPaths(v, path === "" ? k : `${path}.${k}`));
  }
  return [];
}

/**
 * Inputs as the SDK's mocks pass them (`MockResourceArgs.inputs` is `any` in its typings):
 * JSON-like values. This module narrows what it reads of them (see `computed`); the tests read
 * nested fields by path and assert on them.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the SDK's own type for these values; the tests read them by path
export type RecordedInputs = Record<string, any>;

/** One registered resource. */
export interface RecordedResource {
  readonly type: string;
  readonly name: string;
  readonly inputs: RecordedInputs;
  readonly custom: boolean;
  /** The URN as the SDK's mock monitor builds it (only the direct parent's type is qualified). */
  readonly urn: string;
  /** URNs this resource depends on, as the SDK sent them to the engine (dependsOn, expanded). */
  readonly dependencies: readonly string[];
  /** Property paths whose changes the engine ignores (`ignoreChanges`). */
  readonly ignoreChanges: readonly string[];
  /** URN of the parent ("" for the stack's direct children). */
  readonly parent: string;
  /**
   * Full URNs this resource also answers to (`aliases`, including those inherited from its
   * parents' aliases), as the SDK computes them for an engine without alias specs.
   */
  readonly aliases: readonly string[];
  /** Dotted paths of the inputs the engine receives as unknown (only in a preview run). */
  readonly unknownInputs: readonly string[];
  /** The `protect` resource option. */
  readonly protect: boolean;
}

/** One provider function call. */
export interface RecordedInvoke {
  readonly token: string;
  readonly inputs: RecordedInputs;
}

export interface MockRunResult {
  readonly resources: RecordedResource[];
  readonly invokes: RecordedInvoke[];
  /** The program's exports with every Output resolved. */
  readonly outputs: Record<string, unknown>;
  /**
   * Names of the exports that are secret Outputs, read on the raw exports: resolving an Output
   * (as `outputs` does) drops its secretness, so `outputs` cannot tell.
   */
  readonly secretOutputs: string[];
}

export interface MockRunOptions {
  readonly project: string;
  readonly stack: string;
  /** Full keys to raw values. */
  readonly config: Record<string, string>;
  readonly secretKeys?: readonly string[];
  /**
   * Run as `pulumi preview` of a fresh stack: no resource returns a computed value, so every
   * output that a provider would assign (Azure IDs, client IDs, anything read back from the
   * cluster) is unknown, as with a provider that is itself still unknown. @default false
   */
  readonly preview?: boolean;
  /** Loads (imports) the program after the mocks are in place. */
  readonly load: () => Promise<Record<string, unknown>> | Record<string, unknown>;
}

/** `[unknown <what>]`: a value Azure assigns at creation. */
export function unknown(what: string): string {
  return `[unknown ${what}]`;
}

/** The input `key` when it is a string (resolved inputs: a name is a string or absent), else `fallback`. */
function stringInput(inputs: Record<string, unknown>, key: string, fallback: string): string {
  const value = inputs[key];
  return typeof value === "string" ? value : fallback;
}

/** Outputs a real provider would compute, per type. */
function computed(type: string, name: string, inputs: Record<string, unknown>): Record<string, unknown> {
  switch (type) {
    case "azure-native:managedidentity:UserAssignedIdentity": {
      const n = stringInput(inputs, "resourceName", name);
      return { name: n, clientId: unknown(`clientId of ${n}`), principalId: unknown(`principalId of ${n}`), tenantId: unknown("tenantId") };
    }
    case "azure-native:appconfiguration:ConfigurationStore": {
      const n = stringInput(inputs, "configStoreName", name);
      return { name: n, endpoint: `https://${n}.azconfig.io`, id: storeId(String(inputs["resourceGroupName"]), n) };
    }
    default:
      return {};
  }
}

function storeId(resourceGroup: string, name: string): string {
  return `/subscriptions/${unknown("subscriptionId")}/resourceGroups/${resourceGroup}/providers/Microsoft.AppConfiguration/configurationStores/${name}`;
}

/** Results of the provider functions the program calls. */
function invokeResult(token: string, inputs: Record<string, unknown>): Record<string, unknown> {
  // Inputs the results name (`String` keeps what a template literal would print of any value).
  const resourceName = String(inputs["resourceName"]);
  const storeName = String(inputs["configStoreName"]);
  switch (token) {
    case "azure-native:containerservice:getManagedCluster":
      return {
        oidcIssuerProfile: { enabled: true, issuerURL: unknown(`OIDC issuer of ${resourceName}`) },
        securityProfile: { workloadIdentity: { enabled: true } },
      };
    case "azure-native:containerservice:listManagedClusterUserCredentials":
      return { kubeconfigs: [{ name: "clusterUser", value: Buffer.from(unknown(`kubeconfig of ${resourceName}`)).toString("base64") }] };
    case "azure-native:authorization:getClientConfig":
      return {
        clientId: unknown("deployer clientId"),
        objectId: unknown("deployer objectId"),
        subscriptionId: unknown("subscriptionId"),
        tenantId: unknown("tenantId"),
      };
    case "azure-native:appconfiguration:getConfigurationStore":
      return { name: inputs["configStoreName"], endpoint: `https://${storeName}.azconfig.io`, id: storeId(String(inputs["resourceGroupName"]), storeName) };
    default:
      throw new Error(`mock runtime: no result for provider function '${token}'`);
  }
}

function resolve(value: unknown): Promise<unknown> {
  return pulumi.Output.isInstance(value) ? new Promise((r) => value.apply(r)) : Promise.resolve(value);
}

/** Runs the program once under mocks. Call once per process (the runtime's state is global). */
export async function runUnderMocks(opts: MockRunOptions): Promise<MockRunResult> {
  const resources: RecordedResource[] = [];
  const invokes: RecordedInvoke[] = [];
  pulumi.runtime.setAllConfig(opts.config, [...(opts.secretKeys ?? [])]);
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        const inputs = args.inputs as Record<string, unknown>;
        const wire = sent.get(`${args.type}::${args.name}`); // recorded just before this call
        const record: RecordedResource = {
          type: args.type,
          name: args.name,
          inputs,
          custom: args.custom ?? true,
          urn: wire?.urn ?? "",
          dependencies: wire?.dependencies ?? [],
          ignoreChanges: wire?.ignoreChanges ?? [],
          parent: wire?.parent ?? "",
          aliases: wire?.aliases ?? [],
          unknownInputs: wire?.unknownInputs ?? [],
          protect: wire?.protect ?? false,
        };
        resources.push(record);
        if (opts.preview) return { id: undefined, state: {} };
        const extra = computed(args.type, args.name, inputs);
        const state = { ...inputs, ...extra };
        const metadata = inputs["metadata"];
        const metadataName =
          typeof metadata === "object" && metadata !== null && "name" in metadata && typeof metadata.name === "string" ? metadata.name : undefined;
        const id = args.custom ? stringInput(extra, "id", metadataName ?? `${args.name}-id`) : undefined;
        return { id, state };
      },
      call(args) {
        const inputs = args.inputs as Record<string, unknown>;
        invokes.push({ token: args.token, inputs });
        return invokeResult(args.token, inputs);
      },
    },
    opts.project,
    opts.stack,
    opts.preview ?? false,
  );
  // Without alias specs the SDK itself expands every alias (inherited ones included) to full URNs,
  // which is what the URN contract compares; the engine computes the same set from alias specs.
  sdkState.getStore().supportsAliasSpecs = false;
  // The mock monitor does not pass URNs or dependencies to `newResource`: read them off the request.
  const sent = new Map<
    string,
    { urn: string; dependencies: string[]; ignoreChanges: string[]; parent: string; aliases: string[]; unknownInputs: string[]; protect: boolean }
  >();
  const monitor = pulumi.runtime.getMonitor() as unknown as {
    registerResource: (req: RegisterRequest, cb: unknown) => unknown;
    newUrn: (parent: string, type: string, name: string) => string;
  };
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, cb) => {
    sent.set(`${req.getType()}::${req.getName()}`, {
      urn: monitor.newUrn(req.getParent(), req.getType(), req.getName()),
      dependencies: req.getDependenciesList(),
      ignoreChanges: req.getIgnorechangesList(),
      parent: req.getParent(),
      aliases: req.getAliasurnsList(),
      protect: req.getProtect(),
      unknownInputs: unknownPaths(req.getObject()?.toJavaScript()),
    });
    return register(req, cb);
  };
  const tracker = trackMonitor(monitor as never);
  const exports = await opts.load();
  const outputs: Record<string, unknown> = {};
  const secretOutputs: string[] = [];
  for (const [key, value] of Object.entries(exports)) {
    if (key === "__esModule" || key === "default") continue;
    if (pulumi.Output.isInstance(value) && (await pulumi.isSecret(value))) secretOutputs.push(key);
    // A preview's outputs are mostly unknown: an apply on an unknown never runs, so they are not resolved.
    if (!opts.preview) outputs[key] = await resolve(value);
  }
  await tracker.settle(); // resources registered in applies that no export depends on
  await pulumi.runtime.disconnect();
  return { resources, invokes, outputs, secretOutputs };
}

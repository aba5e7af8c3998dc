/**
 * Hand-built `ResourceValidationArgs` / `StackValidationArgs`, in the spirit of
 * @pulumi/compliance-policies-unit-test-helpers, plus runners that collect violations.
 *
 * Properties are wrapped in the real unknown-checking proxy of `@pulumi/policy`, the same one the
 * policy server uses, so a policy that reads an unknown value the wrong way fails here too.
 */
import * as proxyModule from "@pulumi/policy/proxy";
import type {
  Policy,
  PolicyResource,
  PolicyResourceOptions,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";

interface ProxyModule {
  unknownCheckingProxy<T>(value: T): T;
  unknownBooleanValue: string;
  unknownNumberValue: string;
  unknownStringValue: string;
  unknownArrayValue: string;
  unknownObjectValue: string;
}
/** The policy server's proxy module (its typings export nothing). */
export const policyProxy = proxyModule as unknown as ProxyModule;

/** What the engine sends for values unknown during preview. */
export const unknown = {
  string: policyProxy.unknownStringValue,
  number: policyProxy.unknownNumberValue,
  boolean: policyProxy.unknownBooleanValue,
  array: policyProxy.unknownArrayValue,
  object: policyProxy.unknownObjectValue,
} as const;

/** Type token of an SDK class (`__pulumiType` is not in the typings). */
export function typeOf(resourceClass: unknown): string {
  return (resourceClass as { __pulumiType: string }).__pulumiType;
}

export class NotApplicable extends Error {}

export interface TestResource {
  readonly type: string;
  readonly props: Record<string, unknown>;
  /** Pulumi logical name. @default "test" */
  readonly name?: string;
}

const opts: PolicyResourceOptions = {
  protect: false,
  ignoreChanges: [],
  aliases: [],
  additionalSecretOutputs: [],
  customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
};

function urnOf(r: TestResource): string {
  return `urn:pulumi:test::pulse-os::${r.type}::${r.name ?? "test"}`;
}

function isTypeFn(type: string) {
  return (resourceClass: unknown) => typeOf(resourceClass) === type;
}

export function createResourceValidationArgs(r: TestResource, config: Record<string, unknown> = {}): ResourceValidationArgs {
  const props = policyProxy.unknownCheckingProxy(r.props);
  return {
    type: r.type,
    props,
    urn: urnOf(r),
    name: r.name ?? "test",
    opts,
    stackTags: new Map(),
    isType: isTypeFn(r.type),
    asType: ((resourceClass: unknown) => (typeOf(resourceClass) === r.type ? props : undefined)) as ResourceValidationArgs["asType"],
    getConfig: <T extends object>() => ({ ...config }) as T,
    notApplicable: (reason?: string): never => {
      throw new NotApplicable(reason);
    },
  };
}

export function createStackValidationArgs(resources: readonly TestResource[], config: Record<string, unknown> = {}): StackValidationArgs {
  const policyResources: PolicyResource[] = resources.map((r) => {
    const props = policyProxy.unknownCheckingProxy(r.props);
    return {
      type: r.type,
      props,
      urn: urnOf(r),
      name: r.name ?? "test",
      opts,
      dependencies: [],
      propertyDependencies: {},
      isType: isTypeFn(r.type),
      asType: ((resourceClass: unknown) => (typeOf(resourceClass) === r.type ? props : undefined)) as PolicyResource["asType"],
    };
  });
  return {
    resources: policyResources,
    stackTags: new Map(),
    getConfig: <T extends object>() => ({ ...config }) as T,
    notApplicable: (reason?: string): never => {
      throw new NotApplicable(reason);
    },
  };
}

/** Violation messages of a resource policy for one resource; [] when not applicable. */
export async function runResourcePolicy(policy: ResourceValidationPolicy, r: TestResource, config?: Record<string, unknown>): Promise<string[]> {
  const messages: string[] = [];
  const validations = Array.isArray(policy.validateResource) ? policy.validateResource : policy.validateResource ? [policy.validateResource] : [];
  for (const validate of validations) {
    // Like the policy server: a validation tagged with a type token only sees that type.
    const only = (validate as { __pulumiType?: string }).__pulumiType;
    if (only !== undefined && only !== r.type) continue;
    try {
      await validate(createResourceValidationArgs(r, config), (message) => messages.push(message));
    } catch (err) {
      if (!(err instanceof NotApplicable)) throw err;
    }
  }
  return messages;
}

/** Violations (message and urn) of a stack policy. */
export async function runStackPolicy(
  policy: StackValidationPolicy,
  resources: readonly TestResource[],
  config?: Record<string, unknown>,
): Promise<{ message: string; urn?: string }[]> {
  const out: { message: string; urn?: string }[] = [];
  try {
    await policy.validateStack(createStackValidationArgs(resources, config), (message, urn) => out.push(urn === undefined ? { message } : { message, urn }));
  } catch (err) {
    if (!(err instanceof NotApplicable)) throw err;
  }
  return out;
}

export function isStackPolicy(p: Policy): p is StackValidationPolicy {
  return typeof (p as StackValidationPolicy).validateStack === "function";
}

/** Every violation of every policy for a whole stack (resource policies run per resource). */
export async function runAll(
  policies: readonly Policy[],
  resources: readonly TestResource[],
  config?: Record<string, Record<string, unknown>>,
): Promise<string[]> {
  const out: string[] = [];
  for (const p of policies) {
    if (isStackPolicy(p)) {
      for (const v of await runStackPolicy(p, resources, config?.[p.name])) out.push(`${p.name}: ${v.message}`);
    } else {
      for (const r of resources) {
        for (const m of await runResourcePolicy(p, r, config?.[p.name])) out.push(`${p.name}: ${m}`);
      }
    }
  }
  return out;
}

/** Deep copy, so a test can mutate a fixture. */
export function clone<T>(value: T): T {
  return structuredClone(value);
}

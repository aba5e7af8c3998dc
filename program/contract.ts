/**
 * The producer's side of the output contract. The contract itself (names, types, the runtime
 * check, the JSON Schema) is the package `@pulse-os/stack-contract` in packages/contract, which
 * other repositories depend on too; this file only binds the program's exports to it.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { OutputName, PulseOsOutputs } from "@pulse-os/stack-contract";

export { CONTRACT_VERSION, type OutputName, type PulseOsOutputs } from "@pulse-os/stack-contract";

/** The names a stack may omit (no value): never written as "". */
export type OptionalOutputName = { [K in OutputName]-?: undefined extends PulseOsOutputs[K] ? K : never }[OutputName];

/**
 * What the program must return: every contract name as a key (so none is forgotten), with the
 * contract's type or an Output of it; an optional one may be `undefined`, which the engine omits
 * from the stack outputs.
 */
export type ContractExports = {
  readonly [K in OutputName]-?:
    pulumi.Input<Exclude<PulseOsOutputs[K], undefined>> | (K extends OptionalOutputName ? pulumi.Output<PulseOsOutputs[K]> | undefined : never);
};

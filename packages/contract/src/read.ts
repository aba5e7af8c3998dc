/**
 * Reading a Pulse-OS stack's outputs: the contract major is checked first (a stack written for
 * another major is refused with the version that can read it), then every output.
 */
import type * as pulumi from "@pulumi/pulumi";
import { CONTRACT_VERSION, pulseOsOutputsSchema, type PulseOsOutputs } from "./outputs";

/** The outputs were written for a contract major this package does not read. */
export class ContractVersionError extends Error {
  constructor(
    readonly source: string,
    readonly found: unknown,
  ) {
    super(
      typeof found === "number" && Number.isInteger(found)
        ? `Pulse-OS stack '${source}' writes contract major ${found}; @pulse-os/stack-contract ${CONTRACT_VERSION}.x reads major ${CONTRACT_VERSION} only: depend on @pulse-os/stack-contract@^${found}.0.0 to read it`
        : `Pulse-OS stack '${source}' has no integer contractVersion output (got ${JSON.stringify(found) ?? "nothing"}): it is not a Pulse-OS stack`,
    );
    this.name = "ContractVersionError";
  }
}

/** The outputs have the right major but break it (a missing output, a wrong type, an empty name). */
export class ContractViolationError extends Error {
  constructor(
    readonly source: string,
    readonly problems: readonly string[],
  ) {
    super(`Pulse-OS stack '${source}' breaks contract ${CONTRACT_VERSION}: ${problems.join("; ")}`);
    this.name = "ContractViolationError";
  }
}

/**
 * Checks raw stack outputs (e.g. `pulumi stack output --json`) against the contract and returns
 * them typed. Outputs unknown to this version are dropped. `source` names the stack in errors.
 */
export function parsePulseOsOutputs(raw: unknown, source = "unknown stack"): PulseOsOutputs {
  const version = typeof raw === "object" && raw !== null ? (raw as Record<string, unknown>)["contractVersion"] : undefined;
  if (version !== CONTRACT_VERSION) throw new ContractVersionError(source, version);
  const result = pulseOsOutputsSchema.safeParse(raw);
  if (!result.success) {
    throw new ContractViolationError(
      source,
      result.error.issues.map((i) => `${i.path.join(".") || "(outputs)"}: ${i.message}`),
    );
  }
  return result.data;
}

/** What the reader needs of a `pulumi.StackReference`. */
export type StackReferenceLike = Pick<pulumi.StackReference, "name" | "outputs">;

/**
 * The outputs of a Pulse-OS stack through a StackReference, checked at run time; the program
 * fails with a ContractVersionError or ContractViolationError instead of deploying with a
 * missing value. Each output is reachable as a lifted property (`readPulseOsOutputs(ref).brokerQueue`).
 */
export function readPulseOsOutputs(ref: StackReferenceLike): pulumi.Output<PulseOsOutputs> {
  return ref.name.apply((source) => ref.outputs.apply((raw) => parsePulseOsOutputs(raw, source)));
}

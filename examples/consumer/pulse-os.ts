/**
 * A typed client for the Pulse-OS stack outputs. It compiles against the producer's contract
 * (program/contract.ts): if an output this team uses is renamed or changes type, `tsc` fails here
 * before anything reaches a preview.
 */
import * as pulumi from "@pulumi/pulumi";
import { OUTPUT_CONTRACT, type OutputName, type PulseOsOutputs } from "../../program/contract";

/** Returns `value` typed by the contract, or throws if the producer sent another type. */
export function checkOutput<K extends OutputName>(name: K, value: unknown): PulseOsOutputs[K] {
  const expected = OUTPUT_CONTRACT[name];
  if (typeof value !== expected) {
    throw new Error(`Pulse-OS output '${name}' should be a ${expected}, got ${typeof value}: the producer broke its contract`);
  }
  return value as PulseOsOutputs[K];
}

export class PulseOsStack {
  private readonly ref: pulumi.StackReference;

  constructor(stackName: string) {
    this.ref = new pulumi.StackReference(stackName);
  }

  /** A required output with its contract type, checked at run time too. */
  output<K extends OutputName>(name: K): pulumi.Output<PulseOsOutputs[K]> {
    return this.ref.requireOutput(name).apply((value: unknown) => checkOutput(name, value));
  }
}

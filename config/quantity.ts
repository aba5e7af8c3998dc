/**
 * Kubernetes resource quantities, parsed the way the API server parses them
 * (`ParseQuantity` in k8s.io/apimachinery pkg/api/resource/quantity.go), so every string it
 * accepts is accepted here and every string it refuses is refused: signed decimal numbers
 * (`1`, `.5`, `5.`, `+1`), binary SI `Ki`…`Ei`, decimal SI `n u m "" k M G T P E` and decimal
 * exponents `e`/`E` with a signed integer (`1e3`, `1E-2`). The value is kept exactly (BigInt,
 * in units of 10⁻⁹, rounded up as Kubernetes does) so limits compare exactly with requests.
 * docs/configuration.md says why this is hand-written.
 */

/** A parsed quantity: its sign and its magnitude in nano-units (10⁻⁹). */
export interface Quantity {
  readonly sign: -1 | 0 | 1;
  readonly nano: bigint;
  /** Negative, zero or positive as this quantity is below, equal to or above `other`. */
  compare(other: Quantity): number;
}

const DIGIT = /^[0-9]$/;
/** Characters the suffix scan consumes before an optional sign and digits. */
const SUFFIX_CHARS = "eEinumkKMGTP";
const DECIMAL_SI: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, "": 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SI: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const INT64 = /^[+-]?[0-9]+$/;
const MAX_INT64 = 2n ** 63n - 1n;
/** Beyond this many decimal places either way a value is absurd; clamping keeps BigInt small. */
const EXPONENT_CLAMP = 60;

interface Parts {
  readonly positive: boolean;
  readonly value: string;
  readonly num: string;
  readonly denom: string;
  readonly suffix: string;
}

/** `parseQuantityString`: sign, digits before and after the point, and the suffix text. */
function split(str: string): Parts | undefined {
  const end = str.length;
  let pos = 0;
  let positive = true;
  if (str[0] === "-" || str[0] === "+") {
    positive = str[0] === "+";
    pos++;
  }
  while (str[pos] === "0") pos++;
  if (pos >= end) return { positive, value: "0", num: "0", denom: "", suffix: "" };
  let i = pos;
  while (i < end && DIGIT.test(str[i]!)) i++;
  if (i >= end) return { positive, value: str, num: str.slice(pos), denom: "", suffix: "" };
  const num = str.slice(pos, i) || "0";
  pos = i;
  let denom = "";
  if (str[pos] === ".") {
    pos++;
    i = pos;
    while (i < end && DIGIT.test(str[i]!)) i++;
    if (i >= end) return { positive, value: str, num, denom: str.slice(pos), suffix: "" };
    denom = str.slice(pos, i);
    pos = i;
  }
  const value = str.slice(0, pos);
  const suffixStart = pos;
  while (pos < end && SUFFIX_CHARS.includes(str[pos]!)) pos++;
  if (str[pos] === "-" || str[pos] === "+") pos++;
  while (pos < end && DIGIT.test(str[pos]!)) pos++;
  return pos >= end ? { positive, value, num, denom, suffix: str.slice(suffixStart) } : undefined;
}

/** `suffixer.interpret`: base, exponent and whether the format is decimal. */
function interpret(suffix: string): { base: 2 | 10; exponent: number } | undefined {
  if (suffix in DECIMAL_SI) return { base: 10, exponent: DECIMAL_SI[suffix]! };
  if (suffix in BINARY_SI) return { base: 2, exponent: BINARY_SI[suffix]! };
  if (suffix.length > 1 && (suffix[0] === "e" || suffix[0] === "E") && INT64.test(suffix.slice(1))) {
    const parsed = BigInt(suffix.slice(1));
    if (parsed > MAX_INT64 || parsed < -MAX_INT64 - 1n) return undefined;
    return { base: 10, exponent: Number(BigInt.asIntN(32, parsed)) }; // Go's int32(parsed)
  }
  return undefined;
}

function ceilDiv(a: bigint, b: bigint): bigint {
  return (a + b - 1n) / b;
}

function make(sign: -1 | 0 | 1, nano: bigint): Quantity {
  const signed = sign < 0 ? -nano : nano;
  return {
    sign,
    nano,
    compare: (other) => {
      const o = other.sign < 0 ? -other.nano : other.nano;
      return signed < o ? -1 : signed > o ? 1 : 0;
    },
  };
}

/** The quantity `value` denotes, or `undefined` when the API server would refuse it. */
export function parseQuantity(str: string): Quantity | undefined {
  if (str.length === 0) return undefined;
  const parts = split(str);
  if (parts === undefined) return undefined;
  const unit = interpret(parts.suffix);
  if (unit === undefined) return undefined;
  // A number without digits ("", "+", ".") is zero, except where Kubernetes leaves its fast
  // path (decimal scale below nano) and parses the digit-less text, which fails.
  if (!/[0-9]/.test(parts.value) && unit.base === 10 && unit.exponent < -9) return undefined;
  const digits = BigInt(parts.num + parts.denom);
  if (digits === 0n) return make(0, 0n);
  let nano: bigint;
  if (unit.base === 10) {
    const shift = Math.max(-EXPONENT_CLAMP, Math.min(EXPONENT_CLAMP, unit.exponent - parts.denom.length + 9));
    nano = shift >= 0 ? digits * 10n ** BigInt(shift) : ceilDiv(digits, 10n ** BigInt(-shift));
  } else {
    nano = ceilDiv(digits * 2n ** BigInt(unit.exponent) * 10n ** 9n, 10n ** BigInt(parts.denom.length));
    if (nano > MAX_INT64 * 10n ** 9n) nano = MAX_INT64 * 10n ** 9n; // binary values are capped at 2^63-1
  }
  return make(parts.positive ? 1 : -1, nano);
}

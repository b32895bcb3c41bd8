import type { CumulativeSumsKey, TierSums } from './annual-sums.js';
import type { TierExplanation, TierName } from './tier-explanation.js';
import type { CriticalIllnessBand } from './catalogue.js';
import { assertBp, assertFen, basisPointsPerUnit, roundHalfUpFen } from './money.js';

// The cumulative rule of POLICY.md "Units and rounding": a tier with an annual function F keeps a
// base x and what it has paid; a claim adds its input to x and is paid
//   pay = min(input, max(0, round(F(x_after)) - paidSoFar)).
// F is evaluated as an exact rational, so rounding happens once, in roundHalfUpFen, and with fixed
// parameters a person's annual total is round(F(annual base)) whatever the order of the claims.

/** An exact non-negative rational amount of fen. */
export interface Rational {
  readonly numerator: bigint;
  readonly denominator: bigint;
}

export function rational(numerator: bigint, denominator: bigint): Rational {
  if (denominator <= 0n) throw new RangeError(`denominator must be positive, got ${denominator}`);
  if (numerator < 0n) throw new RangeError(`numerator must not be negative, got ${numerator}`);
  return { numerator, denominator };
}

/** min(capFen, value); a null cap leaves the value as it is. */
export function capAt(value: Rational, capFen: number | null): Rational {
  if (capFen === null) return value;
  assertFen(capFen, 'capFen');
  const capScaled = BigInt(capFen) * value.denominator;
  return capScaled < value.numerator ? rational(capScaled, value.denominator) : value;
}

/** F(x) = min(cap, max(0, x - deductible) * ratioBp / 10000). */
export function ratioAboveDeductible(
  baseFen: number,
  deductibleFen: number,
  ratioBp: number,
  capFen: number | null,
): Rational {
  assertFen(baseFen, 'baseFen');
  assertFen(deductibleFen, 'deductibleFen');
  assertBp(ratioBp, 'ratioBp');
  const excess = baseFen > deductibleFen ? BigInt(baseFen - deductibleFen) : 0n;
  return capAt(rational(excess * BigInt(ratioBp), basisPointsPerUnit), capFen);
}

export interface CumulativePay {
  readonly payFen: number;
  /** round(F(x_after)): what the tier owes for the year so far. */
  readonly entitlementFen: number;
}

/** pay = min(input, max(0, round(F(x_after)) - paidSoFar)). */
export function payCumulative(
  inputFen: number,
  paidBeforeFen: number,
  entitlementAfter: Rational,
): CumulativePay {
  assertFen(inputFen, 'inputFen');
  assertFen(paidBeforeFen, 'paidBeforeFen');
  const entitlementFen = roundHalfUpFen(entitlementAfter.numerator, entitlementAfter.denominator);
  const payFen = Math.min(inputFen, Math.max(0, entitlementFen - paidBeforeFen));
  assertFen(payFen, 'payFen');
  return { payFen, entitlementFen };
}

// ---- explanations of cumulative tiers ----

export interface CumulativeTierParams {
  readonly tier: TierName;
  readonly sums: CumulativeSumsKey;
  readonly reason: string;
  readonly inputFen: number;
  readonly before: TierSums;
  /** the tier's annual function F, exact */
  readonly annualFunction: (baseFen: number) => Rational;
  readonly capFen: number | null;
  readonly deductibleFen: number;
  readonly ratioBp: number | null;
  readonly bands: readonly CriticalIllnessBand[] | null;
  readonly tiltApplied: boolean;
}

/** A cumulative tier that applies: the input joins the base, the pay follows the cumulative rule. */
export function settleCumulativeTier(p: CumulativeTierParams): TierExplanation {
  const baseAfterFen = p.before.baseFen + p.inputFen;
  assertFen(baseAfterFen, `${p.tier} base after`);
  const { payFen, entitlementFen } = payCumulative(
    p.inputFen,
    p.before.paidFen,
    p.annualFunction(baseAfterFen),
  );
  return {
    tier: p.tier,
    applied: true,
    reason: p.reason,
    sums: p.sums,
    inputFen: p.inputFen,
    payFen,
    baseBeforeFen: p.before.baseFen,
    baseAfterFen,
    paidBeforeFen: p.before.paidFen,
    paidAfterFen: p.before.paidFen + payFen,
    entitlementFen,
    capFen: p.capFen,
    deductibleFen: p.deductibleFen,
    ratioBp: p.ratioBp,
    // a copy: the stored explanation must not share the catalogue's array
    bands: p.bands ? [...p.bands] : null,
    tiltApplied: p.tiltApplied,
  };
}

/** A cumulative tier that does not apply: pays 0, adds nothing to its base. */
export function skipCumulativeTier(
  tier: TierName,
  sums: CumulativeSumsKey,
  before: TierSums,
  inputFen: number,
  reason: string,
): TierExplanation {
  assertFen(inputFen, `${tier} input`);
  return {
    tier,
    applied: false,
    reason,
    sums,
    inputFen,
    payFen: 0,
    baseBeforeFen: before.baseFen,
    baseAfterFen: before.baseFen,
    paidBeforeFen: before.paidFen,
    paidAfterFen: before.paidFen,
    entitlementFen: 0,
    capFen: null,
    deductibleFen: 0,
    ratioBp: null,
    bands: null,
    tiltApplied: false,
  };
}

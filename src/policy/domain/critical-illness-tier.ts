import type { AnnualSums } from './annual-sums.js';
import type {
  AssistanceCategory,
  ClaimType,
  CriticalIllnessBand,
  PolicyEntry,
} from './catalogue.js';
import {
  capAt,
  rational,
  settleCumulativeTier,
  skipCumulativeTier,
  type Rational,
} from './cumulative-tier.js';
import { applyBpRounded, assertFen, basisPointsPerUnit } from './money.js';
import type { TierExplanation } from './tier-explanation.js';

// Tier 2, critical-illness insurance (大病保险, the critical-illness fund), POLICY.md 2:
// cumulative over the year's B1,
//   F(x) = min(cap, sum over bands of band.ratio * (part of max(0, x - deductible) inside the band)).
// Tilt (倾斜支付) for the tilt categories: deductible x deductibleFactorBp, every band ratio
// + ratioBonusBp, no cap when removeCap.

/** The parameters in force for one person's category. */
export interface CriticalIllnessTerms {
  readonly tiltApplied: boolean;
  readonly deductibleFen: number;
  readonly bands: readonly CriticalIllnessBand[];
  readonly capFen: number | null;
}

export function criticalIllnessTerms(
  policy: PolicyEntry,
  category: AssistanceCategory | 'none',
): CriticalIllnessTerms {
  const rules = policy.criticalIllness;
  const tiltApplied = category !== 'none' && rules.tilt.categories.includes(category);
  if (!tiltApplied)
    return {
      tiltApplied,
      deductibleFen: rules.deductibleFen,
      bands: rules.bands,
      capFen: rules.annualCapFen,
    };
  return {
    tiltApplied,
    // The tilted deductible is a money parameter, so it is itself a whole number of fen.
    deductibleFen: applyBpRounded(rules.deductibleFen, rules.tilt.deductibleFactorBp),
    bands: rules.bands.map((band) => ({
      excessUpToFen: band.excessUpToFen,
      ratioBp: band.ratioBp + rules.tilt.ratioBonusBp,
    })),
    capFen: rules.tilt.removeCap ? null : rules.annualCapFen,
  };
}

/** F(x), exact: the bands are stated on the excess over the deductible. */
export function criticalIllnessFunction(terms: CriticalIllnessTerms, baseFen: number): Rational {
  assertFen(baseFen, 'baseFen');
  const excess = BigInt(Math.max(0, baseFen - terms.deductibleFen));
  let lower = 0n;
  let numerator = 0n;
  for (const band of terms.bands) {
    if (excess <= lower) break;
    const upper = band.excessUpToFen === null ? excess : BigInt(band.excessUpToFen);
    const inside = (excess < upper ? excess : upper) - lower;
    numerator += inside * BigInt(band.ratioBp);
    lower = upper;
  }
  return capAt(rational(numerator, basisPointsPerUnit), terms.capFen);
}

export function settleCriticalIllnessTier(
  policy: PolicyEntry,
  sums: AnnualSums,
  claim: { readonly claimType: ClaimType; readonly category: AssistanceCategory | 'none' },
  b1Fen: number,
): TierExplanation {
  if (!policy.criticalIllness.appliesTo.includes(claim.claimType)) {
    const reason = `claim type ${claim.claimType} is not in criticalIllness.appliesTo`;
    return skipCumulativeTier(
      'critical-illness',
      'criticalIllness',
      sums.criticalIllness,
      b1Fen,
      reason,
    );
  }
  const terms = criticalIllnessTerms(policy, claim.category);
  return settleCumulativeTier({
    tier: 'critical-illness',
    sums: 'criticalIllness',
    reason: terms.tiltApplied
      ? `cumulative over the year's B1, tilt for ${claim.category}`
      : "cumulative over the year's B1",
    inputFen: b1Fen,
    before: sums.criticalIllness,
    annualFunction: (x) => criticalIllnessFunction(terms, x),
    capFen: terms.capFen,
    deductibleFen: terms.deductibleFen,
    ratioBp: null,
    bands: terms.bands,
    tiltApplied: terms.tiltApplied,
  });
}

import { assertFen } from './money.js';

// What one person has used of each capped or cumulative tier in one coverage year (POLICY.md
// "Units and rounding"): per tier, the base x (the sum of the tier's input over the year's claims
// to which it applied) and what it has paid. Inpatient basic insurance is per admission, so only
// its paid total (against 封顶线, the annual cap) is kept.

export interface TierSums {
  readonly baseFen: number;
  readonly paidFen: number;
}

export interface AnnualSums {
  readonly inpatientBasicPaidFen: number; // 住院统筹 paid, against inpatient.annualCapFen
  readonly outpatientGeneral: TierSums; // 普通门诊统筹: base = eligible policy cost
  readonly outpatientChronic: TierSums; // 门诊慢特病: base = policy cost
  readonly criticalIllness: TierSums; // 大病保险: base = B1
  readonly assistance: TierSums; // 医疗救助: base = B2
  readonly reAssistance: TierSums; // 再救助: base = B3
}

/** The cumulative tiers of AnnualSums, by key. */
export type CumulativeSumsKey =
  'outpatientGeneral' | 'outpatientChronic' | 'criticalIllness' | 'assistance' | 'reAssistance';
export const cumulativeSumsKeys: readonly CumulativeSumsKey[] = [
  'outpatientGeneral',
  'outpatientChronic',
  'criticalIllness',
  'assistance',
  'reAssistance',
];

/** A person's sums before the first claim of a coverage year. */
export function emptyAnnualSums(): AnnualSums {
  const zero = { baseFen: 0, paidFen: 0 };
  return {
    inpatientBasicPaidFen: 0,
    outpatientGeneral: zero,
    outpatientChronic: zero,
    criticalIllness: zero,
    assistance: zero,
    reAssistance: zero,
  };
}

/** Throws unless every amount is a non-negative safe integer of fen (sums arrive from stored state). */
export function assertAnnualSums(sums: AnnualSums, name = 'sums'): void {
  if (typeof sums !== 'object' || sums === null) throw new RangeError(`${name} must be an object`);
  assertFen(sums.inpatientBasicPaidFen, `${name}.inpatientBasicPaidFen`);
  for (const key of cumulativeSumsKeys) {
    const tier = sums[key];
    if (typeof tier !== 'object' || tier === null)
      throw new RangeError(`${name}.${key} must be an object`);
    assertFen(tier.baseFen, `${name}.${key}.baseFen`);
    assertFen(tier.paidFen, `${name}.${key}.paidFen`);
  }
}

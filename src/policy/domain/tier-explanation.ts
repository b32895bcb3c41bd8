import type {
  AssistanceCategory,
  ClaimType,
  CriticalIllnessBand,
  InstitutionLevel,
} from './catalogue.js';
import type { AnnualSums, CumulativeSumsKey } from './annual-sums.js';
import { assertAnnualSums } from './annual-sums.js';
import { assertFen } from './money.js';

// The explanation of every tier of a settlement, stored in the settlement event (JSON: numbers,
// strings, booleans, null) so that any settlement can be explained, recomputed and reversed.

/** 基本医保 | 大病保险 | 医疗救助 | 再救助 */
export type TierName = 'basic' | 'critical-illness' | 'assistance' | 're-assistance';

/** Where a tier keeps its annual sums: inpatientBasic is paid-only (per admission, against the cap). */
export type SumsTarget = 'inpatientBasic' | CumulativeSumsKey;

export interface TierExplanation {
  readonly tier: TierName;
  /** false: the tier did not apply; it paid 0 and added nothing to its base. */
  readonly applied: boolean;
  /** why it applied or not, for a reader */
  readonly reason: string;
  readonly sums: SumsTarget;
  /** what the previous tier left (basic: policy cost) */
  readonly inputFen: number;
  readonly payFen: number;
  /** null for inpatient basic insurance, which has no cumulative base */
  readonly baseBeforeFen: number | null;
  readonly baseAfterFen: number | null;
  readonly paidBeforeFen: number;
  readonly paidAfterFen: number;
  /** cumulative tiers: round(F(base after)); inpatient basic: round(max(0, cost - deductible) * ratio), before the cap */
  readonly entitlementFen: number;
  /** annual cap or limit; null when none (tilt with removeCap) */
  readonly capFen: number | null;
  readonly deductibleFen: number;
  /** the ratio used; null where bands apply (critical illness) */
  readonly ratioBp: number | null;
  /** critical illness: the bands used, tilt bonus included; otherwise null */
  readonly bands: CriticalIllnessBand[] | null;
  /** 倾斜支付 applied (critical illness only) */
  readonly tiltApplied: boolean;
}

export interface ClaimTiers {
  readonly policyId: string;
  readonly claimType: ClaimType;
  readonly institutionLevel: InstitutionLevel;
  readonly category: AssistanceCategory | 'none';
  readonly basic: TierExplanation;
  readonly criticalIllness: TierExplanation;
  readonly assistance: TierExplanation;
  readonly reAssistance: TierExplanation;
}

/** Relief on application (依申请救助): tiers 3 and 4 only. */
export interface ReliefTiers {
  readonly policyId: string;
  readonly category: AssistanceCategory | 'none';
  readonly assistance: TierExplanation;
  readonly reAssistance: TierExplanation;
}

export type SettledTiers = ClaimTiers | ReliefTiers;

/** The explanations present in a claim's or relief grant's tiers, in tier order. */
export function tierList(tiers: SettledTiers): TierExplanation[] {
  return 'basic' in tiers
    ? [tiers.basic, tiers.criticalIllness, tiers.assistance, tiers.reAssistance]
    : [tiers.assistance, tiers.reAssistance];
}

/**
 * A tier pays from 0 up to its input, never more; its paid total moves by exactly its pay; and a
 * tier that pays never takes its paid total above its cap (a tier that pays 0 may already stand
 * above the cap of a category the person entered later in the year).
 */
export function assertTierPay(tier: TierExplanation): void {
  if (!Number.isSafeInteger(tier.payFen) || tier.payFen < 0 || tier.payFen > tier.inputFen) {
    throw new RangeError(
      `${tier.tier} would pay ${tier.payFen} fen of an input of ${tier.inputFen} fen`,
    );
  }
  if (tier.paidAfterFen !== tier.paidBeforeFen + tier.payFen) {
    throw new RangeError(
      `${tier.tier} paid total moves from ${tier.paidBeforeFen} to ${tier.paidAfterFen} fen for a pay of ${tier.payFen} fen`,
    );
  }
  if (tier.payFen > 0 && tier.capFen !== null && tier.paidAfterFen > tier.capFen) {
    throw new RangeError(
      `${tier.tier} would reach ${tier.paidAfterFen} fen paid this year, above its cap of ${tier.capFen} fen`,
    );
  }
}

/**
 * Adds (sign 1) or takes out (sign -1) one tier's input and payout. A tier that did not apply
 * changes nothing. Throws rather than let any sum go below zero.
 */
export function shiftSums(sums: AnnualSums, tier: TierExplanation, sign: 1 | -1): AnnualSums {
  assertFen(tier.inputFen, `${tier.tier}.inputFen`);
  assertFen(tier.payFen, `${tier.tier}.payFen`);
  if (!tier.applied) {
    if (tier.payFen !== 0)
      throw new RangeError(`${tier.tier} did not apply but paid ${tier.payFen}`);
    return sums;
  }
  let next: AnnualSums;
  if (tier.sums === 'inpatientBasic') {
    next = { ...sums, inpatientBasicPaidFen: sums.inpatientBasicPaidFen + sign * tier.payFen };
  } else {
    const before = sums[tier.sums];
    next = {
      ...sums,
      [tier.sums]: {
        baseFen: before.baseFen + sign * tier.inputFen,
        paidFen: before.paidFen + sign * tier.payFen,
      },
    };
  }
  assertAnnualSums(next, sign === 1 ? 'sums after settlement' : 'sums after reversal');
  return next;
}

import { emptyAnnualSums, type AnnualSums } from './annual-sums.js';
import type { AssistanceCategory, ClaimType, InstitutionLevel, PolicyEntry } from './catalogue.js';
import { settleClaim, type SettlementBreakdown } from './settle-claim.js';
import { settleRelief } from './settle-relief.js';
import type { ClaimTiers, ReliefTiers } from './tier-explanation.js';

// Re-settlement of one person's coverage year (重新结算), POLICY.md "Assistance on application and
// re-adjudication": the year's claims that are settled and not reversed, and its relief grants,
// in recorded order, settled again from zero annual sums with the category in force on each
// item's date as now recorded. Each claim keeps its own level, type, dates and amounts (a
// corrected claim comes in with its corrected amounts). Pure; the same function serves
// re-adjudication (one person) and policy simulation (every person of a region-year).

/** A one-stop claim of the year, as it stands now (corrected amounts where corrected). */
export interface YearClaimItem {
  readonly kind: 'claim';
  readonly id: string;
  readonly claimType: ClaimType;
  readonly institutionLevel: InstitutionLevel;
  /** the service date (inpatient: the admission date): the category is the one in force then */
  readonly serviceDate: string;
  readonly totalCostFen: number;
  readonly policyCostFen: number;
  readonly category: AssistanceCategory | 'none';
}

/** A relief grant on application (依申请救助): an inpatient B2 dated onDate. */
export interface YearReliefItem {
  readonly kind: 'relief';
  readonly id: string;
  readonly onDate: string;
  readonly burdenFen: number;
  readonly category: AssistanceCategory | 'none';
}

export type YearItem = YearClaimItem | YearReliefItem;

export interface ResettledClaim {
  readonly kind: 'claim';
  readonly id: string;
  readonly breakdown: SettlementBreakdown;
  readonly tiers: ClaimTiers;
  readonly sumsBefore: AnnualSums;
  readonly sumsAfter: AnnualSums;
}

export interface ResettledRelief {
  readonly kind: 'relief';
  readonly id: string;
  /** basic and critical illness are 0; personalFen is the part of the burden the person still bears */
  readonly breakdown: SettlementBreakdown;
  readonly tiers: ReliefTiers;
  readonly sumsBefore: AnnualSums;
  readonly sumsAfter: AnnualSums;
}

export type ResettledItem = ResettledClaim | ResettledRelief;

export interface YearResettlement {
  /** one per input item, in the same order */
  readonly items: readonly ResettledItem[];
  /** the annual sums after the last item (empty sums for a year with no items) */
  readonly annualSums: AnnualSums;
}

/**
 * Settles `items` (in recorded order) again from zero annual sums under `policy`, each with its
 * own category. `policy` is an entry or a look-up by item (a person's year has one entry; a
 * simulation passes the proposed entry).
 */
export function resettleYear(
  policy: PolicyEntry | ((item: YearItem) => PolicyEntry),
  items: readonly YearItem[],
): YearResettlement {
  const entryFor = typeof policy === 'function' ? policy : () => policy;
  let sums = emptyAnnualSums();
  const settled: ResettledItem[] = [];
  for (const item of items) {
    const sumsBefore = sums;
    if (item.kind === 'claim') {
      const s = settleClaim(entryFor(item), sums, {
        claimType: item.claimType,
        institutionLevel: item.institutionLevel,
        totalCostFen: item.totalCostFen,
        policyCostFen: item.policyCostFen,
        category: item.category,
      });
      sums = s.sumsAfter;
      settled.push({
        kind: 'claim',
        id: item.id,
        breakdown: s.breakdown,
        tiers: s.tiers,
        sumsBefore,
        sumsAfter: sums,
      });
    } else {
      const r = settleRelief(entryFor(item), sums, {
        burdenFen: item.burdenFen,
        category: item.category,
      });
      sums = r.sumsAfter;
      settled.push({
        kind: 'relief',
        id: item.id,
        breakdown: {
          basicFen: 0,
          criticalIllnessFen: 0,
          assistanceFen: r.assistanceFen,
          reAssistanceFen: r.reAssistanceFen,
          personalFen: item.burdenFen - r.assistanceFen - r.reAssistanceFen,
        },
        tiers: r.tiers,
        sumsBefore,
        sumsAfter: sums,
      });
    }
  }
  return { items: settled, annualSums: sums };
}

import type { EventData } from '../../../events/event-definition.js';
import type { PersonYearReadjudicated } from '../../../events/index.js';
import { requireRegistered } from '../../person-stream/domain/person-decider.js';
import type { PersonEvent } from '../../person-stream/domain/person-events.js';
import {
  assistanceCategoryOn,
  currentClaimSettlement,
  currentGrantSettlement,
  type PersonState,
  type RegisteredPerson,
} from '../../person-stream/domain/person-state.js';
import { emptyAnnualSums, type AnnualSums } from '../../policy/domain/annual-sums.js';
import type { PolicyEntry } from '../../policy/domain/catalogue.js';
import { resettleYear, type YearItem } from '../../policy/domain/resettle-year.js';
import type { SettlementBreakdown } from '../../policy/domain/settle-claim.js';
import { refuse } from '../../shared/domain/refusal.js';
import { readjudicationMoney } from './readjudication-postings.js';

// Re-adjudication (重新结算) of a person's coverage year, POLICY.md "Assistance on application and
// re-adjudication": the year's settled, unreversed claims and its relief grants, in recorded
// order, settled again from zero annual sums with the categories as now recorded; per item and
// tier the difference new - old; per fund the money owed to or by the person; the year's annual
// sums become those of the re-settlement. One event; none when nothing would change (a second
// re-adjudication with nothing new recorded changes nothing).

export interface ReadjudicateYear {
  readonly coverageYear: number;
  readonly reason: string;
  /** the recording date (Asia/Shanghai): the business date of the postings */
  readonly readjudicatedOn: string;
  /** the catalogue entries by policyId: each item is settled again under the entry it was settled under */
  readonly policies: ReadonlyMap<string, PolicyEntry>;
}

/** One item of the year as it stands now, with what the re-settlement needs. */
export interface StandingItem {
  readonly item: YearItem;
  readonly position: number;
  readonly policyId: string;
  readonly regionCode: string;
  readonly breakdown: SettlementBreakdown;
}

/**
 * The year's settled, unreversed claims and its relief grants, in recorded order (the position of
 * their settlement), each as it stands now and with the category in force on its date as now
 * recorded. A corrected claim is one more case here: its corrected amounts.
 */
export function standingItems(person: RegisteredPerson, coverageYear: number): StandingItem[] {
  const items: StandingItem[] = [];
  for (const claim of person.claims.values()) {
    const s = claim.settled;
    if (claim.reversal || s.coverageYear !== coverageYear) continue;
    // a corrected claim with its corrected amounts
    const now = currentClaimSettlement(claim);
    items.push({
      item: {
        kind: 'claim',
        id: s.claimId,
        claimType: s.claimType,
        institutionLevel: s.institutionLevel,
        serviceDate: s.serviceDate,
        totalCostFen: now.totalCostFen,
        policyCostFen: now.policyCostFen,
        category: assistanceCategoryOn(person, s.serviceDate),
      },
      position: claim.settledAt,
      policyId: s.policyId,
      regionCode: s.regionCode,
      breakdown: now.breakdown,
    });
  }
  for (const grant of person.grants.values()) {
    const g = grant.granted;
    if (g.coverageYear !== coverageYear) continue;
    const now = currentGrantSettlement(grant);
    items.push({
      item: {
        kind: 'relief',
        id: g.grantId,
        onDate: g.onDate,
        burdenFen: g.burdenFen,
        category: assistanceCategoryOn(person, g.onDate),
      },
      position: grant.grantedAt,
      policyId: g.policyId,
      regionCode: g.regionCode,
      breakdown: {
        basicFen: 0,
        criticalIllnessFen: 0,
        assistanceFen: now.assistanceFen,
        reAssistanceFen: now.reAssistanceFen,
        personalFen: g.burdenFen - now.assistanceFen - now.reAssistanceFen,
      },
    });
  }
  return items.sort((a, b) => a.position - b.position);
}

/** [PersonYearReadjudicated], or none when the re-settlement equals what stands. */
export function decideReadjudication(command: ReadjudicateYear, state: PersonState): PersonEvent[] {
  const person = requireRegistered(state);
  const { coverageYear } = command;
  const standing = standingItems(person, coverageYear);
  const policyOf = (policyId: string): PolicyEntry => {
    const policy = command.policies.get(policyId);
    if (!policy) throw refuse('no-policy', `policy ${policyId} is no longer in the catalogue`);
    return policy;
  };
  const byId = new Map(standing.map((s) => [s.item.id, s]));
  const resettled = resettleYear(
    (item) => policyOf(byId.get(item.id)!.policyId),
    standing.map((s) => s.item),
  );
  const sumsBefore = person.annualSums.get(coverageYear) ?? emptyAnnualSums();
  const unchanged =
    resettled.items.every((r, i) => sameBreakdown(r.breakdown, standing[i]!.breakdown)) &&
    sameSums(resettled.annualSums, sumsBefore);
  if (unchanged) return [];
  const items = resettled.items.map((r, i) => ({
    kind: r.kind,
    id: r.id,
    regionCode: standing[i]!.regionCode,
    assistanceCategory: standing[i]!.item.category,
    before: standing[i]!.breakdown,
    after: r.breakdown,
    tiers: r.tiers,
  }));
  const money = readjudicationMoney(person.personId, coverageYear, items);
  const data: EventData<typeof PersonYearReadjudicated> = {
    personId: person.personId,
    coverageYear,
    reason: command.reason,
    readjudicatedOn: command.readjudicatedOn,
    items,
    differenceFen: {
      basicFen: difference(items, 'basicFen'),
      criticalIllnessFen: difference(items, 'criticalIllnessFen'),
      assistanceFen: difference(items, 'assistanceFen'),
      reAssistanceFen: difference(items, 'reAssistanceFen'),
    },
    owedToPersonFen: money.owedToPersonFen,
    owedByPersonFen: money.owedByPersonFen,
    annualSumsBefore: sumsBefore,
    annualSumsAfter: resettled.annualSums,
    postings: money.postings,
  };
  return [{ type: 'PersonYearReadjudicated', data }];
}

function difference(
  items: ReadonlyArray<{ before: SettlementBreakdown; after: SettlementBreakdown }>,
  tier: keyof SettlementBreakdown,
): number {
  return items.reduce((sum, i) => sum + i.after[tier] - i.before[tier], 0);
}

function sameBreakdown(a: SettlementBreakdown, b: SettlementBreakdown): boolean {
  return (
    a.basicFen === b.basicFen &&
    a.criticalIllnessFen === b.criticalIllnessFen &&
    a.assistanceFen === b.assistanceFen &&
    a.reAssistanceFen === b.reAssistanceFen &&
    a.personalFen === b.personalFen
  );
}

function sameSums(a: AnnualSums, b: AnnualSums): boolean {
  const tiers = [
    'outpatientGeneral',
    'outpatientChronic',
    'criticalIllness',
    'assistance',
    'reAssistance',
  ] as const;
  return (
    a.inpatientBasicPaidFen === b.inpatientBasicPaidFen &&
    tiers.every((t) => a[t].baseFen === b[t].baseFen && a[t].paidFen === b[t].paidFen)
  );
}

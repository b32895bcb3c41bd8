import type { SettledTiers, SumsTarget } from '../../policy/domain/index.js';
import { tierList } from '../../policy/domain/index.js';
import { addInto, difference, zeroAmounts, type FundAmounts } from './fund-amounts.js';
import type { PersonSimulation } from './simulate.js';
import type { PersonYear } from './simulation-items.js';

// The comparison a simulation answers with (POLICY.md "Policy simulation"): the year's money by
// tier under the entry in force (baseline) and under the proposal, with the difference; the same
// by assistance category, by institution level and by claim type; and how many persons reach
// each cap under each.

/** The caps a person can reach in a year, by the annual sums they are kept in. */
export type CapName = SumsTarget;
export const capNames: readonly CapName[] = [
  'inpatientBasic',
  'outpatientGeneral',
  'outpatientChronic',
  'criticalIllness',
  'assistance',
  'reAssistance',
];
export type PersonsAtCap = Record<CapName, number>;

export interface GroupComparison {
  readonly settlements: number;
  readonly recordedFen: FundAmounts;
  readonly baselineFen: FundAmounts;
  readonly proposedFen: FundAmounts;
  readonly differenceFen: FundAmounts;
}

export interface SimulationComparison {
  readonly persons: number;
  readonly claims: number;
  readonly reliefGrants: number;
  readonly recordedFen: FundAmounts;
  readonly baselineFen: FundAmounts;
  readonly proposedFen: FundAmounts;
  readonly differenceFen: FundAmounts;
  /** by the assistance category in force on each claim ('none' outside every category) */
  readonly byCategory: ReadonlyArray<{ readonly category: string } & GroupComparison>;
  /** by institution level; relief grants (no institution) under level null */
  readonly byLevel: ReadonlyArray<{ readonly level: string | null } & GroupComparison>;
  /** by claim type; relief grants under 'relief' */
  readonly byClaimType: ReadonlyArray<{ readonly claimType: string } & GroupComparison>;
  readonly personsAtCap: { readonly baseline: PersonsAtCap; readonly proposed: PersonsAtCap };
}

class Group {
  settlements = 0;
  readonly recorded = zeroAmounts();
  readonly baseline = zeroAmounts();
  readonly proposed = zeroAmounts();

  add(recorded: FundAmounts, baseline: FundAmounts, proposed: FundAmounts): void {
    this.settlements += 1;
    addInto(this.recorded, recorded);
    addInto(this.baseline, baseline);
    addInto(this.proposed, proposed);
  }

  view(): GroupComparison {
    return {
      settlements: this.settlements,
      recordedFen: { ...this.recorded },
      baselineFen: { ...this.baseline },
      proposedFen: { ...this.proposed },
      differenceFen: difference(this.proposed, this.baseline),
    };
  }
}

/** The caps the person's year reached: a tier with a cap above 0 whose paid total stood at it. */
export function capsReached(tiers: readonly SettledTiers[]): Set<CapName> {
  const reached = new Set<CapName>();
  for (const settled of tiers)
    for (const tier of tierList(settled))
      if (tier.capFen !== null && tier.capFen > 0 && tier.paidAfterFen >= tier.capFen)
        reached.add(tier.sums);
  return reached;
}

function noneAtCap(): PersonsAtCap {
  return {
    inpatientBasic: 0,
    outpatientGeneral: 0,
    outpatientChronic: 0,
    criticalIllness: 0,
    assistance: 0,
    reAssistance: 0,
  };
}

/** Folds persons' years, settled twice, into the comparison. */
export class ComparisonBuilder {
  private persons = 0;
  private claims = 0;
  private reliefGrants = 0;
  private readonly total = new Group();
  private readonly byCategory = new Map<string, Group>();
  private readonly byLevel = new Map<string | null, Group>();
  private readonly byClaimType = new Map<string, Group>();
  private readonly atCap = { baseline: noneAtCap(), proposed: noneAtCap() };

  addPerson(person: PersonYear, { baseline, proposed }: PersonSimulation): void {
    const count = person.items.length;
    if (
      baseline.items.length !== count ||
      proposed.items.length !== count ||
      person.recorded.length !== count
    )
      throw new Error('baseline, proposal and record cover different items');
    if (count === 0) return;
    this.persons += 1;
    person.items.forEach((item, index) => {
      if (item.kind === 'claim') this.claims += 1;
      else this.reliefGrants += 1;
      const amounts = [
        person.recorded[index]!,
        baseline.items[index]!.breakdown,
        proposed.items[index]!.breakdown,
      ] as const;
      this.total.add(...amounts);
      groupOf(this.byCategory, item.category).add(...amounts);
      groupOf(this.byLevel, item.kind === 'claim' ? item.institutionLevel : null).add(...amounts);
      groupOf(this.byClaimType, item.kind === 'claim' ? item.claimType : 'relief').add(...amounts);
    });
    for (const cap of capsReached(baseline.items.map((i) => i.tiers)))
      this.atCap.baseline[cap] += 1;
    for (const cap of capsReached(proposed.items.map((i) => i.tiers)))
      this.atCap.proposed[cap] += 1;
  }

  result(): SimulationComparison {
    const total = this.total.view();
    return {
      persons: this.persons,
      claims: this.claims,
      reliefGrants: this.reliefGrants,
      recordedFen: total.recordedFen,
      baselineFen: total.baselineFen,
      proposedFen: total.proposedFen,
      differenceFen: total.differenceFen,
      byCategory: sorted(this.byCategory).map(([category, g]) => ({ category, ...g.view() })),
      byLevel: sorted(this.byLevel).map(([level, g]) => ({ level, ...g.view() })),
      byClaimType: sorted(this.byClaimType).map(([claimType, g]) => ({ claimType, ...g.view() })),
      personsAtCap: { baseline: { ...this.atCap.baseline }, proposed: { ...this.atCap.proposed } },
    };
  }
}

function groupOf<K>(groups: Map<K, Group>, key: K): Group {
  let group = groups.get(key);
  if (!group) {
    group = new Group();
    groups.set(key, group);
  }
  return group;
}

/** Groups in a stable order: by key, null last. */
function sorted<K extends string | null>(groups: Map<K, Group>): Array<[K, Group]> {
  return [...groups.entries()].sort(([a], [b]) =>
    a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1,
  );
}

import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { loadCatalogue } from '../../policy/load-catalogue.js';
import {
  assistanceCategories,
  claimTypes,
  emptyAnnualSums,
  institutionLevels,
  resettleYear,
  settleClaim,
  settleRelief,
  type AssistanceCategory,
  type PolicyEntry,
  type SettlementBreakdown,
  type YearItem,
} from '../../policy/domain/index.js';
import { fundKeys, zeroAmounts, addInto } from './fund-amounts.js';
import { proposeEntry } from './proposed-entry.js';
import { simulate, simulatePerson } from './simulate.js';
import { ComparisonBuilder } from './simulation-comparison.js';
import { reliefBreakdown, type PersonYear } from './simulation-items.js';

// Properties of policy simulation (issue 15 item 5): with no changes it equals the baseline, and
// the baseline is what was recorded for years settled one claim after another; the simulation's
// per-person result is the re-settlement's (resettleYear, the one function both use).

const catalogue = loadCatalogue();
const runs = { numRuns: 100 };

const amountFen = fc.oneof(
  fc.integer({ min: 0, max: 200000 }),
  fc.integer({ min: 0, max: 3000000 }),
  fc.integer({ min: 0, max: 80000000 }),
);
const categoryArb = fc.constantFrom<AssistanceCategory | 'none'>('none', ...assistanceCategories);
const itemArb = (index: number) =>
  fc.oneof(
    {
      weight: 5,
      arbitrary: fc
        .record({
          claimType: fc.constantFrom(...claimTypes),
          institutionLevel: fc.constantFrom(...institutionLevels),
          policyCostFen: amountFen,
          outsideFen: fc.integer({ min: 0, max: 2000000 }),
          category: categoryArb,
        })
        .map(({ outsideFen, ...c }): YearItem => ({
          kind: 'claim',
          id: `c${index}`,
          serviceDate: '2023-06-01',
          totalCostFen: c.policyCostFen + outsideFen,
          ...c,
        })),
    },
    {
      weight: 1,
      arbitrary: fc
        .record({ burdenFen: amountFen, category: categoryArb })
        .map((r): YearItem => ({ kind: 'relief', id: `g${index}`, onDate: '2023-06-01', ...r })),
    },
  );
const itemsArb = fc
  .integer({ min: 0, max: 8 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => itemArb(i))));
const policyArb = fc.constantFrom(...catalogue.policies);

/** A year as the service records it: one settlement after another from zero sums. */
function settledOneByOne(policy: PolicyEntry, items: readonly YearItem[]): SettlementBreakdown[] {
  let sums = emptyAnnualSums();
  return items.map((item) => {
    if (item.kind === 'claim') {
      const s = settleClaim(policy, sums, item);
      sums = s.sumsAfter;
      return s.breakdown;
    }
    const r = settleRelief(policy, sums, item);
    sums = r.sumsAfter;
    return reliefBreakdown(item.burdenFen, r.assistanceFen, r.reAssistanceFen);
  });
}

const personsArb = (policy: PolicyEntry) =>
  fc.array(itemsArb, { maxLength: 5 }).map((years) =>
    years.map((items, i): PersonYear => ({
      personId: `p${i}`,
      items,
      recorded: settledOneByOne(policy, items),
    })),
  );

const zero = {
  basicFen: 0,
  criticalIllnessFen: 0,
  assistanceFen: 0,
  reAssistanceFen: 0,
  personalFen: 0,
};

describe('policy simulation, properties', () => {
  it('with no changes the proposal equals the baseline (difference 0 everywhere), and the baseline equals what was recorded', () => {
    fc.assert(
      fc.property(
        policyArb.chain((policy) => fc.tuple(fc.constant(policy), personsArb(policy))),
        ([policy, persons]) => {
          const proposal = proposeEntry(catalogue, policy, {});
          if (!proposal.ok) throw new Error(proposal.message);
          const result = simulate(policy, proposal.entry, persons);
          expect(result.differenceFen).toEqual(zero);
          expect(result.proposedFen).toEqual(result.baselineFen);
          expect(result.baselineFen).toEqual(result.recordedFen);
          for (const group of [...result.byCategory, ...result.byLevel, ...result.byClaimType]) {
            expect(group.differenceFen).toEqual(zero);
            expect(group.baselineFen).toEqual(group.recordedFen);
          }
          expect(result.personsAtCap.proposed).toEqual(result.personsAtCap.baseline);
        },
      ),
      runs,
    );
  });

  it("agrees with re-settlement for one person: the per-person result is resettleYear's under each entry", () => {
    fc.assert(
      fc.property(
        policyArb,
        itemsArb,
        fc.integer({ min: 0, max: 10000 }),
        (policy, items, tertiaryRatioBp) => {
          const proposal = proposeEntry(catalogue, policy, {
            inpatient: { levels: { tertiary: { ratioBp: tertiaryRatioBp } } },
          });
          if (!proposal.ok) throw new Error(proposal.message);
          const person: PersonYear = {
            personId: 'p',
            items,
            recorded: settledOneByOne(policy, items),
          };
          const simulated = simulatePerson(policy, proposal.entry, person);
          expect(simulated.baseline).toEqual(resettleYear(policy, items));
          expect(simulated.proposed).toEqual(resettleYear(proposal.entry, items));
          // and the comparison's totals are the sums of that re-settlement
          const builder = new ComparisonBuilder();
          builder.addPerson(person, simulated);
          const expected = zeroAmounts();
          for (const i of resettleYear(proposal.entry, items).items) addInto(expected, i.breakdown);
          expect(builder.result().proposedFen).toEqual(expected);
        },
      ),
      runs,
    );
  });

  it('splits the totals exactly: by category, by level and by claim type each sum to the totals; difference = proposed - baseline', () => {
    fc.assert(
      fc.property(
        policyArb.chain((policy) => fc.tuple(fc.constant(policy), personsArb(policy))),
        fc.integer({ min: 0, max: 10000 }),
        fc.integer({ min: 0, max: 3000000 }),
        ([policy, persons], ratioBp, deductibleFen) => {
          const proposal = proposeEntry(catalogue, policy, {
            inpatient: { levels: { secondary: { ratioBp, deductibleFen } } },
          });
          if (!proposal.ok) throw new Error(proposal.message);
          const result = simulate(policy, proposal.entry, persons);
          for (const groups of [result.byCategory, result.byLevel, result.byClaimType]) {
            const baseline = zeroAmounts();
            const proposed = zeroAmounts();
            for (const g of groups) {
              addInto(baseline, g.baselineFen);
              addInto(proposed, g.proposedFen);
            }
            expect(baseline).toEqual(result.baselineFen);
            expect(proposed).toEqual(result.proposedFen);
          }
          for (const key of fundKeys)
            expect(result.differenceFen[key]).toBe(
              result.proposedFen[key] - result.baselineFen[key],
            );
          expect(result.claims + result.reliefGrants).toBe(
            persons.reduce((n, p) => n + p.items.length, 0),
          );
        },
      ),
      runs,
    );
  });
});

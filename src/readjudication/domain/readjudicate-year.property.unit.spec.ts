import { designatedInstitution } from '../../../test/support/institutions.js';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { givenPerson } from '../../../test/support/decider.js';
import { coveredAdultHistory } from '../../../test/support/covered-history.js';
import { loadCatalogue } from '../../policy/load-catalogue.js';
import { assistanceCategories, findPolicy } from '../../policy/domain/catalogue.js';
import type { PersonEvent } from '../../person-stream/domain/person-events.js';
import type { AssistanceStatus } from '../../person-stream/domain/person-state.js';
import { decideSettleClaim, type SettleClaim } from '../../claims/domain/settle-claim.decider.js';
import { decideGrantRelief } from '../../relief/domain/grant-relief.decider.js';
import { Refusal } from '../../shared/domain/refusal.js';
import { decideReadjudication, type ReadjudicateYear } from './readjudicate-year.decider.js';
import { addDays } from '../../shared/domain/local-date.js';

// Properties of re-adjudication (重新结算) over random person-years of policy 370800-2023: claims of
// every type and level and relief grants, under random assistance statuses.

const policy = findPolicy(loadCatalogue(), '370800', 2023)!;
const command: ReadjudicateYear = {
  coverageYear: 2023,
  reason: 'property',
  readjudicatedOn: '2024-01-15',
  policies: new Map([[policy.policyId, policy]]),
};
const runs = { numRuns: 150 };

const statusArb = fc.constantFrom<AssistanceStatus>('none', ...assistanceCategories);
const dayArb = fc.integer({ min: 0, max: 360 }).map((d) => addDays('2023-01-01', d));
const statusChangeArb = fc.record({ category: statusArb, effectiveFrom: dayArb });
const amountArb = fc.oneof(
  fc.integer({ min: 0, max: 300000 }),
  fc.integer({ min: 0, max: 5000000 }),
  fc.integer({ min: 0, max: 60000000 }),
);
const itemArb = fc.oneof(
  fc.record({
    kind: fc.constant('claim' as const),
    claimType: fc.constantFrom('inpatient', 'outpatient-general', 'outpatient-chronic'),
    institutionLevel: fc.constantFrom('grassroots', 'secondary', 'tertiary'),
    day: dayArb,
    policyCostFen: amountArb,
    outsideFen: fc.integer({ min: 0, max: 1000000 }),
  }),
  fc.record({
    kind: fc.constant('relief' as const),
    day: dayArb,
    burdenFen: amountArb.map((a) => a + 1),
  }),
);

type Item = typeof itemArb extends fc.Arbitrary<infer T> ? T : never;

function statusEvents(
  changes: ReadonlyArray<{ category: AssistanceStatus; effectiveFrom: string }>,
): PersonEvent[] {
  return changes.map((c) => ({
    type: 'AssistanceStatusChanged',
    data: { personId: 'per_1', ...c },
  }));
}

/** The history with each item decided against the state so far; refused items (a relief without a category) leave nothing. */
function withItems(history: readonly PersonEvent[], items: readonly Item[]): PersonEvent[] {
  const events = [...history];
  items.forEach((item, i) => {
    const state = givenPerson(...events);
    try {
      if (item.kind === 'claim') {
        const dates =
          item.claimType === 'inpatient'
            ? {
                admissionDate: item.day,
                dischargeDate: item.day > '2023-12-20' ? item.day : addDays(item.day, 3),
              }
            : { serviceDate: item.day };
        const claim = {
          claimId: `clm_${i}`,
          personId: 'per_1',
          institutionId: 'H1',
          institutionLevel: item.institutionLevel,
          claimType: item.claimType,
          invoiceNo: `I${i}`,
          ...dates,
          totalCostFen: item.policyCostFen + item.outsideFen,
          policyCostFen: item.policyCostFen,
          diagnosisCode: null,
          contentHash: 'a'.repeat(64),
          invoice: { status: 'free' },
          institution: designatedInstitution('H1', item.institutionLevel),
          policy,
        } as SettleClaim;
        events.push(...decideSettleClaim(claim, state));
      } else {
        events.push(
          ...decideGrantRelief(
            {
              onDate: item.day,
              burdenFen: item.burdenFen,
              reference: `R${i}`,
              grantId: `grt_${i}`,
              holder: undefined,
              policy,
            },
            state,
          ),
        );
      }
    } catch (e) {
      if (!(e instanceof Refusal)) throw e;
    }
  });
  return events;
}

describe('re-adjudication properties', () => {
  it('with the statuses unchanged since the items were settled, it changes nothing', () => {
    fc.assert(
      fc.property(
        fc.array(statusChangeArb, { maxLength: 3 }),
        fc.array(itemArb, { minLength: 1, maxLength: 8 }),
        (changes, items) => {
          const history = withItems([...coveredAdultHistory, ...statusEvents(changes)], items);
          expect(decideReadjudication(command, givenPerson(...history))).toEqual([]);
        },
      ),
      runs,
    );
  });

  it('re-adjudicating twice changes nothing the second time, and each total difference balances its postings', () => {
    fc.assert(
      fc.property(
        fc.array(statusChangeArb, { maxLength: 2 }),
        fc.array(itemArb, { minLength: 1, maxLength: 8 }),
        fc.array(statusChangeArb, { minLength: 1, maxLength: 2 }),
        (before, items, after) => {
          const history = [
            ...withItems([...coveredAdultHistory, ...statusEvents(before)], items),
            ...statusEvents(after),
          ];
          const first = decideReadjudication(command, givenPerson(...history));
          for (const event of first) {
            if (event.type !== 'PersonYearReadjudicated') throw new Error(event.type);
            const d = event.data;
            const total =
              d.differenceFen.basicFen +
              d.differenceFen.criticalIllnessFen +
              d.differenceFen.assistanceFen +
              d.differenceFen.reAssistanceFen;
            // one fund per tier in one region: the owed amounts are the total difference
            expect(d.owedToPersonFen - d.owedByPersonFen).toBe(total);
            const debits = d.postings.reduce((s, p) => s + p.debitFen, 0);
            const credits = d.postings.reduce((s, p) => s + p.creditFen, 0);
            expect(debits).toBe(credits);
            for (const item of d.items) {
              const sum = (b: typeof item.after) =>
                b.basicFen +
                b.criticalIllnessFen +
                b.assistanceFen +
                b.reAssistanceFen +
                b.personalFen;
              expect(sum(item.after)).toBe(sum(item.before));
            }
          }
          expect(decideReadjudication(command, givenPerson(...history, ...first))).toEqual([]);
        },
      ),
      runs,
    );
  });
});

import { describe, expect, it } from '@jest/globals';
import { decider, givenPerson, refused } from '../../../test/support/decider.js';
import fc from 'fast-check';
import { loadCatalogue } from '../../policy/load-catalogue.js';
import { findPolicy } from '../../policy/domain/catalogue.js';
import type { PersonEvent } from '../../person-stream/domain/person-events.js';
import { claimPolicyKey, decideSettleClaim, type SettleClaim } from './settle-claim.decider.js';
import type { RegisteredPerson } from '../../person-stream/domain/person-state.js';
import { decideReverseClaim } from './reverse-claim.decider.js';
import { coveredAdultHistory } from '../../../test/support/covered-history.js';
import { designatedInstitution } from '../../../test/support/institutions.js';

// Claims decided on a person's stream: coverage refusals, invoice uniqueness, and postings that
// balance and pay out exactly the fund tiers of the breakdown.

const catalogue = loadCatalogue();
const policyFor = (region: string, year: number) => findPolicy(catalogue, region, year);
const history = coveredAdultHistory;

const settle = decider(decideSettleClaim);
const reverse = decider(decideReverseClaim);

let n = 0;
/** An inpatient claim of per_1 with a free invoice, under the policy entry its builder would look up. */
function claim(over: Partial<SettleClaim> = {}): SettleClaim {
  n += 1;
  return {
    claimId: `clm_${n}`,
    personId: 'per_1',
    institutionId: 'H1',
    institutionLevel: 'tertiary',
    claimType: 'inpatient',
    invoiceNo: `I${n}`,
    admissionDate: '2023-03-01',
    dischargeDate: '2023-03-05',
    totalCostFen: 1000000,
    policyCostFen: 800000,
    diagnosisCode: null,
    contentHash: 'a'.repeat(64),
    invoice: { status: 'free' },
    institution: designatedInstitution('H1', 'tertiary'),
    policy: policyFor('370800', 2023),
    ...over,
  } as SettleClaim;
}

describe('settle claim decider', () => {
  it('refuses a claim dated in a year without an enrollment as not-covered', () => {
    settle
      .given(...history)
      .when(
        claim({
          admissionDate: '2024-01-02',
          dischargeDate: '2024-01-05',
          policy: policyFor('370800', 2024),
        }),
      )
      .then(refused({ code: 'not-covered' }));
  });

  it('refuses a claim dated before the birth as not-covered, even under an enrollment recorded for that year', () => {
    const unborn: PersonEvent = {
      type: 'PersonRegistered',
      data: {
        personId: 'per_1',
        nationalId: '370802202306011234',
        name: '甲',
        birthDate: '2023-06-01',
        regionCode: '370800',
      },
    };
    settle
      .given(unborn, history[1]!, history[2]!)
      .when(claim())
      .then(refused({ kind: 'refused', code: 'not-covered' }));
    settle
      .given(unborn, history[1]!, history[2]!)
      .when(claim({ admissionDate: '2023-06-02', dischargeDate: '2023-06-05' }))
      .then([{ type: 'ClaimSettled', data: { serviceDate: '2023-06-02' } }]);
  });

  it('refuses a claim dated after the death, even without coverage, as person-deceased', () => {
    const died: PersonEvent = {
      type: 'DeathRecorded',
      data: { personId: 'per_1', dateOfDeath: '2023-02-28' },
    };
    settle
      .given(...history, died)
      .when(claim())
      .then(refused({ code: 'person-deceased' }));
  });

  it('refuses an enrolled claim without the policy entry of its region and year as no-policy', () => {
    settle
      .given(...history)
      .when(claim({ policy: undefined }))
      .then(refused({ kind: 'refused', code: 'no-policy' }));
  });

  it('records an inpatient claim on its admission date and books it on its discharge date; an outpatient claim on its service date', () => {
    settle
      .given(...history)
      .when(claim())
      .then([
        {
          type: 'ClaimSettled',
          data: {
            admissionDate: '2023-03-01',
            dischargeDate: '2023-03-05',
            serviceDate: '2023-03-01',
            businessDate: '2023-03-05',
          },
        },
      ]);
    const outpatient = claim({
      claimType: 'outpatient-general',
      serviceDate: '2023-04-02',
      admissionDate: undefined,
      dischargeDate: undefined,
    } as Partial<SettleClaim>);
    settle
      .given(...history)
      .when(outpatient)
      .then([
        {
          type: 'ClaimSettled',
          data: {
            admissionDate: null,
            dischargeDate: null,
            serviceDate: '2023-04-02',
            businessDate: '2023-04-02',
          },
        },
      ]);
  });

  it('looks the policy up in the region of the enrollment of the service year', () => {
    expect(claimPolicyKey(givenPerson(...history) as RegisteredPerson, claim())).toEqual({
      regionCode: '370800',
      coverageYear: 2023,
    });
    expect(
      claimPolicyKey(
        givenPerson(...history) as RegisteredPerson,
        claim({ admissionDate: '2024-02-01' }),
      ),
    ).toBeUndefined();
  });

  it('replays a taken invoice with the same content and refuses other content as duplicate-invoice', () => {
    const c = claim();
    const invoice = {
      status: 'taken' as const,
      position: 9,
      invoice: {
        claimId: c.claimId,
        institutionId: 'H1',
        invoiceNo: c.invoiceNo,
        personId: 'per_1',
        contentHash: c.contentHash,
      },
    };
    settle
      .given(...history)
      .when({ ...c, invoice })
      .thenExactly([]);
    settle
      .given(...history)
      .when({ ...c, invoice, contentHash: 'b'.repeat(64) })
      .then(refused({ kind: 'conflict', code: 'duplicate-invoice' }));
  });

  it('balances the postings of every settlement and reversal of random claim sequences, paying out exactly the fund tiers', () => {
    const claimArb = fc.record({
      claimType: fc.constantFrom(
        'inpatient' as const,
        'outpatient-general' as const,
        'outpatient-chronic' as const,
      ),
      institutionLevel: fc.constantFrom(
        'grassroots' as const,
        'secondary' as const,
        'tertiary' as const,
      ),
      totalCostFen: fc.integer({ min: 0, max: 50_000_000 }),
      policyShareBp: fc.integer({ min: 0, max: 10000 }),
      reverse: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.constantFrom(
          'none',
          'extreme-poverty',
          'minimum-living-allowance',
          'poverty-relapse',
          'low-income-monitored',
        ),
        fc.array(claimArb, { maxLength: 12 }),
        (category, claims) => {
          const events: PersonEvent[] = [...history];
          if (category !== 'none')
            events.push({
              type: 'AssistanceStatusChanged',
              data: {
                personId: 'per_1',
                category: category as 'extreme-poverty',
                effectiveFrom: '2022-01-01',
              },
            });
          for (const c of claims) {
            const policyCostFen = Number(
              (BigInt(c.totalCostFen) * BigInt(c.policyShareBp)) / 10000n,
            );
            const dates =
              c.claimType === 'inpatient'
                ? {}
                : {
                    claimType: c.claimType,
                    serviceDate: '2023-03-01',
                    admissionDate: undefined,
                    dischargeDate: undefined,
                  };
            const command = claim({
              institutionLevel: c.institutionLevel,
              institution: designatedInstitution('H1', c.institutionLevel),
              totalCostFen: c.totalCostFen,
              policyCostFen,
              ...dates,
            } as Partial<SettleClaim>);
            const [settled] = settle
              .given(...events)
              .when(command)
              .events();
            if (settled?.type !== 'ClaimSettled') throw new Error('expected a settlement');
            const { postings, breakdown } = settled.data;
            const debits = postings.reduce((s, p) => s + p.debitFen, 0);
            expect(debits).toBe(postings.reduce((s, p) => s + p.creditFen, 0));
            expect(debits).toBe(
              breakdown.basicFen +
                breakdown.criticalIllnessFen +
                breakdown.assistanceFen +
                breakdown.reAssistanceFen,
            );
            events.push(settled);
            if (c.reverse) {
              const [reversal] = reverse
                .given(...events)
                .when({ claimId: command.claimId, reason: 'test', reversedOn: '2023-12-01' })
                .events();
              if (reversal?.type !== 'ClaimReversed') throw new Error('expected a reversal');
              expect(reversal.data.postings.reduce((s, p) => s + p.creditFen, 0)).toBe(debits);
              events.push(reversal);
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('refuses a second reversal of a claim as already-reversed', () => {
    const c = claim();
    const settled = settle
      .given(...history)
      .when(c)
      .events();
    const reversal = { claimId: c.claimId, reason: 'fraud', reversedOn: '2023-12-01' };
    const reversed = reverse
      .given(...history, ...settled)
      .when(reversal)
      .events();
    reverse
      .given(...history, ...settled, ...reversed)
      .when(reversal)
      .then(refused({ kind: 'conflict', code: 'already-reversed' }));
  });

  it('books the reversal of a claim of a closed year in the fund accounts of the recording year (period close)', () => {
    const c = claim();
    const settled = settle
      .given(...history)
      .when(c)
      .events();
    const postingsOf = (closedYears: number[]) => {
      const [event] = reverse
        .given(...history, ...settled)
        .when({ claimId: c.claimId, reason: 'fraud', reversedOn: '2024-02-01', closedYears })
        .events();
      return (
        event!.data as { postings: { account: string; debitFen: number; creditFen: number }[] }
      ).postings;
    };
    const open = postingsOf([]);
    const closed = postingsOf([2023]);
    expect(open.some((p) => p.account.endsWith(':2023'))).toBe(true);
    expect(closed.some((p) => p.account.startsWith('fund:') && p.account.endsWith(':2023'))).toBe(
      false,
    );
    // the same amounts, each 2023 fund line moved to 2024, every other line unchanged
    expect(closed).toEqual(
      open.map((p) =>
        p.account.startsWith('fund:') && p.account.endsWith(':2023')
          ? { ...p, account: p.account.replace(/:2023$/, ':2024') }
          : p,
      ),
    );
    expect(postingsOf([2022])).toEqual(open);
  });
});

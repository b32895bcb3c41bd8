import { describe, expect, it } from '@jest/globals';
import { givenPerson as given, refusalOf } from '../../../test/support/decider.js';
import fc from 'fast-check';
import { loadCatalogue } from '../../policy/load-catalogue.js';
import { findPolicy } from '../../policy/domain/catalogue.js';
import type { PersonEvent } from '../../persons/domain/person-events.js';
import { decideSettleClaim, type SettleClaim } from './settle-claim.decider.js';
import { decideReverseClaim } from './reverse-claim.decider.js';

// Claims decided on a person's stream: coverage refusals, invoice uniqueness, and postings that
// balance and pay out exactly the fund tiers of the breakdown.

const catalogue = loadCatalogue();
const policyFor = (region: string, year: number) => findPolicy(catalogue, region, year);
const contribution = { personalFen: 38000, assistanceSubsidyFen: 0, dueFromPersonFen: 38000, governmentSubsidyFen: 64000, criticalIllnessFundingFen: 10000 };
const history: PersonEvent[] = [
  { type: 'PersonRegistered', data: { personId: 'per_1', nationalId: '37080219800101123X', name: '甲', birthDate: '1980-01-01', regionCode: '370800' } },
  { type: 'EnrollmentRegistered', data: { enrollmentId: 'enr_1_2023', personId: 'per_1', regionCode: '370800', coverageYear: 2023, category: 'adult', channel: 'centralized', enrolledOn: '2022-11-15', policyId: '370800-2023', assistanceCategory: 'none', contribution } },
  { type: 'ContributionPaid', data: { enrollmentId: 'enr_1_2023', personId: 'per_1', receiptNo: 'R', paidOn: '2022-12-01', amountFen: 38000, coverageStart: '2023-01-01', coverageEnd: '2023-12-31', benefitsFrom: '2023-01-01', postings: [] } },
];


let n = 0;
function claim(over: Partial<SettleClaim> = {}): SettleClaim {
  n += 1;
  return {
    claimId: `clm_${n}`, personId: 'per_1', institutionId: 'H1', institutionLevel: 'tertiary', claimType: 'inpatient', invoiceNo: `I${n}`,
    admissionDate: '2023-03-01', dischargeDate: '2023-03-05', serviceDate: '2023-03-01', totalCostFen: 1000000, policyCostFen: 800000,
    diagnosisCode: null, contentHash: 'a'.repeat(64), ...over,
  };
}


describe('settle claim decider', () => {
  it('refuses a claim dated in a year without an enrollment as not-covered', () => {
    expect(refusalOf(() => decideSettleClaim(claim({ serviceDate: '2024-01-02', admissionDate: '2024-01-02' }), given(...history), { status: 'free' }, policyFor))).toMatchObject({ code: 'not-covered' });
  });

  it('refuses a claim dated before the birth as not-covered, even under an enrollment recorded for that year', () => {
    const unborn: PersonEvent = { type: 'PersonRegistered', data: { personId: 'per_1', nationalId: '370802202306011234', name: '甲', birthDate: '2023-06-01', regionCode: '370800' } };
    const state = given(unborn, history[1]!, history[2]!);
    expect(refusalOf(() => decideSettleClaim(claim(), state, { status: 'free' }, policyFor))).toMatchObject({ kind: 'refused', code: 'not-covered' });
    const afterBirth = { admissionDate: '2023-06-02', dischargeDate: '2023-06-05', serviceDate: '2023-06-02' };
    expect(decideSettleClaim(claim(afterBirth), state, { status: 'free' }, policyFor)).toMatchObject({ kind: 'settle' });
  });

  it('refuses a claim dated after the death, even without coverage, as person-deceased', () => {
    const died: PersonEvent = { type: 'DeathRecorded', data: { personId: 'per_1', dateOfDeath: '2023-02-28' } };
    expect(refusalOf(() => decideSettleClaim(claim(), given(...history, died), { status: 'free' }, policyFor))).toMatchObject({ code: 'person-deceased' });
  });

  it('replays a taken invoice with the same content and refuses other content as duplicate-invoice', () => {
    const c = claim();
    const taken = { status: 'taken' as const, position: 9, invoice: { claimId: c.claimId, institutionId: 'H1', invoiceNo: c.invoiceNo, personId: 'per_1', contentHash: c.contentHash } };
    expect(decideSettleClaim(c, given(...history), taken, policyFor)).toEqual({ kind: 'repeat', personId: 'per_1' });
    expect(refusalOf(() => decideSettleClaim({ ...c, contentHash: 'b'.repeat(64) }, given(...history), taken, policyFor))).toMatchObject({ kind: 'conflict', code: 'duplicate-invoice' });
  });

  it('balances the postings of every settlement and reversal of random claim sequences, paying out exactly the fund tiers', () => {
    const claimArb = fc.record({
      claimType: fc.constantFrom('inpatient' as const, 'outpatient-general' as const, 'outpatient-chronic' as const),
      institutionLevel: fc.constantFrom('grassroots' as const, 'secondary' as const, 'tertiary' as const),
      totalCostFen: fc.integer({ min: 0, max: 50_000_000 }),
      policyShareBp: fc.integer({ min: 0, max: 10000 }),
      reverse: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.constantFrom('none', 'extreme-poverty', 'minimum-living-allowance', 'poverty-relapse', 'low-income-monitored'), fc.array(claimArb, { maxLength: 12 }), (category, claims) => {
        const events: PersonEvent[] = [...history];
        if (category !== 'none') events.push({ type: 'AssistanceStatusChanged', data: { personId: 'per_1', category: category as 'extreme-poverty', effectiveFrom: '2022-01-01' } });
        for (const c of claims) {
          const policyCostFen = Number((BigInt(c.totalCostFen) * BigInt(c.policyShareBp)) / 10000n);
          const command = claim({ claimType: c.claimType, institutionLevel: c.institutionLevel, totalCostFen: c.totalCostFen, policyCostFen });
          const decision = decideSettleClaim(command, given(...events), { status: 'free' }, policyFor);
          if (decision.kind !== 'settle') throw new Error('expected a settlement');
          const { postings, breakdown } = decision.settled;
          const debits = postings.reduce((s, p) => s + p.debitFen, 0);
          expect(debits).toBe(postings.reduce((s, p) => s + p.creditFen, 0));
          expect(debits).toBe(breakdown.basicFen + breakdown.criticalIllnessFen + breakdown.assistanceFen + breakdown.reAssistanceFen);
          events.push({ type: 'ClaimSettled', data: decision.settled });
          if (c.reverse) {
            const reversal = decideReverseClaim({ claimId: command.claimId, reason: 'test', reversedOn: '2023-12-01' }, given(...events));
            expect(reversal.postings.reduce((s, p) => s + p.creditFen, 0)).toBe(debits);
            events.push({ type: 'ClaimReversed', data: reversal });
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});

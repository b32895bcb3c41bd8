import { describe, expect, it } from '@jest/globals';
import { decider, givenPerson, refused } from '../../../test/support/decider.js';
import { coveredAdultHistory } from '../../../test/support/covered-history.js';
import { designatedInstitution } from '../../../test/support/institutions.js';
import { loadCatalogue } from '../../policy/load-catalogue.js';
import { findPolicy } from '../../policy/domain/catalogue.js';
import type { PersonEvent } from '../../person-stream/domain/person-events.js';
import { decideSettleClaim, type SettleClaim } from './settle-claim.decider.js';
import { decideCorrectClaim, type CorrectClaim } from './correct-claim.decider.js';
import { decideReverseClaim } from './reverse-claim.decider.js';
import { correctionPostings } from './correction-postings.js';

// POLICY.md "Corrections and clawbacks", in fen. Jining 2023 (370800-2023), a tertiary stay:
// deductible 100,000 fen, basic ratio 60%.

const policy = findPolicy(loadCatalogue(), '370800', 2023);
const correct = decider(decideCorrectClaim);

function claim(claimId: string, totalCostFen: number, policyCostFen: number): SettleClaim {
  return {
    claimId,
    personId: 'per_1',
    institutionId: 'H1',
    institutionLevel: 'tertiary',
    claimType: 'inpatient',
    invoiceNo: claimId,
    admissionDate: '2023-03-01',
    dischargeDate: '2023-03-05',
    totalCostFen,
    policyCostFen,
    diagnosisCode: null,
    contentHash: 'a'.repeat(64),
    invoice: { status: 'free' },
    institution: designatedInstitution('H1', 'tertiary'),
    policy,
  };
}

/** the history, then each claim settled on it in turn */
function settledHistory(...claims: SettleClaim[]): PersonEvent[] {
  return claims.reduce<PersonEvent[]>(
    (events, c) => [...events, ...decideSettleClaim(c, givenPerson(...events))],
    [...coveredAdultHistory],
  );
}

const correction = (over: Partial<CorrectClaim> = {}): CorrectClaim => ({
  claimId: 'clm_1',
  totalCostFen: 900000,
  policyCostFen: 600000,
  reason: '超限用药 disallowed',
  correctedOn: '2023-05-02',
  policy,
  ...over,
});

// clm_1: 1,000,000 total, 800,000 in policy: basic (800,000 - 100,000) x 60% = 420,000
const history = settledHistory(claim('clm_1', 1000000, 800000));

describe('correct claim decider', () => {
  it('re-settles with the corrected amounts and recovers old - new per fund from the payable', () => {
    // corrected: (600,000 - 100,000) x 60% = 300,000; recovered 420,000 - 300,000 = 120,000
    correct
      .given(...history)
      .when(correction())
      .then([
        {
          type: 'ClaimCorrected',
          data: {
            before: {
              totalCostFen: 1000000,
              policyCostFen: 800000,
              breakdown: {
                basicFen: 420000,
                criticalIllnessFen: 0,
                assistanceFen: 0,
                reAssistanceFen: 0,
                personalFen: 580000,
              },
            },
            after: {
              totalCostFen: 900000,
              policyCostFen: 600000,
              breakdown: {
                basicFen: 300000,
                criticalIllnessFen: 0,
                assistanceFen: 0,
                reAssistanceFen: 0,
                personalFen: 600000,
              },
            },
            recovered: {
              basicFen: 120000,
              criticalIllnessFen: 0,
              assistanceFen: 0,
              reAssistanceFen: 0,
            },
            postings: [
              { account: 'payable:institution:H1', debitFen: 120000, creditFen: 0 },
              { account: 'fund:basic:370800:2023', debitFen: 0, creditFen: 120000 },
            ],
          },
        },
      ]);
  });

  it('corrects a claim of a sealed year into the open year: the 120,000 fen go back to the 2024 basic fund', () => {
    // POLICY.md period close: the sealed 2023 balances never change; the recovery is booked in 2024
    correct
      .given(...history)
      .when(correction({ closedYears: [2023], correctedOn: '2024-02-01' }))
      .then([
        {
          type: 'ClaimCorrected',
          data: {
            recovered: {
              basicFen: 120000,
              criticalIllnessFen: 0,
              assistanceFen: 0,
              reAssistanceFen: 0,
            },
            postings: [
              { account: 'payable:institution:H1', debitFen: 120000, creditFen: 0 },
              { account: 'fund:basic:370800:2024', debitFen: 0, creditFen: 120000 },
            ],
          },
        },
      ]);
  });

  it('takes the claim out of the annual sums and puts the corrected claim back', () => {
    const [event] = correct
      .given(...history)
      .when(correction())
      .events();
    if (event?.type !== 'ClaimCorrected') throw new Error('no correction');
    expect(event.data.annualSumsAfterReversal.inpatientBasicPaidFen).toBe(0);
    expect(event.data.annualSumsAfter.inpatientBasicPaidFen).toBe(300000);
    expect(event.data.annualSumsBefore.inpatientBasicPaidFen).toBe(420000);
  });

  it('refuses corrected amounts above the claim naming the field (a correction only disallows)', () => {
    correct
      .given(...history)
      .when(correction({ totalCostFen: 1000001 }))
      .then(refused({ kind: 'invalid', field: 'totalCostFen' }));
    correct
      .given(...history)
      .when(correction({ policyCostFen: 800001 }))
      .then(refused({ kind: 'invalid', field: 'policyCostFen' }));
    correct
      .given(...history)
      .when(correction({ totalCostFen: 500000, policyCostFen: 600000 }))
      .then(refused({ kind: 'invalid', field: 'policyCostFen' }));
  });

  it('refuses a correction that changes nothing', () => {
    correct
      .given(...history)
      .when(correction({ totalCostFen: 1000000, policyCostFen: 800000 }))
      .then(refused({ kind: 'invalid', field: 'totalCostFen' }));
  });

  it('refuses a reversed claim as already-reversed', () => {
    const reversed = [
      ...history,
      ...decideReverseClaim(
        { claimId: 'clm_1', reason: 'fraud', reversedOn: '2023-04-01' },
        givenPerson(...history),
      ),
    ];
    correct
      .given(...reversed)
      .when(correction())
      .then(refused({ kind: 'conflict', code: 'already-reversed' }));
  });

  it('corrects a corrected claim again from its corrected amounts, and repeats nothing for the same amounts', () => {
    const once = [...history, ...decideCorrectClaim(correction(), givenPerson(...history))];
    correct
      .given(...once)
      .when(correction())
      .then([]);
    // (500,000 - 100,000) x 60% = 240,000: 300,000 - 240,000 = 60,000 more recovered
    correct
      .given(...once)
      .when(correction({ policyCostFen: 500000 }))
      .then([
        {
          type: 'ClaimCorrected',
          data: {
            before: { totalCostFen: 900000, policyCostFen: 600000 },
            after: { totalCostFen: 900000, policyCostFen: 500000 },
            recovered: { basicFen: 60000 },
          },
        },
      ]);
    // and never upwards from the corrected amounts, though below the first ones
    correct
      .given(...once)
      .when(correction({ totalCostFen: 950000 }))
      .then(refused({ field: 'totalCostFen' }));
  });

  it('reverses a corrected claim with its corrected shares', () => {
    const once = [...history, ...decideCorrectClaim(correction(), givenPerson(...history))];
    decider(decideReverseClaim)
      .given(...once)
      .when({ claimId: 'clm_1', reason: 'fraud', reversedOn: '2023-06-01' })
      .then([
        {
          type: 'ClaimReversed',
          data: {
            returned: {
              basicFen: 300000,
              criticalIllnessFen: 0,
              assistanceFen: 0,
              reAssistanceFen: 0,
            },
            annualSumsAfter: { inpatientBasicPaidFen: 0 },
            // the settlement's lines the other way round
            postings: [
              { account: 'fund:basic:370800:2023', debitFen: 0, creditFen: 300000 },
              { account: 'payable:institution:H1', debitFen: 300000, creditFen: 0 },
            ],
          },
        },
      ]);
  });

  it('owes the institution a negative recovery: the fund pays the difference to the payable', () => {
    expect(
      correctionPostings('370800', 2023, 'H1', {
        basicFen: 5000,
        criticalIllnessFen: -372000,
        assistanceFen: 0,
        reAssistanceFen: 0,
      }),
    ).toEqual([
      { account: 'payable:institution:H1', debitFen: 5000, creditFen: 0 },
      { account: 'fund:basic:370800:2023', debitFen: 0, creditFen: 5000 },
      { account: 'fund:critical-illness:370800:2023', debitFen: 372000, creditFen: 0 },
      { account: 'payable:institution:H1', debitFen: 0, creditFen: 372000 },
    ]);
  });
});

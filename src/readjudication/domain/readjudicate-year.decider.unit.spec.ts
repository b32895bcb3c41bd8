import { designatedInstitution } from '../../../test/support/institutions.js';
import { describe, expect, it } from '@jest/globals';
import { decider, givenPerson } from '../../../test/support/decider.js';
import { coveredAdultHistory } from '../../../test/support/covered-history.js';
import { loadCatalogue } from '../../policy/load-catalogue.js';
import { findPolicy } from '../../policy/domain/catalogue.js';
import type { PersonEvent } from '../../person-stream/domain/person-events.js';
import { decideSettleClaim, type SettleClaim } from '../../claims/domain/settle-claim.decider.js';
import { decideReverseClaim } from '../../claims/domain/reverse-claim.decider.js';
import { decideReadjudication, type ReadjudicateYear } from './readjudicate-year.decider.js';
import { readjudicationNeeded } from './readjudication-needed.js';
import type { RegisteredPerson } from '../../person-stream/domain/person-state.js';

// Re-adjudication of per_1's 2023 (policy 370800-2023) after illness-impoverished (因病致贫重病患者)
// is recorded from 2023-03-01, the admission date of the first claim. Numbers worked out in
// src/policy/domain/resettle-year.unit.spec.ts.

const catalogue = loadCatalogue();
const policy = findPolicy(catalogue, '370800', 2023)!;
const readjudicate = decider(decideReadjudication);
const command: ReadjudicateYear = {
  coverageYear: 2023,
  reason: 'illness-impoverished on application, from the first large claim',
  readjudicatedOn: '2023-06-01',
  policies: new Map([[policy.policyId, policy]]),
};

/** Folds the history, deciding each claim against the state so far (as the command path does). */
function settled(
  history: readonly PersonEvent[],
  claims: Array<Partial<SettleClaim>>,
  first = 1,
): PersonEvent[] {
  const events = [...history];
  claims.forEach((over, i) => {
    const c = {
      claimId: `clm_${i + first}`,
      personId: 'per_1',
      institutionId: 'H1',
      institutionLevel: 'tertiary',
      claimType: 'inpatient',
      invoiceNo: `I${i + first}`,
      admissionDate: '2023-03-01',
      dischargeDate: '2023-03-10',
      totalCostFen: 12000000,
      policyCostFen: 10000000,
      diagnosisCode: null,
      contentHash: 'a'.repeat(64),
      invoice: { status: 'free' },
      policy,
      ...over,
    } as SettleClaim;
    // the registry's level is the one the claim states
    const designated = { ...c, institution: designatedInstitution('H1', c.institutionLevel!) };
    events.push(...decideSettleClaim(designated, givenPerson(...events)));
  });
  return events;
}

const twoClaims = settled(coveredAdultHistory, [
  {},
  {
    institutionLevel: 'secondary',
    admissionDate: '2023-05-02',
    dischargeDate: '2023-05-08',
    totalCostFen: 4000000,
    policyCostFen: 3000000,
  },
]);
const granted: PersonEvent = {
  type: 'AssistanceStatusChanged',
  data: {
    personId: 'per_1',
    category: 'illness-impoverished',
    effectiveFrom: '2023-03-01',
    applicationRef: 'APP-1',
  },
};

describe('re-adjudication decider (重新结算)', () => {
  it('with the categories unchanged, changes nothing and records nothing', () => {
    readjudicate
      .given(...twoClaims)
      .when(command)
      .then([]);
  });

  it('a status granted from the first claim: pays assistance 500000 and re-assistance 1287300 to the person', () => {
    const [event] = readjudicate
      .given(...twoClaims, granted)
      .when(command)
      .events();
    expect(event).toMatchObject({
      type: 'PersonYearReadjudicated',
      data: {
        coverageYear: 2023,
        items: [
          {
            kind: 'claim',
            id: 'clm_1',
            assistanceCategory: 'illness-impoverished',
            before: { assistanceFen: 0, reAssistanceFen: 0, personalFen: 4524000 },
            after: { assistanceFen: 500000, reAssistanceFen: 1066800, personalFen: 2957200 },
          },
          {
            kind: 'claim',
            id: 'clm_2',
            before: { reAssistanceFen: 0, personalFen: 1315000 },
            after: { reAssistanceFen: 220500, personalFen: 1094500 },
          },
        ],
        differenceFen: {
          basicFen: 0,
          criticalIllnessFen: 0,
          assistanceFen: 500000,
          reAssistanceFen: 1287300,
        },
        owedToPersonFen: 1787300,
        owedByPersonFen: 0,
        annualSumsAfter: {
          assistance: { baseFen: 2839000, paidFen: 500000 },
          reAssistance: { baseFen: 2339000, paidFen: 1287300 },
        },
        postings: [
          { account: 'fund:assistance:370800', debitFen: 1787300, creditFen: 0 },
          { account: 'payable:person:per_1', debitFen: 0, creditFen: 1787300 },
        ],
      },
    });
  });

  it('re-adjudicating twice changes nothing the second time', () => {
    const first = readjudicate
      .given(...twoClaims, granted)
      .when(command)
      .events();
    readjudicate
      .given(...twoClaims, granted, ...first)
      .when(command)
      .then([]);
  });

  it('a revoked status recovers the money from the person (receivable:person -> fund)', () => {
    const first = readjudicate
      .given(...twoClaims, granted)
      .when(command)
      .events();
    const revoked: PersonEvent = {
      type: 'AssistanceStatusChanged',
      data: { personId: 'per_1', category: 'none', effectiveFrom: '2023-05-01' },
    };
    const [event] = readjudicate
      .given(...twoClaims, granted, ...first, revoked)
      .when(command)
      .events();
    expect(event).toMatchObject({
      data: {
        differenceFen: { assistanceFen: 0, reAssistanceFen: -220500 },
        owedToPersonFen: 0,
        owedByPersonFen: 220500,
        postings: [
          { account: 'receivable:person:per_1', debitFen: 220500, creditFen: 0 },
          { account: 'fund:assistance:370800', debitFen: 0, creditFen: 220500 },
        ],
      },
    });
  });

  it('a later claim settles against the re-settled sums; a reversal returns the shares as they stand', () => {
    const first = readjudicate
      .given(...twoClaims, granted)
      .when(command)
      .events();
    const later = settled(
      [...twoClaims, granted, ...first],
      [
        {
          institutionLevel: 'grassroots',
          admissionDate: '2023-07-03',
          dischargeDate: '2023-07-05',
          totalCostFen: 1000000,
          policyCostFen: 800000,
        },
      ],
      3,
    ).slice(twoClaims.length + 1 + first.length);
    // grassroots: basic (800000 - 20000) x 85% = 663000; B1 137000; critical illness base 4984500,
    // F = 3484500 x 60% = 2090700, pays 82200; B2 54800; assistance at its cap; re-assistance base
    // 2393800, F = 1893800 x 70% = 1325660, pays 38360; person 200000 + 54800 - 38360 = 216440.
    expect(later).toHaveLength(1);
    expect(later[0]).toMatchObject({
      data: {
        claimId: 'clm_3',
        breakdown: {
          basicFen: 663000,
          criticalIllnessFen: 82200,
          assistanceFen: 0,
          reAssistanceFen: 38360,
          personalFen: 216440,
        },
      },
    });
    const [reversal] = decider(decideReverseClaim)
      .given(...twoClaims, granted, ...first)
      .when({ claimId: 'clm_1', reason: 'fraud', reversedOn: '2023-06-02' })
      .events();
    expect(reversal).toMatchObject({
      data: {
        returned: { assistanceFen: 500000, reAssistanceFen: 1066800 },
        annualSumsAfter: {
          assistance: { baseFen: 315000, paidFen: 0 },
          reAssistance: { baseFen: 315000, paidFen: 220500 },
        },
      },
    });
    const postings = (
      reversal!.data as {
        postings: Array<{ account: string; debitFen: number; creditFen: number }>;
      }
    ).postings;
    expect(postings).toContainEqual({
      account: 'payable:person:per_1',
      debitFen: 1566800,
      creditFen: 0,
    });
  });

  it('readjudicationNeeded names the years whose settled items the change reaches', () => {
    const person = givenPerson(...twoClaims, granted) as RegisteredPerson;
    expect(readjudicationNeeded(person, '2023-03-01')).toEqual([2023]);
    const after = givenPerson(
      ...twoClaims,
      granted,
      ...readjudicate
        .given(...twoClaims, granted)
        .when(command)
        .events(),
    ) as RegisteredPerson;
    expect(readjudicationNeeded(after, '2023-03-01')).toEqual([]);
    expect(
      readjudicationNeeded(givenPerson(...twoClaims) as RegisteredPerson, '2023-01-01'),
    ).toEqual([]);
  });
});

import { describe, expect, it } from '@jest/globals';
import type { PersonEvent } from '../../person-stream/domain/person-events.js';
import type { RegisteredPerson } from '../../person-stream/domain/person-state.js';
import { givenPerson, unappliedClaimTiers } from '../../../test/support/decider.js';
import { emptyAnnualSums } from '../../policy/domain/annual-sums.js';
import { claimSignals, type SettledClaimFacts } from './claim-signals.js';

// Each rule with a case that raises it and a near miss that does not.

const registered: PersonEvent = {
  type: 'PersonRegistered',
  data: {
    personId: 'per_1',
    nationalId: '37080219800101123X',
    name: '甲',
    birthDate: '1980-01-01',
    regionCode: '370800',
  },
};

function stay(
  claimId: string,
  institutionId: string,
  admissionDate: string,
  dischargeDate: string,
  personalFen = 0,
): PersonEvent {
  return {
    type: 'ClaimSettled',
    data: {
      claimId,
      personId: 'per_1',
      enrollmentId: 'e',
      regionCode: '370800',
      coverageYear: 2023,
      policyId: '370800-2023',
      assistanceCategory: 'none',
      institutionId,
      institutionLevel: 'secondary',
      claimType: 'inpatient',
      invoiceNo: claimId,
      admissionDate,
      dischargeDate,
      serviceDate: admissionDate,
      businessDate: dischargeDate,
      totalCostFen: 100,
      policyCostFen: 100,
      diagnosisCode: null,
      contentHash: 'a'.repeat(64),
      breakdown: {
        basicFen: 0,
        criticalIllnessFen: 0,
        assistanceFen: 0,
        reAssistanceFen: 0,
        personalFen,
      },
      signals: [],
      tiers: unappliedClaimTiers(),
      annualSumsBefore: emptyAnnualSums(),
      annualSumsAfter: emptyAnnualSums(),
      postings: [],
    },
  };
}

function person(...events: PersonEvent[]): RegisteredPerson {
  return givenPerson(registered, ...events) as RegisteredPerson;
}

function claim(
  institutionId: string,
  admissionDate: string,
  dischargeDate: string,
  over: Partial<SettledClaimFacts> = {},
): SettledClaimFacts {
  return {
    claimId: 'new',
    institutionId,
    claimType: 'inpatient',
    admissionDate,
    dischargeDate,
    coverageYear: 2023,
    personalFen: 0,
    assistanceCategory: 'none',
    ...over,
  };
}

const rules = (p: RegisteredPerson, c: SettledClaimFacts) => claimSignals(p, c).map((s) => s.rule);

describe('claim signals (打击欺诈骗保)', () => {
  it('overlapping-stays: stays at two institutions whose dates overlap; touching stays do not', () => {
    const p = person(stay('c1', 'H1', '2023-03-01', '2023-03-10'));
    expect(claimSignals(p, claim('H2', '2023-03-09', '2023-03-15'))).toEqual([
      { rule: 'overlapping-stays', evidenceClaimIds: ['c1'] },
    ]);
    expect(rules(p, claim('H2', '2023-03-10', '2023-03-15'))).toEqual([]);
  });

  it('split-admission: readmission to the same institution 15 days after discharge raises it, day 16 does not', () => {
    const p = person(stay('c1', 'H1', '2023-03-01', '2023-03-10'));
    expect(rules(p, claim('H1', '2023-03-25', '2023-03-30'))).toEqual(['split-admission']);
    expect(rules(p, claim('H1', '2023-03-26', '2023-03-30'))).toEqual([]);
  });

  it('frequent-admissions: the 4th admission within 90 days raises it; spread over 91 days it does not', () => {
    const three = [
      stay('c1', 'H1', '2023-01-01', '2023-01-02'),
      stay('c2', 'H2', '2023-02-01', '2023-02-02'),
      stay('c3', 'H3', '2023-03-01', '2023-03-02'),
    ];
    // 2023-01-01 .. 2023-03-31 is 90 days
    expect(claimSignals(person(...three), claim('H4', '2023-03-31', '2023-04-01'))).toEqual([
      { rule: 'frequent-admissions', evidenceClaimIds: ['c1', 'c2', 'c3'] },
    ]);
    expect(rules(person(...three), claim('H4', '2023-04-01', '2023-04-02'))).toEqual([]);
  });

  it('poverty-risk: personal payments crossing 20,000 yuan in a year for a person in no category, once', () => {
    const p = person(stay('c1', 'H1', '2023-01-01', '2023-01-05', 1_500_000));
    expect(
      claimSignals(p, claim('H9', '2023-06-01', '2023-06-05', { personalFen: 500_001 })),
    ).toEqual([{ rule: 'poverty-risk', evidenceClaimIds: ['c1'] }]);
    expect(rules(p, claim('H9', '2023-06-01', '2023-06-05', { personalFen: 500_000 }))).toEqual([]);
    expect(
      rules(
        p,
        claim('H9', '2023-06-01', '2023-06-05', {
          personalFen: 600_000,
          assistanceCategory: 'minimum-living-allowance',
        }),
      ),
    ).toEqual([]);
    const over = person(stay('c1', 'H1', '2023-01-01', '2023-01-05', 2_500_000));
    expect(rules(over, claim('H9', '2023-06-01', '2023-06-05', { personalFen: 1 }))).toEqual([]);
  });

  it('does not count reversed claims as evidence', () => {
    const reversed: PersonEvent = {
      type: 'ClaimReversed',
      data: {
        claimId: 'c1',
        personId: 'per_1',
        coverageYear: 2023,
        reason: 'x',
        reversedOn: '2023-04-01',
        returned: { basicFen: 0, criticalIllnessFen: 0, assistanceFen: 0, reAssistanceFen: 0 },
        annualSumsAfter: emptyAnnualSums(),
        postings: [],
      },
    };
    expect(
      rules(
        person(stay('c1', 'H1', '2023-03-01', '2023-03-10'), reversed),
        claim('H1', '2023-03-20', '2023-03-22'),
      ),
    ).toEqual([]);
  });

  it('names at most the 20 most recent claims as evidence, however many there are', () => {
    const many = Array.from({ length: 30 }, (_, i) =>
      stay(`c${i}`, 'H1', '2023-01-01', '2023-12-30', 60_000),
    ); // 1,800,000 fen personal so far
    const signals = claimSignals(
      person(...many),
      claim('H2', '2023-06-01', '2023-06-05', { personalFen: 1_000_000 }),
    );
    expect(signals.map((s) => s.rule)).toEqual(['overlapping-stays', 'poverty-risk']);
    for (const s of signals) expect(s.evidenceClaimIds).toHaveLength(20);
    expect(signals[0]!.evidenceClaimIds[19]).toBe('c29');
  });
});

import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { computeContribution, type Funding } from './contribution.js';

// Funding of catalogue entries, copied by hand (fen; bp, 10000 = 100%).
// 370800-2023 Jining: personal 38000 / 38000, government subsidy 64000, critical-illness funding 10000;
//   subsidy 特困 10000, 低保 10000, 返贫致贫 5000, 监测 0.
const jining2023: Funding = {
  personalFen: { adult: 38000, 'student-child': 38000 },
  governmentSubsidyFen: 64000,
  criticalIllnessFundingFen: 10000,
  assistanceSubsidyBp: {
    'extreme-poverty': 10000,
    'minimum-living-allowance': 10000,
    'poverty-relapse': 5000,
    'low-income-monitored': 0,
  },
};
// 340000-2022 Anhui: personal 32000 / 32000, government 58000, critical illness 10000; 低保 90%, 监测 50%.
const anhui2022: Funding = {
  personalFen: { adult: 32000, 'student-child': 32000 },
  governmentSubsidyFen: 58000,
  criticalIllnessFundingFen: 10000,
  assistanceSubsidyBp: {
    'extreme-poverty': 10000,
    'minimum-living-allowance': 9000,
    'poverty-relapse': 5000,
    'low-income-monitored': 5000,
  },
};
// 370300-2021 Zibo: personal adult 37000, student-child 27000, government 58000, critical illness 9000.
const zibo2021: Funding = {
  personalFen: { adult: 37000, 'student-child': 27000 },
  governmentSubsidyFen: 58000,
  criticalIllnessFundingFen: 9000,
  assistanceSubsidyBp: {
    'extreme-poverty': 10000,
    'minimum-living-allowance': 10000,
    'poverty-relapse': 5000,
    'low-income-monitored': 0,
  },
};

describe('contributions (参保缴费)', () => {
  it('charges the full personal share outside every assistance category: Jining 2023 adult 38000 fen', () => {
    expect(computeContribution(jining2023, 'adult', 'none')).toEqual({
      personalFen: 38000,
      assistanceSubsidyFen: 0,
      dueFromPersonFen: 38000,
      governmentSubsidyFen: 64000,
      criticalIllnessFundingFen: 10000,
    });
  });

  it('takes the personal share of the category: Zibo 2021 adult 37000, student-child 27000', () => {
    expect(computeContribution(zibo2021, 'adult', 'none')).toEqual({
      personalFen: 37000,
      assistanceSubsidyFen: 0,
      dueFromPersonFen: 37000,
      governmentSubsidyFen: 58000,
      criticalIllnessFundingFen: 9000,
    });
    expect(computeContribution(zibo2021, 'student-child', 'none')).toEqual({
      personalFen: 27000,
      assistanceSubsidyFen: 0,
      dueFromPersonFen: 27000,
      governmentSubsidyFen: 58000,
      criticalIllnessFundingFen: 9000,
    });
    // 返贫致贫 50% of the student share: 27000 x 5000 / 10000 = 13500
    expect(computeContribution(zibo2021, 'student-child', 'poverty-relapse')).toMatchObject({
      assistanceSubsidyFen: 13500,
      dueFromPersonFen: 13500,
    });
  });

  it('subsidises by category in Shandong: 特困 and 低保 in full, 返贫致贫 50%, 监测 0%', () => {
    expect(computeContribution(jining2023, 'adult', 'extreme-poverty')).toEqual({
      personalFen: 38000,
      assistanceSubsidyFen: 38000,
      dueFromPersonFen: 0,
      governmentSubsidyFen: 64000,
      criticalIllnessFundingFen: 10000,
    });
    expect(computeContribution(jining2023, 'adult', 'minimum-living-allowance')).toMatchObject({
      assistanceSubsidyFen: 38000,
      dueFromPersonFen: 0,
    });
    expect(computeContribution(jining2023, 'student-child', 'poverty-relapse')).toMatchObject({
      assistanceSubsidyFen: 19000,
      dueFromPersonFen: 19000,
    });
    expect(computeContribution(jining2023, 'adult', 'low-income-monitored')).toMatchObject({
      assistanceSubsidyFen: 0,
      dueFromPersonFen: 38000,
    });
  });

  it('subsidises an Anhui 低保 enrollee 90%: 32000 x 9000 / 10000 = 28800, 3200 due', () => {
    expect(computeContribution(anhui2022, 'adult', 'minimum-living-allowance')).toEqual({
      personalFen: 32000,
      assistanceSubsidyFen: 28800,
      dueFromPersonFen: 3200,
      governmentSubsidyFen: 58000,
      criticalIllnessFundingFen: 10000,
    });
    // 监测 50% in Anhui: 32000 x 5000 / 10000 = 16000
    expect(computeContribution(anhui2022, 'student-child', 'low-income-monitored')).toMatchObject({
      assistanceSubsidyFen: 16000,
      dueFromPersonFen: 16000,
    });
    expect(computeContribution(anhui2022, 'adult', 'extreme-poverty')).toMatchObject({
      assistanceSubsidyFen: 32000,
      dueFromPersonFen: 0,
    });
  });

  it('rounds the subsidy half up to the fen', () => {
    const odd = (personal: number, bp: number): Funding => ({
      ...anhui2022,
      personalFen: { adult: personal, 'student-child': personal },
      assistanceSubsidyBp: { ...anhui2022.assistanceSubsidyBp, 'minimum-living-allowance': bp },
    });
    expect(
      computeContribution(odd(10005, 5000), 'adult', 'minimum-living-allowance')
        .assistanceSubsidyFen,
    ).toBe(5003); // 5002.5 -> 5003
    expect(
      computeContribution(odd(10003, 5000), 'adult', 'minimum-living-allowance')
        .assistanceSubsidyFen,
    ).toBe(5002); // 5001.5 -> 5002
    expect(
      computeContribution(odd(32001, 9000), 'adult', 'minimum-living-allowance'),
    ).toMatchObject({ assistanceSubsidyFen: 28801, dueFromPersonFen: 3200 }); // 28800.9
    expect(
      computeContribution(odd(33333, 3333), 'adult', 'minimum-living-allowance')
        .assistanceSubsidyFen,
    ).toBe(11110); // 11109.8889
    expect(
      computeContribution(odd(1, 4999), 'adult', 'minimum-living-allowance').assistanceSubsidyFen,
    ).toBe(0); // 0.4999
    expect(
      computeContribution(odd(1, 5000), 'adult', 'minimum-living-allowance').assistanceSubsidyFen,
    ).toBe(1); // 0.5
  });

  it('refuses a catalogue without a rate for the category, a rate above 100% and a non-integer amount', () => {
    const { 'poverty-relapse': _dropped, ...rest } = jining2023.assistanceSubsidyBp;
    expect(() =>
      computeContribution({ ...jining2023, assistanceSubsidyBp: rest }, 'adult', 'poverty-relapse'),
    ).toThrow(RangeError);
    expect(() =>
      computeContribution(
        { ...jining2023, assistanceSubsidyBp: { ...rest, 'poverty-relapse': 10001 } },
        'adult',
        'poverty-relapse',
      ),
    ).toThrow(RangeError);
    expect(() =>
      computeContribution(
        { ...jining2023, personalFen: { adult: 380.5, 'student-child': 38000 } },
        'adult',
        'none',
      ),
    ).toThrow(RangeError);
    expect(() =>
      computeContribution({ ...jining2023, governmentSubsidyFen: -1 }, 'adult', 'none'),
    ).toThrow(RangeError);
  });

  it('splits the personal share exactly: subsidy + due = personal, subsidy = round half up, exact in bigint (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
        fc.integer({ min: 0, max: 10000 }),
        (personal, bp) => {
          const funding: Funding = {
            ...jining2023,
            personalFen: { adult: personal, 'student-child': personal },
            assistanceSubsidyBp: { 'poverty-relapse': bp },
          };
          const c = computeContribution(funding, 'adult', 'poverty-relapse');
          const exact = BigInt(personal) * BigInt(bp); // subsidy x 10000, before rounding
          const rounded = exact / 10000n + (exact % 10000n >= 5000n ? 1n : 0n);
          expect(BigInt(c.assistanceSubsidyFen)).toBe(rounded);
          expect(c.assistanceSubsidyFen + c.dueFromPersonFen).toBe(personal);
          expect(c.dueFromPersonFen).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });
});

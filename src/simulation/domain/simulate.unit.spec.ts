import { describe, expect, it } from '@jest/globals';
import { loadCatalogue } from '../../policy/load-catalogue.js';
import { findPolicy, type YearItem } from '../../policy/domain/index.js';
import { proposeEntry } from './proposed-entry.js';
import { simulate } from './simulate.js';

// The worked example of POLICY.md (policy 370800-2023, a person in minimum-living-allowance, two
// claims), simulated with the tertiary inpatient ratio raised by 5 points (60% -> 65%).

const catalogue = loadCatalogue();
const inForce = findPolicy(catalogue, '370800', 2023)!;
const proposal = proposeEntry(catalogue, inForce, {
  inpatient: { levels: { tertiary: { ratioBp: 6500 } } },
});
if (!proposal.ok) throw new Error(proposal.message);

const items: YearItem[] = [
  {
    kind: 'claim',
    id: 'c1',
    claimType: 'inpatient',
    institutionLevel: 'tertiary',
    serviceDate: '2023-03-01',
    totalCostFen: 12000000,
    policyCostFen: 10000000,
    category: 'minimum-living-allowance',
  },
  {
    kind: 'claim',
    id: 'c2',
    claimType: 'inpatient',
    institutionLevel: 'grassroots',
    serviceDate: '2023-04-01',
    totalCostFen: 800000,
    policyCostFen: 700000,
    category: 'minimum-living-allowance',
  },
];
// as recorded when settled under the entry in force (POLICY.md worked example)
const recorded = [
  {
    basicFen: 5940000,
    criticalIllnessFen: 2151500,
    assistanceFen: 1000000,
    reAssistanceFen: 285950,
    personalFen: 2622550,
  },
  {
    basicFen: 578000,
    criticalIllnessFen: 79300,
    assistanceFen: 0,
    reAssistanceFen: 29890,
    personalFen: 112810,
  },
];

describe('policy simulation, worked example (370800-2023, tertiary ratio 60% -> 65%)', () => {
  const result = simulate(inForce, proposal.entry, [{ personId: 'p1', items, recorded }]);

  it('settles the baseline exactly as recorded', () => {
    // basic 5,940,000 + 578,000; critical illness 2,151,500 + 79,300; assistance 1,000,000 + 0
    // (cap 10,000 yuan reached); re-assistance 285,950 + 29,890; personal 2,622,550 + 112,810
    const baseline = {
      basicFen: 6518000,
      criticalIllnessFen: 2230800,
      assistanceFen: 1000000,
      reAssistanceFen: 315840,
      personalFen: 2735360,
    };
    expect(result.baselineFen).toEqual(baseline);
    expect(result.recordedFen).toEqual(baseline);
  });

  it('settles the proposal: claim 1 basic (10,000,000 - 100,000) x 65% = 6,435,000, and every tier after it moves', () => {
    // claim 1: basic 6,435,000; B1 3,565,000; critical illness (3,565,000 - 750,000) x 65% =
    // 1,829,750; B2 1,735,250; assistance 1,735,250 x 70% capped at 1,000,000; B3 735,250;
    // re-assistance (735,250 - 500,000) x 70% = 164,675; personal 2,000,000 + 735,250 - 164,675 = 2,570,575.
    // claim 2: basic 578,000; critical illness F(3,687,000) = 1,909,050 - 1,829,750 = 79,300;
    // assistance 0; re-assistance F(777,950) = 194,565 - 164,675 = 29,890; personal 112,810.
    expect(result.proposedFen).toEqual({
      basicFen: 7013000,
      criticalIllnessFen: 1909050,
      assistanceFen: 1000000,
      reAssistanceFen: 194565,
      personalFen: 2683385,
    });
    expect(result.differenceFen).toEqual({
      basicFen: 495000,
      criticalIllnessFen: -321750,
      assistanceFen: 0,
      reAssistanceFen: -121275,
      personalFen: -51975,
    });
  });

  it('compares by category, by level and by claim type, and counts persons at each cap', () => {
    expect(result).toMatchObject({ persons: 1, claims: 2, reliefGrants: 0 });
    expect(result.byCategory).toEqual([
      {
        category: 'minimum-living-allowance',
        settlements: 2,
        recordedFen: result.recordedFen,
        baselineFen: result.baselineFen,
        proposedFen: result.proposedFen,
        differenceFen: result.differenceFen,
      },
    ]);
    expect(result.byLevel.map((g) => [g.level, g.differenceFen.basicFen])).toEqual([
      ['grassroots', 0],
      ['tertiary', 495000],
    ]);
    expect(result.byClaimType.map((g) => g.claimType)).toEqual(['inpatient']);
    // the assistance cap (10,000 yuan) is reached under both; critical illness has no cap with the tilt
    const atCap = {
      inpatientBasic: 0,
      outpatientGeneral: 0,
      outpatientChronic: 0,
      criticalIllness: 0,
      assistance: 1,
      reAssistance: 0,
    };
    expect(result.personsAtCap).toEqual({ baseline: atCap, proposed: atCap });
  });

  it('puts relief grants under level null and claim type relief, personal = burden - assistance - re-assistance', () => {
    const relief = simulate(inForce, proposal.entry, [
      {
        personId: 'p2',
        items: [
          {
            kind: 'relief',
            id: 'g1',
            onDate: '2023-05-01',
            burdenFen: 300000,
            category: 'extreme-poverty',
          },
        ],
        recorded: [
          {
            basicFen: 0,
            criticalIllnessFen: 0,
            assistanceFen: 210000,
            reAssistanceFen: 0,
            personalFen: 90000,
          },
        ],
      },
    ]);
    // assistance 300,000 x 70% = 210,000 (deductible 0); B3 90,000 below the 500,000 threshold
    expect(relief.baselineFen).toEqual({
      basicFen: 0,
      criticalIllnessFen: 0,
      assistanceFen: 210000,
      reAssistanceFen: 0,
      personalFen: 90000,
    });
    expect(relief).toMatchObject({ claims: 0, reliefGrants: 1 });
    expect(relief.byLevel.map((g) => g.level)).toEqual([null]);
    expect(relief.byClaimType.map((g) => g.claimType)).toEqual(['relief']);
  });
});

import { describe, expect, it } from '@jest/globals';
import { loadCatalogue } from '../load-catalogue.js';
import { emptyAnnualSums, type AnnualSums } from './annual-sums.js';
import { findPolicy, type PolicyEntry } from './catalogue.js';
import { settleClaim, type ClaimToSettle } from './settle-claim.js';

// Policy 370800-2023 (Jining 2023), in fen:
// inpatient deductible / ratio: grassroots 20000 / 85%, secondary 50000 / 75%, tertiary 100000 / 60%;
//   annual cap 20000000.
// outpatient-general: grassroots only, 50%, 30000 a year. outpatient-chronic: 65%, 1000000 a year.
// critical illness (inpatient, outpatient-chronic): deductible 1500000; bands on the excess:
//   up to 10000000 at 60%, up to 20000000 at 65%, above at 75%; cap 40000000.
//   tilt (extreme-poverty, minimum-living-allowance, poverty-relapse): deductible x 50%, +5 points, no cap.
// assistance (inpatient, outpatient-chronic): extreme-poverty/minimum-living-allowance: 0, 70%, 1000000;
//   poverty-relapse/low-income-monitored: 100000, 60%, 500000.
// re-assistance (inpatient, all four categories): threshold 500000, 70%, cap 2000000.
const policy: PolicyEntry = findPolicy(loadCatalogue(), '370800', 2023)!;

const claim = (c: Partial<ClaimToSettle>): ClaimToSettle => ({
  claimType: 'inpatient', institutionLevel: 'tertiary', totalCostFen: 0, policyCostFen: 0, category: 'none', ...c,
});

const withSums = (patch: Partial<AnnualSums>): AnnualSums => ({ ...emptyAnnualSums(), ...patch });

describe("POLICY.md's worked example (policy 370800-2023, minimum-living-allowance)", () => {
  const first = settleClaim(policy, emptyAnnualSums(), claim({ totalCostFen: 12000000, policyCostFen: 10000000, category: 'minimum-living-allowance' }));

  it('settles the first claim: tertiary inpatient, total 120,000 yuan, policy-range 100,000', () => {
    expect(first.breakdown).toEqual({ basicFen: 5940000, criticalIllnessFen: 2151500, assistanceFen: 1000000, reAssistanceFen: 285950, personalFen: 2622550 });
    expect(first.tiers.criticalIllness).toMatchObject({ tiltApplied: true, deductibleFen: 750000, capFen: null, inputFen: 4060000 });
    expect(first.tiers.assistance).toMatchObject({ inputFen: 1908500, entitlementFen: 1000000, capFen: 1000000 });
    expect(first.tiers.reAssistance).toMatchObject({ inputFen: 908500, entitlementFen: 285950 });
    expect(first.sumsAfter).toEqual({
      inpatientBasicPaidFen: 5940000,
      outpatientGeneral: { baseFen: 0, paidFen: 0 },
      outpatientChronic: { baseFen: 0, paidFen: 0 },
      criticalIllness: { baseFen: 4060000, paidFen: 2151500 },
      assistance: { baseFen: 1908500, paidFen: 1000000 },
      reAssistance: { baseFen: 908500, paidFen: 285950 },
    });
  });

  it('settles her second claim: grassroots inpatient, total 8,000 yuan, policy-range 7,000', () => {
    const second = settleClaim(policy, first.sumsAfter, claim({ institutionLevel: 'grassroots', totalCostFen: 800000, policyCostFen: 700000, category: 'minimum-living-allowance' }));
    expect(second.breakdown).toEqual({ basicFen: 578000, criticalIllnessFen: 79300, assistanceFen: 0, reAssistanceFen: 29890, personalFen: 112810 });
    expect(second.tiers.criticalIllness).toMatchObject({ baseAfterFen: 4182000, entitlementFen: 2230800 }); // 34,320 x 65% = 22,308
    expect(second.tiers.reAssistance).toMatchObject({ baseAfterFen: 951200, entitlementFen: 315840 }); // 4,512 x 70% = 3,158.40
  });
});

describe('tier 1, basic insurance, by claim type and institution level', () => {
  it('inpatient at a secondary institution: deductible 50000, 75%; no assistance for category none', () => {
    // basic (2500000 - 50000) x 75% = 1837500; B1 662500 is under the CI deductible 1500000.
    const s = settleClaim(policy, emptyAnnualSums(), claim({ institutionLevel: 'secondary', totalCostFen: 3000000, policyCostFen: 2500000 }));
    expect(s.breakdown).toEqual({ basicFen: 1837500, criticalIllnessFen: 0, assistanceFen: 0, reAssistanceFen: 0, personalFen: 1162500 });
    expect(s.tiers.assistance).toMatchObject({ applied: false, payFen: 0 });
    expect(s.sumsAfter.assistance).toEqual({ baseFen: 0, paidFen: 0 }); // a tier that does not apply adds nothing to its base
    expect(s.sumsAfter.reAssistance).toEqual({ baseFen: 0, paidFen: 0 });
    expect(s.sumsAfter.criticalIllness).toEqual({ baseFen: 662500, paidFen: 0 });
  });

  it('inpatient at a grassroots institution: deductible 20000, 85%, rounded half up', () => {
    // (20123 - 20000) x 85% = 104.55 -> 105
    const s = settleClaim(policy, emptyAnnualSums(), claim({ institutionLevel: 'grassroots', totalCostFen: 20123, policyCostFen: 20123 }));
    expect(s.breakdown).toEqual({ basicFen: 105, criticalIllnessFen: 0, assistanceFen: 0, reAssistanceFen: 0, personalFen: 20018 });
  });

  it('inpatient under the deductible: basic pays nothing', () => {
    const s = settleClaim(policy, emptyAnnualSums(), claim({ totalCostFen: 99999, policyCostFen: 99999 }));
    expect(s.breakdown.basicFen).toBe(0);
    expect(s.breakdown.personalFen).toBe(99999);
  });

  it('inpatient: the annual cap 20000000 limits basic insurance', () => {
    // tertiary (30000000 - 100000) x 60% = 17940000 twice: the second claim gets the 2060000 left.
    const first = settleClaim(policy, emptyAnnualSums(), claim({ totalCostFen: 30000000, policyCostFen: 30000000 }));
    expect(first.breakdown.basicFen).toBe(17940000);
    const second = settleClaim(policy, first.sumsAfter, claim({ totalCostFen: 30000000, policyCostFen: 30000000 }));
    expect(second.breakdown.basicFen).toBe(2060000);
    expect(second.tiers.basic).toMatchObject({ entitlementFen: 17940000, capFen: 20000000, paidAfterFen: 20000000 });
    const third = settleClaim(policy, second.sumsAfter, claim({ institutionLevel: 'grassroots', totalCostFen: 120000, policyCostFen: 120000 }));
    expect(third.breakdown.basicFen).toBe(0);
  });

  it('inpatient: a claim near the cap gets what is left, 10000 of an entitlement of 85000', () => {
    // grassroots (120000 - 20000) x 85% = 85000; paid so far 19990000
    const s = settleClaim(policy, withSums({ inpatientBasicPaidFen: 19990000 }), claim({ institutionLevel: 'grassroots', totalCostFen: 120000, policyCostFen: 120000 }));
    expect(s.breakdown.basicFen).toBe(10000);
    expect(s.sumsAfter.inpatientBasicPaidFen).toBe(20000000);
  });

  it('outpatient-general at grassroots: 50%, cumulative up to 30000 a year; no critical illness or assistance', () => {
    const c = (policyCostFen: number) => claim({ claimType: 'outpatient-general', institutionLevel: 'grassroots', totalCostFen: policyCostFen + 5000, policyCostFen, category: 'minimum-living-allowance' });
    const first = settleClaim(policy, emptyAnnualSums(), c(20000)); // F(20000) = 10000
    expect(first.breakdown).toEqual({ basicFen: 10000, criticalIllnessFen: 0, assistanceFen: 0, reAssistanceFen: 0, personalFen: 15000 });
    expect(first.tiers.criticalIllness.applied).toBe(false);
    expect(first.tiers.assistance.applied).toBe(false);
    const second = settleClaim(policy, first.sumsAfter, c(50000)); // F(70000) = min(30000, 35000) = 30000
    expect(second.breakdown.basicFen).toBe(20000);
    const third = settleClaim(policy, second.sumsAfter, c(10000)); // the year's 30000 is used up
    expect(third.breakdown.basicFen).toBe(0);
    expect(third.sumsAfter.outpatientGeneral).toEqual({ baseFen: 80000, paidFen: 30000 });
  });

  it('outpatient-general at a level not in eligibleLevels: the fund pays 0 and the base is unchanged', () => {
    const s = settleClaim(policy, emptyAnnualSums(), claim({ claimType: 'outpatient-general', institutionLevel: 'secondary', totalCostFen: 30000, policyCostFen: 20000 }));
    expect(s.breakdown).toEqual({ basicFen: 0, criticalIllnessFen: 0, assistanceFen: 0, reAssistanceFen: 0, personalFen: 30000 });
    expect(s.tiers.basic).toMatchObject({ applied: false, inputFen: 20000 });
    expect(s.sumsAfter).toEqual(emptyAnnualSums());
  });

  it('outpatient-chronic, category none: 65% cumulative; the CI deductible is not reached', () => {
    // basic 1000000 x 65% = 650000; B1 350000 < 1500000
    const s = settleClaim(policy, emptyAnnualSums(), claim({ claimType: 'outpatient-chronic', totalCostFen: 1200000, policyCostFen: 1000000 }));
    expect(s.breakdown).toEqual({ basicFen: 650000, criticalIllnessFen: 0, assistanceFen: 0, reAssistanceFen: 0, personalFen: 550000 });
    expect(s.sumsAfter.outpatientChronic).toEqual({ baseFen: 1000000, paidFen: 650000 });
  });

  it('outpatient-chronic, minimum-living-allowance: assistance applies, re-assistance (inpatient only) does not', () => {
    // B1 350000; tilted CI deductible 750000 not reached; assistance 350000 x 70% = 245000; B3 105000
    const s = settleClaim(policy, emptyAnnualSums(), claim({ claimType: 'outpatient-chronic', totalCostFen: 1200000, policyCostFen: 1000000, category: 'minimum-living-allowance' }));
    expect(s.breakdown).toEqual({ basicFen: 650000, criticalIllnessFen: 0, assistanceFen: 245000, reAssistanceFen: 0, personalFen: 305000 });
    expect(s.tiers.reAssistance).toMatchObject({ applied: false, inputFen: 105000 });
    expect(s.sumsAfter.reAssistance).toEqual({ baseFen: 0, paidFen: 0 });
  });

  it('outpatient-chronic: the annual limit 1000000 caps basic insurance', () => {
    // F(2000000) = min(1000000, 1300000)
    const s = settleClaim(policy, emptyAnnualSums(), claim({ claimType: 'outpatient-chronic', totalCostFen: 2000000, policyCostFen: 2000000 }));
    expect(s.breakdown.basicFen).toBe(1000000);
  });
});

describe('tiers 2 to 4 by assistance category: tertiary inpatient, total = policy-range 5000000', () => {
  // basic (5000000 - 100000) x 60% = 2940000; B1 2060000.
  const settle = (category: ClaimToSettle['category']) => settleClaim(policy, emptyAnnualSums(), claim({ totalCostFen: 5000000, policyCostFen: 5000000, category })).breakdown;

  it('none: CI on the excess 560000 x 60% = 336000; no assistance', () => {
    expect(settle('none')).toEqual({ basicFen: 2940000, criticalIllnessFen: 336000, assistanceFen: 0, reAssistanceFen: 0, personalFen: 1724000 });
  });

  it('low-income-monitored (no tilt): CI 336000; assistance (1724000 - 100000) x 60% capped at 500000; re-assistance (1224000 - 500000) x 70%', () => {
    expect(settle('low-income-monitored')).toEqual({ basicFen: 2940000, criticalIllnessFen: 336000, assistanceFen: 500000, reAssistanceFen: 506800, personalFen: 717200 });
  });

  it('poverty-relapse (tilt): CI (2060000 - 750000) x 65% = 851500; assistance capped at 500000; re-assistance (708500 - 500000) x 70%', () => {
    expect(settle('poverty-relapse')).toEqual({ basicFen: 2940000, criticalIllnessFen: 851500, assistanceFen: 500000, reAssistanceFen: 145950, personalFen: 562550 });
  });

  it('extreme-poverty (tilt): assistance 1208500 x 70% = 845950 under its cap; B3 362550 under the re-assistance threshold', () => {
    expect(settle('extreme-poverty')).toEqual({ basicFen: 2940000, criticalIllnessFen: 851500, assistanceFen: 845950, reAssistanceFen: 0, personalFen: 362550 });
  });

  it('minimum-living-allowance (tilt): the same as extreme-poverty', () => {
    expect(settle('minimum-living-allowance')).toEqual(settle('extreme-poverty'));
  });
});

describe('tier 2, critical illness: band boundaries and the cap', () => {
  // An outpatient-chronic claim of 100 fen whose basic limit is used up puts exactly B1 = 100 into CI.
  const chronicUsedUp = { baseFen: 2000000, paidFen: 1000000 };
  const hundredFen = (category: ClaimToSettle['category'] = 'none') => claim({ claimType: 'outpatient-chronic', totalCostFen: 100, policyCostFen: 100, category });

  it('the first band, 60%, runs to an excess of 10000000 (a CI base of 11500000)', () => {
    const s = settleClaim(policy, emptyAnnualSums(), claim({ claimType: 'outpatient-chronic', totalCostFen: 11500000, policyCostFen: 11500000 }));
    // basic min(1000000, 7475000) = 1000000; B1 10500000; F(10500000) = (10500000 - 1500000) x 60% = 5400000
    expect(s.breakdown).toMatchObject({ basicFen: 1000000, criticalIllnessFen: 5400000 });
    const atBoundary = settleClaim(policy, withSums({ outpatientChronic: chronicUsedUp, criticalIllness: { baseFen: 11499900, paidFen: 5999940 } }), hundredFen());
    expect(atBoundary.breakdown.criticalIllnessFen).toBe(60); // 100 x 60%, up to the boundary 11500000
  });

  it('above the first band, 65%: 100 fen at a CI base of 11500000 pays 65', () => {
    const s = settleClaim(policy, withSums({ outpatientChronic: chronicUsedUp, criticalIllness: { baseFen: 11500000, paidFen: 6000000 } }), hundredFen());
    expect(s.breakdown).toEqual({ basicFen: 0, criticalIllnessFen: 65, assistanceFen: 0, reAssistanceFen: 0, personalFen: 35 });
  });

  it('above the second band (excess 20000000), 75%: 100 fen at a CI base of 21500000 pays 75', () => {
    const s = settleClaim(policy, withSums({ outpatientChronic: chronicUsedUp, criticalIllness: { baseFen: 21500000, paidFen: 12500000 } }), hundredFen());
    expect(s.breakdown.criticalIllnessFen).toBe(75);
  });

  it('a claim across a band boundary pays each part at its band: 200 fen from 11499900 pays 60 + 65', () => {
    const s = settleClaim(policy, withSums({ outpatientChronic: chronicUsedUp, criticalIllness: { baseFen: 11499900, paidFen: 5999940 } }), claim({ claimType: 'outpatient-chronic', totalCostFen: 200, policyCostFen: 200 }));
    expect(s.breakdown.criticalIllnessFen).toBe(125);
  });

  it('without tilt the cap 40000000 stops critical illness', () => {
    const s = settleClaim(policy, withSums({ outpatientChronic: chronicUsedUp, criticalIllness: { baseFen: 60000000, paidFen: 40000000 } }), hundredFen());
    expect(s.breakdown).toEqual({ basicFen: 0, criticalIllnessFen: 0, assistanceFen: 0, reAssistanceFen: 0, personalFen: 100 });
    expect(s.tiers.criticalIllness).toMatchObject({ capFen: 40000000, entitlementFen: 40000000 });
  });

  it('with tilt there is no cap: the same claim for a tilt category is paid 80% of 100', () => {
    // tilt F(60000100): excess 59250100 -> 10000000 x 65% + 10000000 x 70% + 39250100 x 80% = 44900080
    const s = settleClaim(policy, withSums({ outpatientChronic: chronicUsedUp, criticalIllness: { baseFen: 60000000, paidFen: 40000000 } }), hundredFen('poverty-relapse'));
    expect(s.breakdown.criticalIllnessFen).toBe(100); // min(input 100, 44900080 - 40000000)
    expect(s.tiers.criticalIllness).toMatchObject({ capFen: null, entitlementFen: 44900080, tiltApplied: true });
  });
});

describe('settleClaim refuses bad input', () => {
  const sums = emptyAnnualSums();
  it('refuses a policy-range cost above the total cost', () => {
    expect(() => settleClaim(policy, sums, claim({ totalCostFen: 100, policyCostFen: 101 }))).toThrow(/policyCostFen 101 exceeds totalCostFen 100/);
  });
  it('refuses negative, fractional and unsafe amounts', () => {
    expect(() => settleClaim(policy, sums, claim({ totalCostFen: -1 }))).toThrow(/totalCostFen/);
    expect(() => settleClaim(policy, sums, claim({ totalCostFen: 100.5, policyCostFen: 100 }))).toThrow(/totalCostFen/);
    expect(() => settleClaim(policy, sums, claim({ totalCostFen: 2 ** 53, policyCostFen: 0 }))).toThrow(/totalCostFen/);
  });
  it('refuses an unknown claim type, level or category', () => {
    expect(() => settleClaim(policy, sums, claim({ claimType: 'dental' as never }))).toThrow(/claim type/);
    expect(() => settleClaim(policy, sums, claim({ institutionLevel: 'private' as never }))).toThrow(/institution level/);
    expect(() => settleClaim(policy, sums, claim({ category: 'rich' as never }))).toThrow(/category/);
  });
  it('refuses corrupt annual sums', () => {
    expect(() => settleClaim(policy, withSums({ inpatientBasicPaidFen: -5 }), claim({}))).toThrow(/inpatientBasicPaidFen/);
  });
});

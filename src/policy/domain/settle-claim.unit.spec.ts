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
  claimType: 'inpatient',
  institutionLevel: 'tertiary',
  totalCostFen: 0,
  policyCostFen: 0,
  category: 'none',
  ...c,
});

const withSums = (patch: Partial<AnnualSums>): AnnualSums => ({ ...emptyAnnualSums(), ...patch });

describe("POLICY.md's worked example (policy 370800-2023, minimum-living-allowance)", () => {
  const first = settleClaim(
    policy,
    emptyAnnualSums(),
    claim({
      totalCostFen: 12000000,
      policyCostFen: 10000000,
      category: 'minimum-living-allowance',
    }),
  );

  it('settles the first claim: tertiary inpatient, total 120,000 yuan, policy-range 100,000', () => {
    expect(first.breakdown).toEqual({
      basicFen: 5940000,
      criticalIllnessFen: 2151500,
      assistanceFen: 1000000,
      reAssistanceFen: 285950,
      personalFen: 2622550,
    });
    expect(first.tiers.criticalIllness).toMatchObject({
      tiltApplied: true,
      deductibleFen: 750000,
      capFen: null,
      inputFen: 4060000,
    });
    expect(first.tiers.assistance).toMatchObject({
      inputFen: 1908500,
      entitlementFen: 1000000,
      capFen: 1000000,
    });
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
    const second = settleClaim(
      policy,
      first.sumsAfter,
      claim({
        institutionLevel: 'grassroots',
        totalCostFen: 800000,
        policyCostFen: 700000,
        category: 'minimum-living-allowance',
      }),
    );
    expect(second.breakdown).toEqual({
      basicFen: 578000,
      criticalIllnessFen: 79300,
      assistanceFen: 0,
      reAssistanceFen: 29890,
      personalFen: 112810,
    });
    expect(second.tiers.criticalIllness).toMatchObject({
      baseAfterFen: 4182000,
      entitlementFen: 2230800,
    }); // 34,320 x 65% = 22,308
    expect(second.tiers.reAssistance).toMatchObject({
      baseAfterFen: 951200,
      entitlementFen: 315840,
    }); // 4,512 x 70% = 3,158.40
  });
});

describe('tier 1, basic insurance, by claim type and institution level', () => {
  it('inpatient at a secondary institution: deductible 50000, 75%; no assistance for category none', () => {
    // basic (2500000 - 50000) x 75% = 1837500; B1 662500 is under the CI deductible 1500000.
    const s = settleClaim(
      policy,
      emptyAnnualSums(),
      claim({ institutionLevel: 'secondary', totalCostFen: 3000000, policyCostFen: 2500000 }),
    );
    expect(s.breakdown).toEqual({
      basicFen: 1837500,
      criticalIllnessFen: 0,
      assistanceFen: 0,
      reAssistanceFen: 0,
      personalFen: 1162500,
    });
    expect(s.tiers.assistance).toMatchObject({ applied: false, payFen: 0 });
    expect(s.sumsAfter.assistance).toEqual({ baseFen: 0, paidFen: 0 }); // a tier that does not apply adds nothing to its base
    expect(s.sumsAfter.reAssistance).toEqual({ baseFen: 0, paidFen: 0 });
    expect(s.sumsAfter.criticalIllness).toEqual({ baseFen: 662500, paidFen: 0 });
  });

  it('inpatient at a grassroots institution: deductible 20000, 85%, rounded half up', () => {
    // (20123 - 20000) x 85% = 104.55 -> 105
    const s = settleClaim(
      policy,
      emptyAnnualSums(),
      claim({ institutionLevel: 'grassroots', totalCostFen: 20123, policyCostFen: 20123 }),
    );
    expect(s.breakdown).toEqual({
      basicFen: 105,
      criticalIllnessFen: 0,
      assistanceFen: 0,
      reAssistanceFen: 0,
      personalFen: 20018,
    });
  });

  it('inpatient under the deductible: basic pays nothing', () => {
    const s = settleClaim(
      policy,
      emptyAnnualSums(),
      claim({ totalCostFen: 99999, policyCostFen: 99999 }),
    );
    expect(s.breakdown.basicFen).toBe(0);
    expect(s.breakdown.personalFen).toBe(99999);
  });

  it('inpatient: the annual cap 20000000 limits basic insurance', () => {
    // tertiary (30000000 - 100000) x 60% = 17940000 twice: the second claim gets the 2060000 left.
    const first = settleClaim(
      policy,
      emptyAnnualSums(),
      claim({ totalCostFen: 30000000, policyCostFen: 30000000 }),
    );
    expect(first.breakdown.basicFen).toBe(17940000);
    const second = settleClaim(
      policy,
      first.sumsAfter,
      claim({ totalCostFen: 30000000, policyCostFen: 30000000 }),
    );
    expect(second.breakdown.basicFen).toBe(2060000);
    expect(second.tiers.basic).toMatchObject({
      entitlementFen: 17940000,
      capFen: 20000000,
      paidAfterFen: 20000000,
    });
    const third = settleClaim(
      policy,
      second.sumsAfter,
      claim({ institutionLevel: 'grassroots', totalCostFen: 120000, policyCostFen: 120000 }),
    );
    expect(third.breakdown.basicFen).toBe(0);
  });

  it('inpatient: a claim near the cap gets what is left, 10000 of an entitlement of 85000', () => {
    // grassroots (120000 - 20000) x 85% = 85000; paid so far 19990000
    const s = settleClaim(
      policy,
      withSums({ inpatientBasicPaidFen: 19990000 }),
      claim({ institutionLevel: 'grassroots', totalCostFen: 120000, policyCostFen: 120000 }),
    );
    expect(s.breakdown.basicFen).toBe(10000);
    expect(s.sumsAfter.inpatientBasicPaidFen).toBe(20000000);
  });

  it('outpatient-general at grassroots: 50%, cumulative up to 30000 a year; no critical illness or assistance', () => {
    const c = (policyCostFen: number) =>
      claim({
        claimType: 'outpatient-general',
        institutionLevel: 'grassroots',
        totalCostFen: policyCostFen + 5000,
        policyCostFen,
        category: 'minimum-living-allowance',
      });
    const first = settleClaim(policy, emptyAnnualSums(), c(20000)); // F(20000) = 10000
    expect(first.breakdown).toEqual({
      basicFen: 10000,
      criticalIllnessFen: 0,
      assistanceFen: 0,
      reAssistanceFen: 0,
      personalFen: 15000,
    });
    expect(first.tiers.criticalIllness.applied).toBe(false);
    expect(first.tiers.assistance.applied).toBe(false);
    const second = settleClaim(policy, first.sumsAfter, c(50000)); // F(70000) = min(30000, 35000) = 30000
    expect(second.breakdown.basicFen).toBe(20000);
    const third = settleClaim(policy, second.sumsAfter, c(10000)); // the year's 30000 is used up
    expect(third.breakdown.basicFen).toBe(0);
    expect(third.sumsAfter.outpatientGeneral).toEqual({ baseFen: 80000, paidFen: 30000 });
  });

  it('outpatient-general at a level not in eligibleLevels: the fund pays 0 and the base is unchanged', () => {
    const s = settleClaim(
      policy,
      emptyAnnualSums(),
      claim({
        claimType: 'outpatient-general',
        institutionLevel: 'secondary',
        totalCostFen: 30000,
        policyCostFen: 20000,
      }),
    );
    expect(s.breakdown).toEqual({
      basicFen: 0,
      criticalIllnessFen: 0,
      assistanceFen: 0,
      reAssistanceFen: 0,
      personalFen: 30000,
    });
    expect(s.tiers.basic).toMatchObject({ applied: false, inputFen: 20000 });
    expect(s.sumsAfter).toEqual(emptyAnnualSums());
  });

  it('outpatient-chronic, category none: 65% cumulative; the CI deductible is not reached', () => {
    // basic 1000000 x 65% = 650000; B1 350000 < 1500000
    const s = settleClaim(
      policy,
      emptyAnnualSums(),
      claim({ claimType: 'outpatient-chronic', totalCostFen: 1200000, policyCostFen: 1000000 }),
    );
    expect(s.breakdown).toEqual({
      basicFen: 650000,
      criticalIllnessFen: 0,
      assistanceFen: 0,
      reAssistanceFen: 0,
      personalFen: 550000,
    });
    expect(s.sumsAfter.outpatientChronic).toEqual({ baseFen: 1000000, paidFen: 650000 });
  });

  it('outpatient-chronic, minimum-living-allowance: assistance applies, re-assistance (inpatient only) does not', () => {
    // B1 350000; tilted CI deductible 750000 not reached; assistance 350000 x 70% = 245000; B3 105000
    const s = settleClaim(
      policy,
      emptyAnnualSums(),
      claim({
        claimType: 'outpatient-chronic',
        totalCostFen: 1200000,
        policyCostFen: 1000000,
        category: 'minimum-living-allowance',
      }),
    );
    expect(s.breakdown).toEqual({
      basicFen: 650000,
      criticalIllnessFen: 0,
      assistanceFen: 245000,
      reAssistanceFen: 0,
      personalFen: 305000,
    });
    expect(s.tiers.reAssistance).toMatchObject({ applied: false, inputFen: 105000 });
    expect(s.sumsAfter.reAssistance).toEqual({ baseFen: 0, paidFen: 0 });
  });

  it('outpatient-chronic: the annual limit 1000000 caps basic insurance', () => {
    // F(2000000) = min(1000000, 1300000)
    const s = settleClaim(
      policy,
      emptyAnnualSums(),
      claim({ claimType: 'outpatient-chronic', totalCostFen: 2000000, policyCostFen: 2000000 }),
    );
    expect(s.breakdown.basicFen).toBe(1000000);
  });
});

describe('tier 1, more rules a reviewer can check by hand', () => {
  it('the cumulative rule rounds once a year: three 1-fen outpatient-general claims at 50% pay 1, 0, 1', () => {
    // F(1) = 0.5 -> 1; F(2) = 1 -> pays 1 - 1 = 0; F(3) = 1.5 -> 2, pays 2 - 1 = 1. The year: round(F(3)) = 2.
    const oneFen = claim({
      claimType: 'outpatient-general',
      institutionLevel: 'grassroots',
      totalCostFen: 1,
      policyCostFen: 1,
    });
    const first = settleClaim(policy, emptyAnnualSums(), oneFen);
    const second = settleClaim(policy, first.sumsAfter, oneFen);
    const third = settleClaim(policy, second.sumsAfter, oneFen);
    expect([first, second, third].map((s) => s.breakdown.basicFen)).toEqual([1, 0, 1]);
    expect(third.sumsAfter.outpatientGeneral).toEqual({ baseFen: 3, paidFen: 2 });
  });

  it.each(['secondary', 'tertiary'] as const)(
    'outpatient-general at %s (not in eligibleLevels) pays 0 and adds nothing to the base',
    (institutionLevel) => {
      const s = settleClaim(
        policy,
        emptyAnnualSums(),
        claim({
          claimType: 'outpatient-general',
          institutionLevel,
          totalCostFen: 10000,
          policyCostFen: 10000,
          category: 'extreme-poverty',
        }),
      );
      expect(s.breakdown).toEqual({
        basicFen: 0,
        criticalIllnessFen: 0,
        assistanceFen: 0,
        reAssistanceFen: 0,
        personalFen: 10000,
      });
      expect(s.sumsAfter).toEqual(emptyAnnualSums());
    },
  );

  it.each(['grassroots', 'secondary', 'tertiary'] as const)(
    'outpatient-chronic at %s: the level does not matter, 1000000 x 65% = 650000',
    (institutionLevel) => {
      const s = settleClaim(
        policy,
        emptyAnnualSums(),
        claim({
          claimType: 'outpatient-chronic',
          institutionLevel,
          totalCostFen: 1000000,
          policyCostFen: 1000000,
        }),
      );
      expect(s.breakdown).toEqual({
        basicFen: 650000,
        criticalIllnessFen: 0,
        assistanceFen: 0,
        reAssistanceFen: 0,
        personalFen: 350000,
      });
    },
  );

  it('inpatient: the deductible (起付线) applies per admission, not per year', () => {
    // two grassroots admissions of 120000: (120000 - 20000) x 85% = 85000 each, not (240000 - 20000) x 85% = 187000 for the year
    const once = claim({
      institutionLevel: 'grassroots',
      totalCostFen: 120000,
      policyCostFen: 120000,
    });
    const first = settleClaim(policy, emptyAnnualSums(), once);
    const second = settleClaim(policy, first.sumsAfter, once);
    expect([first.breakdown.basicFen, second.breakdown.basicFen]).toEqual([85000, 85000]);
    expect(second.sumsAfter.inpatientBasicPaidFen).toBe(170000);
    expect(second.sumsAfter.criticalIllness).toEqual({ baseFen: 70000, paidFen: 0 }); // B1 35000 twice
  });

  it('inpatient at a tertiary institution: deductible 100000, 60%', () => {
    // (300000 - 100000) x 60% = 120000; B1 180000
    const s = settleClaim(
      policy,
      emptyAnnualSums(),
      claim({ totalCostFen: 350000, policyCostFen: 300000 }),
    );
    expect(s.breakdown).toEqual({
      basicFen: 120000,
      criticalIllnessFen: 0,
      assistanceFen: 0,
      reAssistanceFen: 0,
      personalFen: 230000,
    });
    expect(s.tiers.basic).toMatchObject({
      deductibleFen: 100000,
      ratioBp: 6000,
      entitlementFen: 120000,
    });
  });
});

describe('tiers 3 and 4, cumulative over the year', () => {
  it('the assistance deductible of poverty-relapse (100000) is met over the year, not per claim', () => {
    // grassroots 420000: basic (420000 - 20000) x 85% = 340000; B1 80000, under the tilted CI deductible 750000.
    // first: assistance base 80000 < 100000 -> 0; second: base 160000 -> (160000 - 100000) x 60% = 36000.
    const c = claim({
      institutionLevel: 'grassroots',
      totalCostFen: 420000,
      policyCostFen: 420000,
      category: 'poverty-relapse',
    });
    const first = settleClaim(policy, emptyAnnualSums(), c);
    expect(first.breakdown).toEqual({
      basicFen: 340000,
      criticalIllnessFen: 0,
      assistanceFen: 0,
      reAssistanceFen: 0,
      personalFen: 80000,
    });
    const second = settleClaim(policy, first.sumsAfter, c);
    expect(second.breakdown).toEqual({
      basicFen: 340000,
      criticalIllnessFen: 0,
      assistanceFen: 36000,
      reAssistanceFen: 0,
      personalFen: 44000,
    });
    expect(second.sumsAfter.reAssistance).toEqual({ baseFen: 124000, paidFen: 0 }); // B3 80000 + 44000, under 500000
  });

  // POLICY.md: re-assistance is inpatient only, over the year's inpatient B3. Assistance is shared
  // by inpatient and outpatient-chronic claims, so which claim used the assistance cap decides how
  // much inpatient B3 there is. Low-income-monitored, no CI (the year's B1 1450000 < 1500000):
  //   inpatient tertiary 2600000: basic (2600000 - 100000) x 60% = 1500000, B1 1100000;
  //   outpatient-chronic 1000000: basic 650000, B1 350000.
  const inpatient = claim({
    totalCostFen: 2600000,
    policyCostFen: 2600000,
    category: 'low-income-monitored',
  });
  const chronic = claim({
    claimType: 'outpatient-chronic',
    totalCostFen: 1000000,
    policyCostFen: 1000000,
    category: 'low-income-monitored',
  });

  it('re-assistance depends on the order of inpatient and outpatient-chronic claims: inpatient first', () => {
    // inpatient: assistance min(500000, (1100000 - 100000) x 60%) = 500000; B3 600000; re-assistance (600000 - 500000) x 70% = 70000
    // chronic: assistance cap reached, 0; no re-assistance for outpatient
    const a = settleClaim(policy, emptyAnnualSums(), inpatient);
    const b = settleClaim(policy, a.sumsAfter, chronic);
    expect(a.breakdown).toEqual({
      basicFen: 1500000,
      criticalIllnessFen: 0,
      assistanceFen: 500000,
      reAssistanceFen: 70000,
      personalFen: 530000,
    });
    expect(b.breakdown).toEqual({
      basicFen: 650000,
      criticalIllnessFen: 0,
      assistanceFen: 0,
      reAssistanceFen: 0,
      personalFen: 350000,
    });
  });

  it('re-assistance depends on the order of inpatient and outpatient-chronic claims: chronic first', () => {
    // chronic: assistance (350000 - 100000) x 60% = 150000
    // inpatient: assistance base 1450000 -> F = 500000 (cap), pays 350000; B3 750000; re-assistance (750000 - 500000) x 70% = 175000
    const a = settleClaim(policy, emptyAnnualSums(), chronic);
    const b = settleClaim(policy, a.sumsAfter, inpatient);
    expect(a.breakdown).toEqual({
      basicFen: 650000,
      criticalIllnessFen: 0,
      assistanceFen: 150000,
      reAssistanceFen: 0,
      personalFen: 200000,
    });
    expect(b.breakdown).toEqual({
      basicFen: 1500000,
      criticalIllnessFen: 0,
      assistanceFen: 350000,
      reAssistanceFen: 175000,
      personalFen: 575000,
    });
    expect(b.sumsAfter.assistance).toEqual({ baseFen: 1450000, paidFen: 500000 }); // the same as inpatient first
  });

  it('re-assistance stops at its annual cap 2000000', () => {
    // minimum-living-allowance, re-assistance base already 3400000 and paid 1990000 (F = 2900000 x 70% = 2030000, capped)
    const sums = withSums({
      assistance: { baseFen: 5000000, paidFen: 1000000 },
      reAssistance: { baseFen: 3400000, paidFen: 1990000 },
    });
    const s = settleClaim(
      policy,
      sums,
      claim({
        institutionLevel: 'grassroots',
        totalCostFen: 120000,
        policyCostFen: 120000,
        category: 'minimum-living-allowance',
      }),
    );
    // basic 85000; B1 35000, CI base 35000 < 750000; assistance 0 (cap reached); re-assistance min(35000, 2000000 - 1990000) = 10000
    expect(s.breakdown).toEqual({
      basicFen: 85000,
      criticalIllnessFen: 0,
      assistanceFen: 0,
      reAssistanceFen: 10000,
      personalFen: 25000,
    });
    expect(s.sumsAfter.reAssistance).toEqual({ baseFen: 3435000, paidFen: 2000000 });
  });
});

describe('tiers 2 to 4 by assistance category: tertiary inpatient, total = policy-range 5000000', () => {
  // basic (5000000 - 100000) x 60% = 2940000; B1 2060000.
  const settle = (category: ClaimToSettle['category']) =>
    settleClaim(
      policy,
      emptyAnnualSums(),
      claim({ totalCostFen: 5000000, policyCostFen: 5000000, category }),
    ).breakdown;

  it('none: CI on the excess 560000 x 60% = 336000; no assistance', () => {
    expect(settle('none')).toEqual({
      basicFen: 2940000,
      criticalIllnessFen: 336000,
      assistanceFen: 0,
      reAssistanceFen: 0,
      personalFen: 1724000,
    });
  });

  it('low-income-monitored (no tilt): CI 336000; assistance (1724000 - 100000) x 60% capped at 500000; re-assistance (1224000 - 500000) x 70%', () => {
    expect(settle('low-income-monitored')).toEqual({
      basicFen: 2940000,
      criticalIllnessFen: 336000,
      assistanceFen: 500000,
      reAssistanceFen: 506800,
      personalFen: 717200,
    });
  });

  it('poverty-relapse (tilt): CI (2060000 - 750000) x 65% = 851500; assistance capped at 500000; re-assistance (708500 - 500000) x 70%', () => {
    expect(settle('poverty-relapse')).toEqual({
      basicFen: 2940000,
      criticalIllnessFen: 851500,
      assistanceFen: 500000,
      reAssistanceFen: 145950,
      personalFen: 562550,
    });
  });

  it('extreme-poverty (tilt): assistance 1208500 x 70% = 845950 under its cap; B3 362550 under the re-assistance threshold', () => {
    expect(settle('extreme-poverty')).toEqual({
      basicFen: 2940000,
      criticalIllnessFen: 851500,
      assistanceFen: 845950,
      reAssistanceFen: 0,
      personalFen: 362550,
    });
  });

  it('minimum-living-allowance (tilt): the same as extreme-poverty', () => {
    expect(settle('minimum-living-allowance')).toEqual(settle('extreme-poverty'));
  });
});

describe('tier 2, critical illness: band boundaries and the cap', () => {
  // An outpatient-chronic claim of 100 fen whose basic limit is used up puts exactly B1 = 100 into CI.
  const chronicUsedUp = { baseFen: 2000000, paidFen: 1000000 };
  const hundredFen = (category: ClaimToSettle['category'] = 'none') =>
    claim({ claimType: 'outpatient-chronic', totalCostFen: 100, policyCostFen: 100, category });

  it('the first band, 60%, runs to an excess of 10000000 (a CI base of 11500000)', () => {
    const s = settleClaim(
      policy,
      emptyAnnualSums(),
      claim({ claimType: 'outpatient-chronic', totalCostFen: 11500000, policyCostFen: 11500000 }),
    );
    // basic min(1000000, 7475000) = 1000000; B1 10500000; F(10500000) = (10500000 - 1500000) x 60% = 5400000
    expect(s.breakdown).toMatchObject({ basicFen: 1000000, criticalIllnessFen: 5400000 });
    const atBoundary = settleClaim(
      policy,
      withSums({
        outpatientChronic: chronicUsedUp,
        criticalIllness: { baseFen: 11499900, paidFen: 5999940 },
      }),
      hundredFen(),
    );
    expect(atBoundary.breakdown.criticalIllnessFen).toBe(60); // 100 x 60%, up to the boundary 11500000
  });

  it('above the first band, 65%: 100 fen at a CI base of 11500000 pays 65', () => {
    const s = settleClaim(
      policy,
      withSums({
        outpatientChronic: chronicUsedUp,
        criticalIllness: { baseFen: 11500000, paidFen: 6000000 },
      }),
      hundredFen(),
    );
    expect(s.breakdown).toEqual({
      basicFen: 0,
      criticalIllnessFen: 65,
      assistanceFen: 0,
      reAssistanceFen: 0,
      personalFen: 35,
    });
  });

  it('above the second band (excess 20000000), 75%: 100 fen at a CI base of 21500000 pays 75', () => {
    const s = settleClaim(
      policy,
      withSums({
        outpatientChronic: chronicUsedUp,
        criticalIllness: { baseFen: 21500000, paidFen: 12500000 },
      }),
      hundredFen(),
    );
    expect(s.breakdown.criticalIllnessFen).toBe(75);
  });

  it('a claim across a band boundary pays each part at its band: 200 fen from 11499900 pays 60 + 65', () => {
    const s = settleClaim(
      policy,
      withSums({
        outpatientChronic: chronicUsedUp,
        criticalIllness: { baseFen: 11499900, paidFen: 5999940 },
      }),
      claim({ claimType: 'outpatient-chronic', totalCostFen: 200, policyCostFen: 200 }),
    );
    expect(s.breakdown.criticalIllnessFen).toBe(125);
  });

  it('without tilt the cap 40000000 stops critical illness', () => {
    const s = settleClaim(
      policy,
      withSums({
        outpatientChronic: chronicUsedUp,
        criticalIllness: { baseFen: 60000000, paidFen: 40000000 },
      }),
      hundredFen(),
    );
    expect(s.breakdown).toEqual({
      basicFen: 0,
      criticalIllnessFen: 0,
      assistanceFen: 0,
      reAssistanceFen: 0,
      personalFen: 100,
    });
    expect(s.tiers.criticalIllness).toMatchObject({ capFen: 40000000, entitlementFen: 40000000 });
  });

  it('one claim that crosses the cap: B1 60000000 pays 40000000 without tilt, 44900000 with tilt', () => {
    // no tilt: 10000000 x 60% + 10000000 x 65% + (58500000 - 20000000) x 75% = 41375000 -> cap 40000000
    const none = settleClaim(
      policy,
      withSums({ outpatientChronic: chronicUsedUp }),
      claim({ claimType: 'outpatient-chronic', totalCostFen: 60000000, policyCostFen: 60000000 }),
    );
    expect(none.breakdown).toEqual({
      basicFen: 0,
      criticalIllnessFen: 40000000,
      assistanceFen: 0,
      reAssistanceFen: 0,
      personalFen: 20000000,
    });
    // tilt: excess 59250000: 10000000 x 65% + 10000000 x 70% + 39250000 x 80% = 44900000, no cap;
    // B2 15100000; assistance capped at 500000; no re-assistance for outpatient
    const tilted = settleClaim(
      policy,
      withSums({ outpatientChronic: chronicUsedUp }),
      claim({
        claimType: 'outpatient-chronic',
        totalCostFen: 60000000,
        policyCostFen: 60000000,
        category: 'poverty-relapse',
      }),
    );
    expect(tilted.breakdown).toEqual({
      basicFen: 0,
      criticalIllnessFen: 44900000,
      assistanceFen: 500000,
      reAssistanceFen: 0,
      personalFen: 14600000,
    });
  });

  it('with tilt there is no cap: the same claim for a tilt category is paid 80% of 100', () => {
    // tilt F(60000100): excess 59250100 -> 10000000 x 65% + 10000000 x 70% + 39250100 x 80% = 44900080
    const s = settleClaim(
      policy,
      withSums({
        outpatientChronic: chronicUsedUp,
        criticalIllness: { baseFen: 60000000, paidFen: 40000000 },
      }),
      hundredFen('poverty-relapse'),
    );
    expect(s.breakdown.criticalIllnessFen).toBe(100); // min(input 100, 44900080 - 40000000)
    expect(s.tiers.criticalIllness).toMatchObject({
      capFen: null,
      entitlementFen: 44900080,
      tiltApplied: true,
    });
  });
});

describe('tier 2, critical illness: the deductible, with and without tilt', () => {
  // An outpatient-chronic claim whose basic limit is used up puts its whole policy cost into CI as B1.
  const chronicUsedUp = { baseFen: 2000000, paidFen: 1000000 };
  const chronic = (policyCostFen: number, category: ClaimToSettle['category']) =>
    claim({
      claimType: 'outpatient-chronic',
      totalCostFen: policyCostFen,
      policyCostFen,
      category,
    });

  it('tilt (poverty-relapse): nothing at a B1 of exactly 750000 (1500000 x 50%), 1 fen on the next fen (0.65 -> 1)', () => {
    const at = settleClaim(
      policy,
      withSums({ outpatientChronic: chronicUsedUp }),
      chronic(750000, 'poverty-relapse'),
    );
    // assistance (750000 - 100000) x 60% = 390000, under its cap 500000; no re-assistance for outpatient
    expect(at.breakdown).toEqual({
      basicFen: 0,
      criticalIllnessFen: 0,
      assistanceFen: 390000,
      reAssistanceFen: 0,
      personalFen: 360000,
    });
    expect(at.tiers.criticalIllness).toMatchObject({
      applied: true,
      tiltApplied: true,
      deductibleFen: 750000,
      entitlementFen: 0,
    });
    const next = settleClaim(policy, at.sumsAfter, chronic(1, 'poverty-relapse'));
    expect(next.breakdown.criticalIllnessFen).toBe(1);
  });

  it('no tilt (low-income-monitored): nothing at a B1 of exactly 1500000, 1 fen on the next fen (0.60 -> 1)', () => {
    const at = settleClaim(
      policy,
      withSums({ outpatientChronic: chronicUsedUp }),
      chronic(1500000, 'low-income-monitored'),
    );
    // assistance min(500000, (1500000 - 100000) x 60% = 840000) = 500000
    expect(at.breakdown).toEqual({
      basicFen: 0,
      criticalIllnessFen: 0,
      assistanceFen: 500000,
      reAssistanceFen: 0,
      personalFen: 1000000,
    });
    expect(at.tiers.criticalIllness).toMatchObject({
      tiltApplied: false,
      deductibleFen: 1500000,
      capFen: 40000000,
    });
    const next = settleClaim(policy, at.sumsAfter, chronic(1, 'low-income-monitored'));
    expect(next.breakdown.criticalIllnessFen).toBe(1);
  });
});

describe('policy 340000-2022 (Anhui 2022)', () => {
  const anhui: PolicyEntry = findPolicy(loadCatalogue(), '340000', 2022)!;

  it('outpatient-general: 50%, 20000 a year (200 yuan before 2023)', () => {
    // F(30000) = 15000; F(50000) = min(20000, 25000) = 20000 -> pays 5000
    const c = (policyCostFen: number) =>
      claim({
        claimType: 'outpatient-general',
        institutionLevel: 'grassroots',
        totalCostFen: policyCostFen,
        policyCostFen,
      });
    const first = settleClaim(anhui, emptyAnnualSums(), c(30000));
    const second = settleClaim(anhui, first.sumsAfter, c(20000));
    expect([first.breakdown.basicFen, second.breakdown.basicFen]).toEqual([15000, 5000]);
  });

  it('the worked example claim settles the same in Anhui (its settlement tiers equal Jining 2023)', () => {
    const s = settleClaim(
      anhui,
      emptyAnnualSums(),
      claim({
        totalCostFen: 12000000,
        policyCostFen: 10000000,
        category: 'minimum-living-allowance',
      }),
    );
    expect(s.breakdown).toEqual({
      basicFen: 5940000,
      criticalIllnessFen: 2151500,
      assistanceFen: 1000000,
      reAssistanceFen: 285950,
      personalFen: 2622550,
    });
    expect(s.tiers.policyId).toBe('340000-2022');
  });
});

describe('settleClaim refuses bad input', () => {
  const sums = emptyAnnualSums();
  it('refuses a policy-range cost above the total cost', () => {
    expect(() =>
      settleClaim(policy, sums, claim({ totalCostFen: 100, policyCostFen: 101 })),
    ).toThrow(/policyCostFen 101 exceeds totalCostFen 100/);
  });
  it('refuses negative, fractional and unsafe amounts', () => {
    expect(() => settleClaim(policy, sums, claim({ totalCostFen: -1 }))).toThrow(/totalCostFen/);
    expect(() =>
      settleClaim(policy, sums, claim({ totalCostFen: 100.5, policyCostFen: 100 })),
    ).toThrow(/totalCostFen/);
    expect(() =>
      settleClaim(policy, sums, claim({ totalCostFen: 2 ** 53, policyCostFen: 0 })),
    ).toThrow(/totalCostFen/);
  });
  it('refuses an unknown claim type, level or category', () => {
    expect(() => settleClaim(policy, sums, claim({ claimType: 'dental' as never }))).toThrow(
      /claim type/,
    );
    expect(() =>
      settleClaim(policy, sums, claim({ institutionLevel: 'private' as never })),
    ).toThrow(/institution level/);
    expect(() => settleClaim(policy, sums, claim({ category: 'rich' as never }))).toThrow(
      /category/,
    );
  });
  it('refuses corrupt annual sums', () => {
    expect(() => settleClaim(policy, withSums({ inpatientBasicPaidFen: -5 }), claim({}))).toThrow(
      /inpatientBasicPaidFen/,
    );
  });
});

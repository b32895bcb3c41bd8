import { describe, expect, it } from '@jest/globals';
import { loadCatalogue } from '../load-catalogue.js';
import { emptyAnnualSums } from './annual-sums.js';
import { findPolicy } from './catalogue.js';
import { removeFromSums } from './reverse-settlement.js';
import { settleClaim } from './settle-claim.js';
import { settleRelief } from './settle-relief.js';

// Policy 370800-2023: assistance for minimum-living-allowance: no deductible, 70%, 1000000 a year;
// re-assistance: over 500000, 70%, 2000000 a year.
const policy = findPolicy(loadCatalogue(), '370800', 2023)!;
const workedExample = settleClaim(policy, emptyAnnualSums(), {
  claimType: 'inpatient',
  institutionLevel: 'tertiary',
  totalCostFen: 12000000,
  policyCostFen: 10000000,
  category: 'minimum-living-allowance',
});

describe('settleRelief: relief on application (依申请救助), tiers 3 and 4 on a burden as an inpatient B2', () => {
  it('pays assistance up to its cap, then re-assistance over the threshold', () => {
    // assistance 2000000 x 70% = 1400000, capped at 1000000; B3 1000000; re-assistance (1000000 - 500000) x 70% = 350000
    const relief = settleRelief(policy, emptyAnnualSums(), {
      burdenFen: 2000000,
      category: 'minimum-living-allowance',
    });
    expect(relief).toMatchObject({ assistanceFen: 1000000, reAssistanceFen: 350000 });
    expect(relief.sumsAfter.assistance).toEqual({ baseFen: 2000000, paidFen: 1000000 });
    expect(relief.sumsAfter.reAssistance).toEqual({ baseFen: 1000000, paidFen: 350000 });
    expect(relief.tiers.policyId).toBe('370800-2023');
  });

  it('shares the annual sums and caps with settled claims', () => {
    // after the worked example: assistance at its cap; re-assistance base 908500, paid 285950.
    // A burden of 100000: assistance 0; re-assistance base 1008500 -> (508500 x 70%) = 355950, pays 70000.
    const relief = settleRelief(policy, workedExample.sumsAfter, {
      burdenFen: 100000,
      category: 'minimum-living-allowance',
    });
    expect(relief).toMatchObject({ assistanceFen: 0, reAssistanceFen: 70000 });
    expect(relief.sumsAfter.assistance).toEqual({ baseFen: 2008500, paidFen: 1000000 });
  });

  it('pays nothing to a person in no assistance category, and adds nothing to the bases', () => {
    const relief = settleRelief(policy, emptyAnnualSums(), {
      burdenFen: 2000000,
      category: 'none',
    });
    expect(relief).toMatchObject({
      assistanceFen: 0,
      reAssistanceFen: 0,
      sumsAfter: emptyAnnualSums(),
    });
  });

  it('refuses a negative or fractional burden', () => {
    expect(() =>
      settleRelief(policy, emptyAnnualSums(), { burdenFen: -1, category: 'none' }),
    ).toThrow(/burdenFen/);
    expect(() =>
      settleRelief(policy, emptyAnnualSums(), { burdenFen: 0.5, category: 'none' }),
    ).toThrow(/burdenFen/);
  });
});

describe('removeFromSums: a reversal (追回) takes a settlement out of the annual sums', () => {
  it('takes the worked example second claim out, leaving the sums after the first', () => {
    const second = settleClaim(policy, workedExample.sumsAfter, {
      claimType: 'inpatient',
      institutionLevel: 'grassroots',
      totalCostFen: 800000,
      policyCostFen: 700000,
      category: 'minimum-living-allowance',
    });
    expect(removeFromSums(second.sumsAfter, second.tiers)).toEqual(workedExample.sumsAfter);
  });

  it('takes an earlier claim out without re-settling later ones', () => {
    const second = settleClaim(policy, workedExample.sumsAfter, {
      claimType: 'inpatient',
      institutionLevel: 'grassroots',
      totalCostFen: 800000,
      policyCostFen: 700000,
      category: 'minimum-living-allowance',
    });
    expect(removeFromSums(second.sumsAfter, workedExample.tiers)).toEqual({
      inpatientBasicPaidFen: 578000,
      outpatientGeneral: { baseFen: 0, paidFen: 0 },
      outpatientChronic: { baseFen: 0, paidFen: 0 },
      criticalIllness: { baseFen: 122000, paidFen: 79300 },
      assistance: { baseFen: 42700, paidFen: 0 },
      reAssistance: { baseFen: 42700, paidFen: 29890 },
    });
  });

  it('takes a relief grant out', () => {
    const relief = settleRelief(policy, workedExample.sumsAfter, {
      burdenFen: 100000,
      category: 'minimum-living-allowance',
    });
    expect(removeFromSums(relief.sumsAfter, relief.tiers)).toEqual(workedExample.sumsAfter);
  });

  it('refuses to take out what the sums never held', () => {
    expect(() => removeFromSums(emptyAnnualSums(), workedExample.tiers)).toThrow(/reversal/);
  });
});

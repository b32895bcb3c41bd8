import { describe, expect, it } from '@jest/globals';
import { loadCatalogue } from '../load-catalogue.js';
import { emptyAnnualSums } from './annual-sums.js';
import { findPolicy } from './catalogue.js';
import { resettleYear, type YearClaimItem, type YearItem } from './resettle-year.js';
import { settleClaim } from './settle-claim.js';
import { settleRelief } from './settle-relief.js';

// Policy 370800-2023 (Jining). illness-impoverished (因病致贫重病患者) takes the "other persons"
// assistance tier: deductible 100000, 60%, 500000 a year; re-assistance over 500000, 70%, 2000000
// a year; no critical-illness tilt. Basic: tertiary 100000 deductible 60%, secondary 50000 75%.
const policy = findPolicy(loadCatalogue(), '370800', 2023)!;

const claim1 = (category: YearClaimItem['category']): YearClaimItem => ({
  kind: 'claim',
  id: 'clm_1',
  claimType: 'inpatient',
  institutionLevel: 'tertiary',
  serviceDate: '2023-03-01',
  totalCostFen: 12000000,
  policyCostFen: 10000000,
  category,
});
const claim2 = (category: YearClaimItem['category']): YearClaimItem => ({
  kind: 'claim',
  id: 'clm_2',
  claimType: 'inpatient',
  institutionLevel: 'secondary',
  serviceDate: '2023-05-02',
  totalCostFen: 4000000,
  policyCostFen: 3000000,
  category,
});

describe('resettleYear: a person-year settled again from zero annual sums (重新结算)', () => {
  it('illness-impoverished from the first claim: assistance and re-assistance to the fen', () => {
    const { items, annualSums } = resettleYear(policy, [
      claim1('illness-impoverished'),
      claim2('illness-impoverished'),
    ]);
    // claim 1: basic (10000000 - 100000) x 60% = 5940000; B1 4060000;
    // critical illness (4060000 - 1500000) x 60% = 1536000; B2 2524000;
    // assistance min(500000, (2524000 - 100000) x 60% = 1454400) = 500000; B3 2024000;
    // re-assistance (2024000 - 500000) x 70% = 1066800; person 2000000 + 2024000 - 1066800 = 2957200.
    expect(items[0]).toMatchObject({
      kind: 'claim',
      id: 'clm_1',
      breakdown: {
        basicFen: 5940000,
        criticalIllnessFen: 1536000,
        assistanceFen: 500000,
        reAssistanceFen: 1066800,
        personalFen: 2957200,
      },
    });
    // claim 2: basic (3000000 - 50000) x 75% = 2212500; B1 787500; critical illness base 4847500,
    // F = 3347500 x 60% = 2008500, pays 472500; B2 315000; assistance at its cap: 0;
    // re-assistance base 2339000, F = 1839000 x 70% = 1287300, pays 220500;
    // person 1000000 + 315000 - 220500 = 1094500.
    expect(items[1]).toMatchObject({
      kind: 'claim',
      id: 'clm_2',
      breakdown: {
        basicFen: 2212500,
        criticalIllnessFen: 472500,
        assistanceFen: 0,
        reAssistanceFen: 220500,
        personalFen: 1094500,
      },
    });
    expect(annualSums).toEqual({
      inpatientBasicPaidFen: 8152500,
      outpatientGeneral: { baseFen: 0, paidFen: 0 },
      outpatientChronic: { baseFen: 0, paidFen: 0 },
      criticalIllness: { baseFen: 4847500, paidFen: 2008500 },
      assistance: { baseFen: 2839000, paidFen: 500000 },
      reAssistance: { baseFen: 2339000, paidFen: 1287300 },
    });
    expect(items[1].sumsBefore).toEqual(items[0].sumsAfter);
  });

  it('in no category: the same claims pay no assistance (person 4524000 and 1315000)', () => {
    const { items } = resettleYear(policy, [claim1('none'), claim2('none')]);
    expect(items.map((i) => i.breakdown.personalFen)).toEqual([4524000, 1315000]);
    expect(items.map((i) => i.breakdown.assistanceFen + i.breakdown.reAssistanceFen)).toEqual([
      0, 0,
    ]);
  });

  it('each item with its own category: a status revoked between the claims', () => {
    const { items } = resettleYear(policy, [claim1('illness-impoverished'), claim2('none')]);
    expect(items[0].breakdown.reAssistanceFen).toBe(1066800);
    expect(items[1].breakdown).toEqual({
      basicFen: 2212500,
      criticalIllnessFen: 472500,
      assistanceFen: 0,
      reAssistanceFen: 0,
      personalFen: 1315000,
    });
  });

  it('relief grants share the sums: a grant of 1000000 after claim 1 pays re-assistance only', () => {
    // after claim 1 (illness-impoverished): assistance at its cap; re-assistance base 2024000 paid 1066800.
    // grant burden 1000000: assistance 0; re-assistance base 3024000, F = 2524000 x 70% = 1766800, pays 700000.
    const { items, annualSums } = resettleYear(policy, [
      claim1('illness-impoverished'),
      {
        kind: 'relief',
        id: 'grt_1',
        onDate: '2023-04-01',
        burdenFen: 1000000,
        category: 'illness-impoverished',
      },
    ]);
    expect(items[1]).toMatchObject({
      kind: 'relief',
      id: 'grt_1',
      breakdown: {
        basicFen: 0,
        criticalIllnessFen: 0,
        assistanceFen: 0,
        reAssistanceFen: 700000,
        personalFen: 300000,
      },
    });
    expect(annualSums.reAssistance).toEqual({ baseFen: 3024000, paidFen: 1766800 });
  });

  it('equals settleClaim / settleRelief chained from empty sums, item by item', () => {
    const items: YearItem[] = [
      claim1('minimum-living-allowance'),
      {
        kind: 'relief',
        id: 'g',
        onDate: '2023-04-01',
        burdenFen: 250000,
        category: 'minimum-living-allowance',
      },
      claim2('minimum-living-allowance'),
    ];
    const first = settleClaim(policy, emptyAnnualSums(), { ...claim1('minimum-living-allowance') });
    const grant = settleRelief(policy, first.sumsAfter, {
      burdenFen: 250000,
      category: 'minimum-living-allowance',
    });
    const second = settleClaim(policy, grant.sumsAfter, { ...claim2('minimum-living-allowance') });
    const out = resettleYear(() => policy, items);
    expect(out.items[0].breakdown).toEqual(first.breakdown);
    expect(out.items[1].breakdown.reAssistanceFen).toBe(grant.reAssistanceFen);
    expect(out.items[2].breakdown).toEqual(second.breakdown);
    expect(out.annualSums).toEqual(second.sumsAfter);
  });

  it('an empty year: no items and empty sums', () => {
    expect(resettleYear(policy, [])).toEqual({ items: [], annualSums: emptyAnnualSums() });
  });
});

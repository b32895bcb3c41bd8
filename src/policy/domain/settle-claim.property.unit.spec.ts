import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { loadCatalogue } from '../load-catalogue.js';
import { cumulativeSumsKeys, emptyAnnualSums, type AnnualSums } from './annual-sums.js';
import { assistanceCategories, claimTypes, institutionLevels, type AssistanceCategory, type PolicyEntry } from './catalogue.js';
import { criticalIllnessFunction, criticalIllnessTerms } from './critical-illness-tier.js';
import { ratioAboveDeductible, type Rational } from './cumulative-tier.js';
import { roundHalfUpFen } from './money.js';
import { removeFromSums } from './reverse-settlement.js';
import { settleClaim, type ClaimToSettle, type Settlement } from './settle-claim.js';
import { settleRelief } from './settle-relief.js';

const catalogue = loadCatalogue();
const runs = { numRuns: 300 };

// Amounts from a few fen to well past every cap, with extra weight near the thresholds.
const amountFen = fc.oneof(
  fc.integer({ min: 0, max: 200000 }),
  fc.integer({ min: 0, max: 3000000 }),
  fc.integer({ min: 0, max: 80000000 }),
);
const claimArb = (category: fc.Arbitrary<AssistanceCategory | 'none'>) =>
  fc.record({
    claimType: fc.constantFrom(...claimTypes),
    institutionLevel: fc.constantFrom(...institutionLevels),
    policyCostFen: amountFen,
    outsidePolicyFen: fc.integer({ min: 0, max: 2000000 }),
    category,
  }).map(({ outsidePolicyFen, ...c }): ClaimToSettle => ({ ...c, totalCostFen: c.policyCostFen + outsidePolicyFen }));
const categoryArb = fc.constantFrom<AssistanceCategory | 'none'>('none', ...assistanceCategories);
const policyArb = fc.constantFrom(...catalogue.policies);

function settleAll(policy: PolicyEntry, claims: readonly ClaimToSettle[]): { settlements: Settlement[]; sums: AnnualSums } {
  let sums = emptyAnnualSums();
  const settlements = claims.map((claim) => {
    const settlement = settleClaim(policy, sums, claim);
    sums = settlement.sumsAfter;
    return settlement;
  });
  return { settlements, sums };
}

const roundF = (f: Rational) => roundHalfUpFen(f.numerator, f.denominator);

/** round(F(annual base)) for each cumulative tier, with the category fixed for the year. */
function expectedPaid(policy: PolicyEntry, category: AssistanceCategory | 'none', sums: AnnualSums): Record<string, number> {
  const assistanceTier = policy.medicalAssistance.tiers.find((t) => category !== 'none' && t.categories.includes(category));
  const re = policy.reAssistance;
  return {
    outpatientGeneral: roundF(ratioAboveDeductible(sums.outpatientGeneral.baseFen, 0, policy.outpatientGeneral.ratioBp, policy.outpatientGeneral.annualLimitFen)),
    outpatientChronic: roundF(ratioAboveDeductible(sums.outpatientChronic.baseFen, 0, policy.outpatientChronic.ratioBp, policy.outpatientChronic.annualLimitFen)),
    criticalIllness: roundF(criticalIllnessFunction(criticalIllnessTerms(policy, category), sums.criticalIllness.baseFen)),
    assistance: assistanceTier === undefined ? 0 : roundF(ratioAboveDeductible(sums.assistance.baseFen, assistanceTier.deductibleFen, assistanceTier.ratioBp, assistanceTier.annualCapFen)),
    reAssistance: roundF(ratioAboveDeductible(sums.reAssistance.baseFen, re.thresholdFen, re.ratioBp, re.annualCapFen)),
  };
}

describe('settleClaim over random claim sequences', () => {
  it('every breakdown sums to the total cost and no tier is negative, whatever the categories', () => {
    fc.assert(fc.property(policyArb, fc.array(claimArb(categoryArb), { maxLength: 12 }), (policy, claims) => {
      const { settlements } = settleAll(policy, claims);
      settlements.forEach((s, i) => {
        const b = s.breakdown;
        expect(b.basicFen + b.criticalIllnessFen + b.assistanceFen + b.reAssistanceFen + b.personalFen).toBe(claims[i].totalCostFen);
        for (const value of Object.values(b)) expect(value).toBeGreaterThanOrEqual(0);
        expect(b.personalFen).toBeGreaterThanOrEqual(claims[i].totalCostFen - claims[i].policyCostFen);
      });
    }), runs);
  });

  it('no annual cap is exceeded', () => {
    fc.assert(fc.property(policyArb, categoryArb, fc.array(claimArb(categoryArb), { maxLength: 12 }), (policy, category, claims) => {
      const { sums } = settleAll(policy, claims.map((c) => ({ ...c, category })));
      const assistanceCap = policy.medicalAssistance.tiers.find((t) => category !== 'none' && t.categories.includes(category))?.annualCapFen ?? 0;
      const ciCap = criticalIllnessTerms(policy, category).capFen;
      expect(sums.inpatientBasicPaidFen).toBeLessThanOrEqual(policy.inpatient.annualCapFen);
      expect(sums.outpatientGeneral.paidFen).toBeLessThanOrEqual(policy.outpatientGeneral.annualLimitFen);
      expect(sums.outpatientChronic.paidFen).toBeLessThanOrEqual(policy.outpatientChronic.annualLimitFen);
      if (ciCap !== null) expect(sums.criticalIllness.paidFen).toBeLessThanOrEqual(ciCap);
      expect(sums.assistance.paidFen).toBeLessThanOrEqual(assistanceCap);
      expect(sums.reAssistance.paidFen).toBeLessThanOrEqual(policy.reAssistance.annualCapFen);
    }), runs);
  });

  it("each cumulative tier's annual paid equals round(F(annual base)) when the category is fixed", () => {
    fc.assert(fc.property(policyArb, categoryArb, fc.array(claimArb(categoryArb), { maxLength: 12 }), (policy, category, claims) => {
      const { sums } = settleAll(policy, claims.map((c) => ({ ...c, category })));
      const expected = expectedPaid(policy, category, sums);
      for (const key of cumulativeSumsKeys) expect([key, sums[key].paidFen]).toEqual([key, expected[key]]);
    }), runs);
  });

  // With mixed claim types the split between tiers can depend on the order (re-assistance takes
  // only inpatient B3 into its base); with one claim type and one category it cannot.
  it('the annual sums do not depend on the order of the claims of one type and one category', () => {
    const claimType = fc.constantFrom(...claimTypes);
    fc.assert(fc.property(policyArb, categoryArb, claimType, fc.array(claimArb(categoryArb), { maxLength: 8 }), (policy, category, type, claims) => {
      const fixed = claims.map((c) => ({ ...c, category, claimType: type }));
      expect(settleAll(policy, [...fixed].reverse()).sums).toEqual(settleAll(policy, fixed).sums);
    }), runs);
  });

  it('settling a claim and removing it returns the sums to what they were', () => {
    fc.assert(fc.property(policyArb, fc.array(claimArb(categoryArb), { maxLength: 10 }), claimArb(categoryArb), (policy, history, claim) => {
      const before = settleAll(policy, history).sums;
      const settled = settleClaim(policy, before, claim);
      expect(removeFromSums(settled.sumsAfter, settled.tiers)).toEqual(before);
      const relief = settleRelief(policy, before, { burdenFen: claim.policyCostFen, category: claim.category });
      expect(removeFromSums(relief.sumsAfter, relief.tiers)).toEqual(before);
    }), runs);
  });

  it('removing every claim, in any order, empties the sums; the stored tiers survive JSON', () => {
    const claimsAndOrder = fc.array(claimArb(categoryArb), { maxLength: 10 }).chain((claims) =>
      fc.tuple(fc.constant(claims), fc.shuffledSubarray([...claims.keys()], { minLength: claims.length, maxLength: claims.length })));
    fc.assert(fc.property(policyArb, claimsAndOrder, (policy, [claims, order]) => {
      const { settlements, sums } = settleAll(policy, claims);
      const stored = settlements.map((s) => JSON.parse(JSON.stringify(s.tiers)));
      const emptied = order.reduce((current, index) => removeFromSums(current, stored[index]), sums);
      expect(emptied).toEqual(emptyAnnualSums());
    }), runs);
  });
});

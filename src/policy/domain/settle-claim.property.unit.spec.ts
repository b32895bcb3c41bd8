import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { loadCatalogue } from '../load-catalogue.js';
import { cumulativeSumsKeys, emptyAnnualSums, type AnnualSums } from './annual-sums.js';
import {
  assistanceCategories,
  claimTypes,
  institutionLevels,
  type AssistanceCategory,
  type PolicyEntry,
} from './catalogue.js';
import { criticalIllnessFunction, criticalIllnessTerms } from './critical-illness-tier.js';
import { ratioAboveDeductible, type Rational } from './cumulative-tier.js';
import { roundHalfUpFen } from './money.js';
import { removeFromSums } from './reverse-settlement.js';
import {
  settleClaim,
  type ClaimToSettle,
  type Settlement,
  type SettlementBreakdown,
} from './settle-claim.js';
import { tierList } from './tier-explanation.js';
import { settleRelief } from './settle-relief.js';

const catalogue = loadCatalogue();
const runs = { numRuns: 300 };

// Amounts from a few fen to 5,000,000 yuan (500000000 fen), well past every cap, with extra
// weight on the small amounts near the deductibles and thresholds.
const amountFen = fc.oneof(
  fc.integer({ min: 0, max: 200000 }),
  fc.integer({ min: 0, max: 3000000 }),
  fc.integer({ min: 0, max: 80000000 }),
  fc.integer({ min: 0, max: 500000000 }),
);
const claimArb = (category: fc.Arbitrary<AssistanceCategory | 'none'>) =>
  fc
    .record({
      claimType: fc.constantFrom(...claimTypes),
      institutionLevel: fc.constantFrom(...institutionLevels),
      policyCostFen: amountFen,
      outsidePolicyFen: fc.integer({ min: 0, max: 2000000 }),
      category,
    })
    .map(({ outsidePolicyFen, ...c }): ClaimToSettle => ({
      ...c,
      totalCostFen: c.policyCostFen + outsidePolicyFen,
    }));
const categoryArb = fc.constantFrom<AssistanceCategory | 'none'>('none', ...assistanceCategories);
const policyArb = fc.constantFrom(...catalogue.policies);

function settleAll(
  policy: PolicyEntry,
  claims: readonly ClaimToSettle[],
): { settlements: Settlement[]; sums: AnnualSums } {
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
function expectedPaid(
  policy: PolicyEntry,
  category: AssistanceCategory | 'none',
  sums: AnnualSums,
): Record<string, number> {
  const assistanceTier = policy.medicalAssistance.tiers.find(
    (t) => category !== 'none' && t.categories.includes(category),
  );
  const re = policy.reAssistance;
  return {
    outpatientGeneral: roundF(
      ratioAboveDeductible(
        sums.outpatientGeneral.baseFen,
        0,
        policy.outpatientGeneral.ratioBp,
        policy.outpatientGeneral.annualLimitFen,
      ),
    ),
    outpatientChronic: roundF(
      ratioAboveDeductible(
        sums.outpatientChronic.baseFen,
        0,
        policy.outpatientChronic.ratioBp,
        policy.outpatientChronic.annualLimitFen,
      ),
    ),
    criticalIllness: roundF(
      criticalIllnessFunction(criticalIllnessTerms(policy, category), sums.criticalIllness.baseFen),
    ),
    assistance:
      assistanceTier === undefined
        ? 0
        : roundF(
            ratioAboveDeductible(
              sums.assistance.baseFen,
              assistanceTier.deductibleFen,
              assistanceTier.ratioBp,
              assistanceTier.annualCapFen,
            ),
          ),
    reAssistance: roundF(
      ratioAboveDeductible(sums.reAssistance.baseFen, re.thresholdFen, re.ratioBp, re.annualCapFen),
    ),
  };
}

describe('settleClaim over random claim sequences', () => {
  it('every breakdown sums to the total cost and no tier is negative, whatever the categories', () => {
    fc.assert(
      fc.property(
        policyArb,
        fc.array(claimArb(categoryArb), { maxLength: 12 }),
        (policy, claims) => {
          const { settlements } = settleAll(policy, claims);
          settlements.forEach((s, i) => {
            const b = s.breakdown;
            expect(
              b.basicFen +
                b.criticalIllnessFen +
                b.assistanceFen +
                b.reAssistanceFen +
                b.personalFen,
            ).toBe(claims[i].totalCostFen);
            for (const value of Object.values(b)) expect(value).toBeGreaterThanOrEqual(0);
            expect(b.personalFen).toBeGreaterThanOrEqual(
              claims[i].totalCostFen - claims[i].policyCostFen,
            );
          });
        },
      ),
      runs,
    );
  });

  it('no annual cap is exceeded', () => {
    fc.assert(
      fc.property(
        policyArb,
        categoryArb,
        fc.array(claimArb(categoryArb), { maxLength: 12 }),
        (policy, category, claims) => {
          const { sums } = settleAll(
            policy,
            claims.map((c) => ({ ...c, category })),
          );
          const assistanceCap =
            policy.medicalAssistance.tiers.find(
              (t) => category !== 'none' && t.categories.includes(category),
            )?.annualCapFen ?? 0;
          const ciCap = criticalIllnessTerms(policy, category).capFen;
          expect(sums.inpatientBasicPaidFen).toBeLessThanOrEqual(policy.inpatient.annualCapFen);
          expect(sums.outpatientGeneral.paidFen).toBeLessThanOrEqual(
            policy.outpatientGeneral.annualLimitFen,
          );
          expect(sums.outpatientChronic.paidFen).toBeLessThanOrEqual(
            policy.outpatientChronic.annualLimitFen,
          );
          if (ciCap !== null) expect(sums.criticalIllness.paidFen).toBeLessThanOrEqual(ciCap);
          expect(sums.assistance.paidFen).toBeLessThanOrEqual(assistanceCap);
          expect(sums.reAssistance.paidFen).toBeLessThanOrEqual(policy.reAssistance.annualCapFen);
        },
      ),
      runs,
    );
  });

  it("each cumulative tier's annual paid equals round(F(annual base)) when the category is fixed", () => {
    fc.assert(
      fc.property(
        policyArb,
        categoryArb,
        fc.array(claimArb(categoryArb), { maxLength: 12 }),
        (policy, category, claims) => {
          const { sums } = settleAll(
            policy,
            claims.map((c) => ({ ...c, category })),
          );
          const expected = expectedPaid(policy, category, sums);
          for (const key of cumulativeSumsKeys)
            expect([key, sums[key].paidFen]).toEqual([key, expected[key]]);
        },
      ),
      runs,
    );
  });

  // What is truly independent of the order, with one category for the year and any mix of claim
  // types (the catalogue's critical-illness and assistance tiers apply to the same claim types):
  // - inpatient basic: each claim pays min(entitlement, cap left), so the year pays
  //   min(cap, sum of entitlements) whatever the order; the outpatient tiers are cumulative;
  // - so the year's B1 over the critical-illness claims is fixed, hence critical illness; then the
  //   year's B2 (B1 less critical illness), hence assistance.
  // Re-assistance takes only inpatient B3 into its base; how critical illness and assistance split
  // between inpatient and outpatient-chronic claims depends on the order, so re-assistance (and so
  // the person's total) is order-independent only when the year does not mix those two types.
  const shuffledClaims = (types: fc.Arbitrary<ClaimToSettle['claimType']>) =>
    fc.array(claimArb(categoryArb), { maxLength: 8 }).chain((claims) =>
      fc
        .tuple(
          fc.array(types, { minLength: claims.length, maxLength: claims.length }),
          fc.constant(claims),
          fc.shuffledSubarray([...claims.keys()], {
            minLength: claims.length,
            maxLength: claims.length,
          }),
        )
        .map(([typeOf, cs, order]) => {
          const typed = cs.map((c, i) => ({ ...c, claimType: typeOf[i] }));
          return [typed, order.map((i) => typed[i])] as const;
        }),
    );
  const totals = (settlements: readonly Settlement[]): SettlementBreakdown =>
    settlements.reduce(
      (t, s) => ({
        basicFen: t.basicFen + s.breakdown.basicFen,
        criticalIllnessFen: t.criticalIllnessFen + s.breakdown.criticalIllnessFen,
        assistanceFen: t.assistanceFen + s.breakdown.assistanceFen,
        reAssistanceFen: t.reAssistanceFen + s.breakdown.reAssistanceFen,
        personalFen: t.personalFen + s.breakdown.personalFen,
      }),
      { basicFen: 0, criticalIllnessFen: 0, assistanceFen: 0, reAssistanceFen: 0, personalFen: 0 },
    );

  it('the annual sums and totals of basic, critical illness and assistance do not depend on the order, whatever the claim types', () => {
    fc.assert(
      fc.property(
        policyArb,
        categoryArb,
        shuffledClaims(fc.constantFrom(...claimTypes)),
        (policy, category, [claims, shuffled]) => {
          const a = settleAll(
            policy,
            claims.map((c) => ({ ...c, category })),
          );
          const b = settleAll(
            policy,
            shuffled.map((c) => ({ ...c, category })),
          );
          const { reAssistance: _a, ...sumsA } = a.sums;
          const { reAssistance: _b, ...sumsB } = b.sums;
          expect(sumsB).toEqual(sumsA);
          const { reAssistanceFen: _ra, personalFen: _pa, ...totalsA } = totals(a.settlements);
          const { reAssistanceFen: _rb, personalFen: _pb, ...totalsB } = totals(b.settlements);
          expect(totalsB).toEqual(totalsA);
        },
      ),
      runs,
    );
  });

  it('everything, re-assistance and the person included, is order-independent when inpatient and outpatient-chronic claims do not mix', () => {
    const withoutChronic = fc.constantFrom<ClaimToSettle['claimType']>(
      'inpatient',
      'outpatient-general',
    );
    const withoutInpatient = fc.constantFrom<ClaimToSettle['claimType']>(
      'outpatient-chronic',
      'outpatient-general',
    );
    fc.assert(
      fc.property(
        policyArb,
        categoryArb,
        fc.oneof(shuffledClaims(withoutChronic), shuffledClaims(withoutInpatient)),
        (policy, category, [claims, shuffled]) => {
          const a = settleAll(
            policy,
            claims.map((c) => ({ ...c, category })),
          );
          const b = settleAll(
            policy,
            shuffled.map((c) => ({ ...c, category })),
          );
          expect(b.sums).toEqual(a.sums);
          expect(totals(b.settlements)).toEqual(totals(a.settlements));
        },
      ),
      runs,
    );
  });

  it('every tier explanation is coherent: inputs chain, bases and paid totals move by input and pay', () => {
    fc.assert(
      fc.property(
        policyArb,
        fc.array(claimArb(categoryArb), { maxLength: 10 }),
        (policy, claims) => {
          settleAll(policy, claims).settlements.forEach((s, i) => {
            const tiers = tierList(s.tiers);
            expect(tiers[0].inputFen).toBe(claims[i].policyCostFen);
            tiers.forEach((tier, k) => {
              if (k > 0) expect(tier.inputFen).toBe(tiers[k - 1].inputFen - tiers[k - 1].payFen);
              expect(tier.paidAfterFen - tier.paidBeforeFen).toBe(tier.payFen);
              if (!tier.applied) expect(tier.payFen).toBe(0);
              if (tier.baseBeforeFen !== null && tier.baseAfterFen !== null) {
                expect(tier.baseAfterFen - tier.baseBeforeFen).toBe(
                  tier.applied ? tier.inputFen : 0,
                );
              }
              // the cumulative rule, and for inpatient basic insurance the cap left
              if (tier.applied && tier.baseAfterFen !== null)
                expect(tier.payFen).toBe(
                  Math.min(tier.inputFen, Math.max(0, tier.entitlementFen - tier.paidBeforeFen)),
                );
              if (tier.sums === 'inpatientBasic')
                expect(tier.payFen).toBe(
                  Math.min(
                    tier.entitlementFen,
                    Math.max(0, (tier.capFen ?? 0) - tier.paidBeforeFen),
                  ),
                );
            });
            expect(s.breakdown.personalFen).toBe(
              claims[i].totalCostFen -
                claims[i].policyCostFen +
                tiers[3].inputFen -
                tiers[3].payFen,
            );
          });
        },
      ),
      runs,
    );
  });

  it('no cap is exceeded even when the category changes from claim to claim', () => {
    fc.assert(
      fc.property(
        policyArb,
        fc.array(claimArb(categoryArb), { maxLength: 12 }),
        (policy, claims) => {
          const { sums } = settleAll(policy, claims);
          const largestAssistanceCap = Math.max(
            0,
            ...policy.medicalAssistance.tiers.map((t) => t.annualCapFen),
          );
          expect(sums.inpatientBasicPaidFen).toBeLessThanOrEqual(policy.inpatient.annualCapFen);
          expect(sums.outpatientGeneral.paidFen).toBeLessThanOrEqual(
            policy.outpatientGeneral.annualLimitFen,
          );
          expect(sums.outpatientChronic.paidFen).toBeLessThanOrEqual(
            policy.outpatientChronic.annualLimitFen,
          );
          expect(sums.assistance.paidFen).toBeLessThanOrEqual(largestAssistanceCap);
          expect(sums.reAssistance.paidFen).toBeLessThanOrEqual(policy.reAssistance.annualCapFen);
          const everTilted = claims.some(
            (c) =>
              c.category !== 'none' && policy.criticalIllness.tilt.categories.includes(c.category),
          );
          if (!everTilted)
            expect(sums.criticalIllness.paidFen).toBeLessThanOrEqual(
              policy.criticalIllness.annualCapFen,
            );
        },
      ),
      runs,
    );
  });

  it('relief grants (依申请救助) between claims share the caps, and the year still pays round(F(annual base))', () => {
    const step = fc.oneof(
      claimArb(categoryArb).map((c) => ({ kind: 'claim' as const, c })),
      amountFen.map((burdenFen) => ({ kind: 'relief' as const, burdenFen })),
    );
    fc.assert(
      fc.property(
        policyArb,
        categoryArb,
        fc.array(step, { maxLength: 12 }),
        (policy, category, steps) => {
          let sums = emptyAnnualSums();
          for (const s of steps) {
            sums =
              s.kind === 'claim'
                ? settleClaim(policy, sums, { ...s.c, category }).sumsAfter
                : settleRelief(policy, sums, { burdenFen: s.burdenFen, category }).sumsAfter;
          }
          const expected = expectedPaid(policy, category, sums);
          expect(sums.assistance.paidFen).toBe(expected.assistance);
          expect(sums.reAssistance.paidFen).toBe(expected.reAssistance);
          expect(sums.reAssistance.paidFen).toBeLessThanOrEqual(policy.reAssistance.annualCapFen);
        },
      ),
      runs,
    );
  });

  it('settling a claim and removing it returns the sums to what they were', () => {
    fc.assert(
      fc.property(
        policyArb,
        fc.array(claimArb(categoryArb), { maxLength: 10 }),
        claimArb(categoryArb),
        (policy, history, claim) => {
          const before = settleAll(policy, history).sums;
          const settled = settleClaim(policy, before, claim);
          expect(removeFromSums(settled.sumsAfter, settled.tiers)).toEqual(before);
          const relief = settleRelief(policy, before, {
            burdenFen: claim.policyCostFen,
            category: claim.category,
          });
          expect(removeFromSums(relief.sumsAfter, relief.tiers)).toEqual(before);
        },
      ),
      runs,
    );
  });

  it('removing every claim, in any order, empties the sums; the stored tiers survive JSON', () => {
    const claimsAndOrder = fc.array(claimArb(categoryArb), { maxLength: 10 }).chain((claims) =>
      fc.tuple(
        fc.constant(claims),
        fc.shuffledSubarray([...claims.keys()], {
          minLength: claims.length,
          maxLength: claims.length,
        }),
      ),
    );
    fc.assert(
      fc.property(policyArb, claimsAndOrder, (policy, [claims, order]) => {
        const { settlements, sums } = settleAll(policy, claims);
        const stored = settlements.map((s) => JSON.parse(JSON.stringify(s.tiers)));
        const emptied = order.reduce(
          (current, index) => removeFromSums(current, stored[index]),
          sums,
        );
        expect(emptied).toEqual(emptyAnnualSums());
      }),
      runs,
    );
  });
});

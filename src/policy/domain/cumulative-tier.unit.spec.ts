import { describe, expect, it } from '@jest/globals';
import { capAt, payCumulative, rational, ratioAboveDeductible } from './cumulative-tier.js';

// The cumulative rule of POLICY.md "Units and rounding": pay = min(input, max(0, round(F(x_after)) - paidSoFar)).

describe('ratioAboveDeductible: F(x) = min(cap, max(0, x - deductible) * ratioBp / 10000), exact', () => {
  it('is 0 up to the deductible and the exact rational above it', () => {
    expect(ratioAboveDeductible(100000, 100000, 6000, 500000)).toEqual({
      numerator: 0n,
      denominator: 10000n,
    });
    expect(ratioAboveDeductible(100001, 100000, 6000, 500000)).toEqual({
      numerator: 6000n,
      denominator: 10000n,
    }); // 0.6 fen, not yet rounded
  });

  it('stops at the cap; a null cap (tilt with removeCap) leaves it open', () => {
    expect(ratioAboveDeductible(2000000, 100000, 6000, 500000)).toEqual({
      numerator: 5000000000n,
      denominator: 10000n,
    });
    expect(capAt(rational(7n, 2n), null)).toEqual({ numerator: 7n, denominator: 2n });
    expect(capAt(rational(7n, 2n), 3)).toEqual({ numerator: 6n, denominator: 2n });
  });
});

describe('payCumulative', () => {
  it('pays round(F(after)) less what was paid: F = 3.5 fen, paid 1 -> pays 3', () => {
    expect(payCumulative(10, 1, rational(7n, 2n))).toEqual({ payFen: 3, entitlementFen: 4 });
  });

  it('never pays more than the input', () => {
    expect(payCumulative(2, 0, rational(100n, 1n))).toEqual({ payFen: 2, entitlementFen: 100 });
  });

  it('pays 0, never a negative amount, when more was paid than F now allows (a category changed in the year)', () => {
    expect(payCumulative(500, 1000000, rational(5000000000n, 10000n))).toEqual({
      payFen: 0,
      entitlementFen: 500000,
    });
  });

  it('refuses a fractional or negative input', () => {
    expect(() => payCumulative(-1, 0, rational(0n, 1n))).toThrow(/inputFen/);
    expect(() => payCumulative(1.5, 0, rational(0n, 1n))).toThrow(/inputFen/);
    expect(() => rational(-1n, 1n)).toThrow(/numerator/);
    expect(() => rational(1n, 0n)).toThrow(/denominator/);
  });
});

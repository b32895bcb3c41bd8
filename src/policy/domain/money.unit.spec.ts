import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { applyBpRounded, assertFen, roundHalfUpFen } from './money.js';

describe('roundHalfUpFen: round half up to the nearest fen, exact', () => {
  it('rounds a half up and anything below a half down', () => {
    expect(roundHalfUpFen(5n, 10n)).toBe(1); // 0.5 -> 1
    expect(roundHalfUpFen(4n, 10n)).toBe(0); // 0.4 -> 0
    expect(roundHalfUpFen(15n, 10n)).toBe(2); // 1.5 -> 2
    expect(roundHalfUpFen(14999n, 10000n)).toBe(1); // 1.4999 -> 1
    expect(roundHalfUpFen(1335950n * 10000n, 10000n)).toBe(1335950);
    expect(roundHalfUpFen(0n, 7n)).toBe(0);
  });

  it('is the nearest fen, a half going up: (r - 1/2) d <= n < (r + 1/2) d', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 19n }),
        fc.bigInt({ min: 1n, max: 10n ** 6n }),
        (n, d) => {
          fc.pre(n / d <= BigInt(Number.MAX_SAFE_INTEGER) - 1n);
          const r = BigInt(roundHalfUpFen(n, d));
          expect(2n * r * d - d <= 2n * n).toBe(true);
          expect(2n * n < 2n * r * d + d).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('refuses a negative numerator, a non-positive denominator and an unsafe result', () => {
    expect(() => roundHalfUpFen(-1n, 10n)).toThrow(/numerator/);
    expect(() => roundHalfUpFen(1n, 0n)).toThrow(/denominator/);
    expect(() => roundHalfUpFen(BigInt(Number.MAX_SAFE_INTEGER) + 1n, 1n)).toThrow(/safe integer/);
  });
});

describe('applyBpRounded: round(amount * bp / 10000)', () => {
  it('applies a ratio in basis points and rounds half up', () => {
    expect(applyBpRounded(9900000, 6000)).toBe(5940000); // (100,000 - 1,000) yuan x 60%
    expect(applyBpRounded(123, 8500)).toBe(105); // 104.55 -> 105
    expect(applyBpRounded(1, 5000)).toBe(1); // 0.5 -> 1
    expect(applyBpRounded(1, 4999)).toBe(0);
    expect(applyBpRounded(Number.MAX_SAFE_INTEGER, 10000)).toBe(Number.MAX_SAFE_INTEGER); // exact, no float loss
  });

  it('refuses fractional or negative amounts and ratios', () => {
    expect(() => applyBpRounded(1.5, 5000)).toThrow(/amountFen/);
    expect(() => applyBpRounded(-1, 5000)).toThrow(/amountFen/);
    expect(() => applyBpRounded(100, 50.5)).toThrow(/bp/);
  });
});

describe('assertFen', () => {
  it('accepts non-negative safe integers and names the field otherwise', () => {
    expect(() => assertFen(0, 'x')).not.toThrow();
    expect(() => assertFen(Number.MAX_SAFE_INTEGER, 'x')).not.toThrow();
    expect(() => assertFen(Number.MAX_SAFE_INTEGER + 1, 'totalCostFen')).toThrow(/totalCostFen/);
    expect(() => assertFen(Number.NaN, 'x')).toThrow();
    expect(() => assertFen(-1, 'x')).toThrow();
  });
});

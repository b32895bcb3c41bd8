// Money in the policy domain: integer fen (分; 100 fen = 1 yuan) held in safe-integer numbers;
// ratios are basis points (bp; 10000 bp = 100%). Every product with a ratio and every division is
// done exactly in bigint and rounded by ONE helper, roundHalfUpFen (POLICY.md "Units and rounding":
// round half up to the nearest fen, inputs >= 0).

export const basisPointsPerUnit = 10000n;

/** Throws unless `value` is a non-negative safe integer (an amount of fen). */
export function assertFen(value: number, name: string): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(
      `${name} must be a non-negative safe integer of fen, got ${String(value)}`,
    );
  }
}

/** Throws unless `value` is a non-negative safe integer number of basis points. */
export function assertBp(value: number, name: string): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(
      `${name} must be a non-negative integer of basis points, got ${String(value)}`,
    );
  }
}

/**
 * round(numerator / denominator), half up, exact: floor((2n + d) / 2d) for n >= 0, d > 0.
 * The result is asserted to be a safe integer of fen.
 */
export function roundHalfUpFen(numerator: bigint, denominator: bigint): number {
  const rounded = roundHalfUp(numerator, denominator);
  const fen = Number(rounded);
  if (!Number.isSafeInteger(fen))
    throw new RangeError(`rounded amount ${rounded} is not a safe integer of fen`);
  return fen;
}

/** The same rounding for sums that may pass 2^53 (fund totals): the result stays a bigint. */
export function roundHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError(`denominator must be positive, got ${denominator}`);
  if (numerator < 0n) throw new RangeError(`numerator must not be negative, got ${numerator}`);
  return (2n * numerator + denominator) / (2n * denominator);
}

/** round(amountFen * bp / 10000), exact. */
export function applyBpRounded(amountFen: number, bp: number): number {
  assertFen(amountFen, 'amountFen');
  assertBp(bp, 'bp');
  return roundHalfUpFen(BigInt(amountFen) * BigInt(bp), basisPointsPerUnit);
}

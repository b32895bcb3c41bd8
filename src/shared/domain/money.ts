// Money is integer fen (分) in safe-integer numbers; ratios are basis points (10000 bp = 100%).
// Ratio math is exact in bigint, rounded half up (POLICY.md "Units and rounding").

/** Round half up of n / d for n >= 0, d > 0: floor((2n + d) / 2d). */
export function roundHalfUpDiv(n: bigint, d: bigint): bigint {
  if (d <= 0n) throw new RangeError('divisor must be positive');
  if (n < 0n) throw new RangeError('dividend must not be negative');
  return (2n * n + d) / (2n * d);
}

export function requireFen(value: number, what = 'amount'): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${what} must be a non-negative safe integer of fen: ${value}`);
  return value;
}

/** round(fen * bp / 10000), exact. */
export function applyBp(fen: number, bp: number): number {
  requireFen(fen, 'fen');
  if (!Number.isSafeInteger(bp) || bp < 0) throw new RangeError(`basis points must be a non-negative integer: ${bp}`);
  const result = roundHalfUpDiv(BigInt(fen) * BigInt(bp), 10000n);
  if (result > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError('result exceeds the safe integer range');
  return Number(result);
}

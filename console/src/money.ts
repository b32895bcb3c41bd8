// Money arrives as integer fen (API.md). Sums can pass 2^53, so the console parses every `...Fen`
// field into a bigint from its source text and formats it with integer arithmetic: no float ever
// touches a displayed amount. Charts get Numbers (in yuan), only for drawing.

export type Fen = bigint;

/** JSON.parse that keeps `...Fen` integers exact (Chromium passes each number's source text). */
export function parseExact(text: string): unknown {
  const reviver = (key: string, value: unknown, context?: { source?: string }) => {
    if (typeof value !== 'number' || !key.endsWith('Fen')) return value;
    return context?.source && /^-?\d+$/.test(context.source)
      ? BigInt(context.source)
      : BigInt(Math.trunc(value));
  };
  return JSON.parse(text, reviver as (this: unknown, key: string, value: unknown) => unknown);
}

/** 1234567n -> "12,345.67" (yuan, two decimals, thousands grouped). */
export function formatFen(fen: Fen | number | null | undefined): string {
  if (fen === null || fen === undefined) return '—';
  const value = typeof fen === 'bigint' ? fen : BigInt(fen);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const yuan = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${yuan}.${cents}`;
}

/** For charts only. */
export function yuanNumber(fen: Fen): number {
  return Number(fen) / 100;
}

export function fen(value: unknown): Fen {
  return typeof value === 'bigint' ? value : BigInt(Number(value ?? 0));
}

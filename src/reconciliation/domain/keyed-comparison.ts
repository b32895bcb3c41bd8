// The comparison at the heart of a hospital or collector reconciliation (对账, POLICY.md
// "Reconciliation"): the file's lines and the ledger's, each keyed (invoice or receipt number).
// Matched: same key, every compared field equal; mismatched: same key, each differing field
// named; missing in the ledger: keys only in the file; missing in the file: keys only in the
// ledger. Totals (count and each amount) are compared too. Pure: no I/O, amounts in integer fen.

export interface Mismatch<F extends string> {
  readonly key: string;
  readonly field: F;
  readonly file: number | string;
  readonly ledger: number | string;
}

export interface Totals {
  readonly count: number;
  readonly [amountField: string]: number;
}

export interface KeyedComparison<F extends string> {
  readonly matched: number;
  readonly mismatched: ReadonlyArray<Mismatch<F>>;
  readonly missingInLedger: readonly string[];
  readonly missingInFile: readonly string[];
  readonly totals: { readonly file: Totals; readonly ledger: Totals; readonly agree: boolean };
  /** nothing differs: no mismatch, nothing missing on either side, equal totals */
  readonly agree: boolean;
}

export interface ComparedFields<L, F extends string> {
  readonly key: (line: L) => string;
  /** the fields compared line by line, in the order a mismatch names them */
  readonly fields: readonly F[];
  readonly value: (line: L, field: F) => number | string;
  /** the amount fields summed into the totals */
  readonly amounts: readonly F[];
}

/**
 * Compares the file with the ledger. The file must not repeat a key (the edge refuses that,
 * naming the line). Mismatches and missing-in-ledger come in file order, missing-in-file in key order.
 */
export function compareByKey<L, F extends string>(
  file: readonly L[],
  ledger: readonly L[],
  spec: ComparedFields<L, F>,
): KeyedComparison<F> {
  const ledgerByKey = new Map<string, L>();
  for (const line of ledger) ledgerByKey.set(spec.key(line), line);
  const inFile = new Set<string>();
  let matched = 0;
  const mismatched: Array<Mismatch<F>> = [];
  const missingInLedger: string[] = [];
  for (const line of file) {
    const key = spec.key(line);
    inFile.add(key);
    const recorded = ledgerByKey.get(key);
    if (recorded === undefined) {
      missingInLedger.push(key);
      continue;
    }
    let same = true;
    for (const field of spec.fields) {
      const a = spec.value(line, field);
      const b = spec.value(recorded, field);
      if (a !== b) {
        same = false;
        mismatched.push({ key, field, file: a, ledger: b });
      }
    }
    if (same) matched += 1;
  }
  const missingInFile = [...ledgerByKey.keys()].filter((k) => !inFile.has(k)).sort();
  const fileTotals = totalsOf(file, spec);
  const ledgerTotals = totalsOf(ledger, spec);
  const totalsAgree = Object.keys(fileTotals).every((k) => fileTotals[k] === ledgerTotals[k]);
  return {
    matched,
    mismatched,
    missingInLedger,
    missingInFile,
    totals: { file: fileTotals, ledger: ledgerTotals, agree: totalsAgree },
    agree:
      totalsAgree &&
      mismatched.length === 0 &&
      missingInLedger.length === 0 &&
      missingInFile.length === 0,
  };
}

/** Count and the sum of each amount, summed exactly (bigint) and refused past 2^53 - 1 fen. */
function totalsOf<L, F extends string>(lines: readonly L[], spec: ComparedFields<L, F>): Totals {
  const sums = new Map<F, bigint>(spec.amounts.map((f) => [f, 0n]));
  for (const line of lines)
    for (const field of spec.amounts)
      sums.set(field, sums.get(field)! + BigInt(spec.value(line, field)));
  const totals: Record<string, number> = { count: lines.length };
  for (const [field, sum] of sums) {
    if (sum > BigInt(Number.MAX_SAFE_INTEGER))
      throw new RangeError(`the total of ${field} passes 2^53 - 1 fen`);
    totals[field] = Number(sum);
  }
  return totals as Totals;
}

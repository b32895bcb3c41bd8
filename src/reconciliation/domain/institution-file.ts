import type { InstitutionClaimLine } from './institution-reconciliation.js';
import { readCsv, type CsvFault } from './csv-file.js';

// A hospital's reconciliation file (JSON lines already shaped by the edge, or CSV) as claim
// lines, with the rules every line keeps: an invoice number of 1 to 64 visible characters, amounts
// of integer fen from 0 to 10^13, the fund paid within the total cost, each invoice once.

/** Rows per file: a large hospital's month is tens of thousands of invoices. */
export const institutionFileLinesMax = 200_000;
const fenMax = 10_000_000_000_000;
const idLengthMax = 64;
// control characters, lone surrogates, separators, bidi overrides, BOM (as the input rules)
const forbidden = /[\p{Cc}\p{Cs}\u2028\u2029\u202A-\u202E\u2066-\u2069\uFEFF]/u;

export function invoiceNoFault(value: string): string | undefined {
  if (value.length === 0) return 'must not be empty';
  if (value.length > idLengthMax) return `must be at most ${idLengthMax} characters`;
  if (forbidden.test(value)) return 'must not contain control characters';
  return undefined;
}

export function fenTextFault(value: string): string | undefined {
  if (!/^\d{1,14}$/.test(value) || Number(value) > fenMax)
    return `must be an integer number of fen from 0 to ${fenMax}`;
  return undefined;
}

/** The CSV file as claim lines, or every fault found (at most 100), each naming line and column. */
export function readInstitutionCsv(
  text: string,
): { readonly lines: InstitutionClaimLine[] } | { readonly faults: readonly CsvFault[] } {
  const read = readCsv(
    text,
    { invoiceNo: invoiceNoFault, totalCostFen: fenTextFault, fundPaidFen: fenTextFault },
    institutionFileLinesMax,
  );
  if ('faults' in read) return read;
  const lines = read.rows.map((r) => ({
    invoiceNo: r.values.invoiceNo!,
    totalCostFen: Number(r.values.totalCostFen),
    fundPaidFen: Number(r.values.fundPaidFen),
  }));
  const faults = lineFaults(lines, (i, column) => `line ${read.rows[i]!.line}, ${column}`);
  return faults.length > 0 ? { faults } : { lines };
}

/**
 * The rules across fields and lines: fund paid within the total cost, each invoice once.
 * `name(i, column)` names a field of line i ("line 3, invoiceNo" in a CSV, "claims[1].invoiceNo" in JSON).
 */
export function lineFaults(
  lines: readonly InstitutionClaimLine[],
  name: (index: number, column: string) => string,
): CsvFault[] {
  const faults: CsvFault[] = [];
  const firstSeen = new Map<string, number>();
  lines.forEach((l, i) => {
    if (faults.length >= 100) return;
    if (l.fundPaidFen > l.totalCostFen)
      faults.push({ field: name(i, 'fundPaidFen'), message: 'must not exceed totalCostFen' });
    const earlier = firstSeen.get(l.invoiceNo);
    if (earlier !== undefined)
      faults.push({
        field: name(i, 'invoiceNo'),
        message: `repeats invoice ${l.invoiceNo} of ${name(earlier, 'invoiceNo')}`,
      });
    else firstSeen.set(l.invoiceNo, i);
  });
  return faults;
}

import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { reconcileInstitution, type InstitutionClaimLine } from './institution-reconciliation.js';

// Properties of the comparison for any file and ledger: every invoice lands in exactly one
// bucket, the totals are the exact sums, and it agrees exactly when the two are the same set.

const line = fc.record({
  invoiceNo: fc.constantFrom(...Array.from({ length: 12 }, (_, i) => `INV-${i}`)),
  totalCostFen: fc.integer({ min: 0, max: 10_000_000_000_000 }),
  fundPaidFen: fc.integer({ min: 0, max: 10_000_000_000_000 }),
});
const lines = fc
  .array(line, { maxLength: 12 })
  .map((ls) => [...new Map(ls.map((l) => [l.invoiceNo, l])).values()]);

const sum = (ls: readonly InstitutionClaimLine[], f: 'totalCostFen' | 'fundPaidFen') =>
  ls.reduce((s, l) => s + BigInt(l[f]), 0n);

describe('reconcileInstitution, for any file and ledger', () => {
  it('puts every invoice in exactly one bucket: matched, mismatched, missing on one side', () => {
    fc.assert(
      fc.property(lines, lines, (file, ledger) => {
        const r = reconcileInstitution(file, ledger);
        const mismatchedInvoices = new Set(r.mismatched.map((m) => m.invoiceNo));
        const fileKeys = new Set(file.map((l) => l.invoiceNo));
        const ledgerKeys = new Set(ledger.map((l) => l.invoiceNo));
        const both = [...fileKeys].filter((k) => ledgerKeys.has(k));
        expect(r.matched + mismatchedInvoices.size).toBe(both.length);
        expect(new Set(r.missingInLedger)).toEqual(
          new Set([...fileKeys].filter((k) => !ledgerKeys.has(k))),
        );
        expect(new Set(r.missingInFile)).toEqual(
          new Set([...ledgerKeys].filter((k) => !fileKeys.has(k))),
        );
        for (const m of r.mismatched) {
          expect(m.fileFen).not.toBe(m.ledgerFen);
          expect(file.find((l) => l.invoiceNo === m.invoiceNo)![m.field]).toBe(m.fileFen);
          expect(ledger.find((l) => l.invoiceNo === m.invoiceNo)![m.field]).toBe(m.ledgerFen);
        }
      }),
    );
  });

  it('totals are the exact sums of each side', () => {
    fc.assert(
      fc.property(lines, lines, (file, ledger) => {
        const r = reconcileInstitution(file, ledger);
        expect(r.totals.file).toEqual({
          count: file.length,
          totalCostFen: Number(sum(file, 'totalCostFen')),
          fundPaidFen: Number(sum(file, 'fundPaidFen')),
        });
        expect(r.totals.ledger.fundPaidFen).toBe(Number(sum(ledger, 'fundPaidFen')));
      }),
    );
  });

  it('agrees exactly when the file is the ledger, in any order', () => {
    fc.assert(
      fc.property(lines, lines, fc.boolean(), (file, other, same) => {
        const ledger = same ? [...file].reverse() : other;
        const equal =
          file.length === ledger.length &&
          file.every((l) =>
            ledger.some(
              (m) =>
                m.invoiceNo === l.invoiceNo &&
                m.totalCostFen === l.totalCostFen &&
                m.fundPaidFen === l.fundPaidFen,
            ),
          );
        expect(reconcileInstitution(file, ledger).agree).toBe(equal);
      }),
    );
  });
});

import { compareByKey, type KeyedComparison } from './keyed-comparison.js';

// The tax collector's file (税务征收对账) against the contributions the ledger recorded as paid
// in the pooling region and date range: per receipt, the amount and the date paid.

export interface CollectedPayment {
  readonly receiptNo: string;
  readonly amountFen: number;
  readonly paidOn: string;
}

export type CollectionField = 'amountFen' | 'paidOn';

/** An amount differs (fileFen, ledgerFen) or the date paid does (fileDate, ledgerDate). */
export type CollectionMismatch =
  | {
      readonly receiptNo: string;
      readonly field: 'amountFen';
      readonly fileFen: number;
      readonly ledgerFen: number;
    }
  | {
      readonly receiptNo: string;
      readonly field: 'paidOn';
      readonly fileDate: string;
      readonly ledgerDate: string;
    };

export interface CollectionsReconciliation {
  readonly matched: number;
  readonly mismatched: readonly CollectionMismatch[];
  readonly missingInLedger: readonly string[];
  readonly missingInFile: readonly string[];
  readonly totals: KeyedComparison<CollectionField>['totals'];
  readonly agree: boolean;
}

export function reconcileCollections(
  file: readonly CollectedPayment[],
  ledger: readonly CollectedPayment[],
): CollectionsReconciliation {
  const c = compareByKey(file, ledger, {
    key: (p) => p.receiptNo,
    fields: ['amountFen', 'paidOn'],
    value: (p, f) => p[f],
    amounts: ['amountFen'],
  });
  return {
    matched: c.matched,
    mismatched: c.mismatched.map((m): CollectionMismatch =>
      m.field === 'amountFen'
        ? {
            receiptNo: m.key,
            field: 'amountFen',
            fileFen: m.file as number,
            ledgerFen: m.ledger as number,
          }
        : {
            receiptNo: m.key,
            field: 'paidOn',
            fileDate: m.file as string,
            ledgerDate: m.ledger as string,
          },
    ),
    missingInLedger: c.missingInLedger,
    missingInFile: c.missingInFile,
    totals: c.totals,
    agree: c.agree,
  };
}

import { compareByKey, type KeyedComparison } from './keyed-comparison.js';

// A hospital's monthly file (医疗机构对账) against the ledger: per invoice, the total cost and
// the fund paid (the four fund shares together: basic, critical illness, assistance,
// re-assistance; POLICY.md "Reconciliation").

export interface InstitutionClaimLine {
  readonly invoiceNo: string;
  readonly totalCostFen: number;
  readonly fundPaidFen: number;
}

export type InstitutionField = 'totalCostFen' | 'fundPaidFen';

export interface InstitutionReconciliation {
  readonly matched: number;
  readonly mismatched: ReadonlyArray<{
    readonly invoiceNo: string;
    readonly field: InstitutionField;
    readonly fileFen: number;
    readonly ledgerFen: number;
  }>;
  readonly missingInLedger: readonly string[];
  readonly missingInFile: readonly string[];
  readonly totals: KeyedComparison<InstitutionField>['totals'];
  readonly agree: boolean;
}

const fields: readonly InstitutionField[] = ['totalCostFen', 'fundPaidFen'];

export function reconcileInstitution(
  file: readonly InstitutionClaimLine[],
  ledger: readonly InstitutionClaimLine[],
): InstitutionReconciliation {
  const c = compareByKey(file, ledger, {
    key: (l) => l.invoiceNo,
    fields,
    value: (l, f) => l[f],
    amounts: fields,
  });
  return {
    matched: c.matched,
    mismatched: c.mismatched.map((m) => ({
      invoiceNo: m.key,
      field: m.field,
      fileFen: m.file as number,
      ledgerFen: m.ledger as number,
    })),
    missingInLedger: c.missingInLedger,
    missingInFile: c.missingInFile,
    totals: c.totals,
    agree: c.agree,
  };
}

import ExcelJS from 'exceljs';
import type { FundStatements } from '../../../projections/postings/statements.query.js';

// The statements as finance staff open them: CSV (one row per fund, month and line item) and
// XLSX (one sheet per fund, one row per month, one column per category, amounts in yuan with
// two decimals computed from integer fen as text-free numbers). A spreadsheet number is a double:
// an amount past 2^53 fen is written as its exact digits in a text cell instead of a rounded number.

const header = ['account', 'month', 'item', 'category', 'amount_fen'];

export function statementsCsv(funds: readonly FundStatements[]): string {
  const rows: string[][] = [header];
  for (const f of funds) {
    for (const m of f.months) {
      rows.push([f.account, m.month, 'opening-balance', '', String(m.openingBalanceFen)]);
      for (const [category, fen] of Object.entries(m.income))
        rows.push([f.account, m.month, 'income', category, String(fen)]);
      for (const [category, fen] of Object.entries(m.expense))
        rows.push([f.account, m.month, 'expense', category, String(fen)]);
      rows.push([f.account, m.month, 'closing-balance', '', String(m.closingBalanceFen)]);
    }
  }
  return rows.map((r) => r.join(',')).join('\n') + '\n';
}

export async function statementsXlsx(
  regionCode: string,
  year: number,
  funds: readonly FundStatements[],
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'settlement ledger';
  const sheetNames = new Set<string>();
  for (const f of funds) {
    // a payable's sheet is named after its institution (sheet names: at most 31 characters, unique)
    const wanted =
      f.kind === 'institution-payable'
        ? `payable ${f.account.slice('payable:institution:'.length)}`.slice(0, 31)
        : f.kind;
    const name = sheetNames.has(wanted) ? `payable ${sheetNames.size + 1}` : wanted;
    sheetNames.add(name);
    const sheet = workbook.addWorksheet(name);
    const incomeCategories = [...new Set(f.months.flatMap((m) => Object.keys(m.income)))].sort();
    const expenseCategories = [...new Set(f.months.flatMap((m) => Object.keys(m.expense)))].sort();
    sheet.addRow([`${f.account} ${regionCode} ${year} (fen)`]);
    sheet.addRow([
      'month',
      'opening balance',
      ...incomeCategories.map((c) => `income ${c}`),
      'income total',
      ...expenseCategories.map((c) => `expense ${c}`),
      'expense total',
      'closing balance',
    ]);
    for (const m of f.months) {
      const amounts = [
        m.openingBalanceFen,
        ...incomeCategories.map((c) => m.income[c] ?? 0n),
        m.incomeFen,
        ...expenseCategories.map((c) => m.expense[c] ?? 0n),
        m.expenseFen,
        m.closingBalanceFen,
      ];
      sheet.addRow([m.month, ...amounts.map(cellOf)]);
    }
    sheet.getRow(2).font = { bold: true };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const safeMax = BigInt(Number.MAX_SAFE_INTEGER);

/** A number cell while the double holds the amount exactly, else the exact digits as text. */
function cellOf(fen: bigint): number | string {
  return fen <= safeMax && fen >= -safeMax ? Number(fen) : fen.toString();
}

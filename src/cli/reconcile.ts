import { readFileSync } from 'node:fs';
import { extname } from 'node:path';

// `ledger reconcile institution|collections|assistance-fund --file ...`: sends the file to the
// running service (POST /api/v1/reconciliations/...) and prints its report; exit 0 when everything
// agrees, 1 when anything disagrees, 2 when the service refuses the file or cannot be reached.
// Through the service, not the database: a reconciliation is a write (ReconciliationRecorded,
// with who sent it), so it takes the one write path with its API key and role check,
// idempotency and read-your-writes; the CLI holds no second way to append to the log.

export type ReconciliationKind = 'institution' | 'collections' | 'assistance-fund';

export interface ReconcileOptions {
  readonly file: string;
  readonly url: string;
  readonly apiKey: string;
  readonly institutionId?: string;
  readonly month?: string;
  readonly idempotencyKey?: string;
}

export interface ReconcileOutcome {
  readonly code: 0 | 1 | 2;
  readonly report: string;
}

export async function reconcile(
  kind: ReconciliationKind,
  options: ReconcileOptions,
): Promise<ReconcileOutcome> {
  const bytes = readFileSync(options.file);
  const csv = kind === 'institution' && extname(options.file).toLowerCase() === '.csv';
  const query = csv
    ? `?${new URLSearchParams({ institutionId: options.institutionId ?? '', month: options.month ?? '' })}`
    : '';
  const response = await fetch(
    `${options.url.replace(/\/+$/, '')}/api/v1/reconciliations/${kind}${query}`,
    {
      method: 'POST',
      headers: {
        authorization: `Bearer ${options.apiKey}`,
        'content-type': csv ? 'text/csv; charset=utf-8' : 'application/json',
        ...(options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {}),
      },
      body: bytes,
    },
  );
  const text = await response.text();
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { code: 2, report: `the service answered ${response.status}: ${text.slice(0, 500)}\n` };
  }
  if (response.status !== 200 && response.status !== 201)
    return { code: 2, report: refusalReport(response.status, body) };
  return { code: body.agree === true ? 0 : 1, report: reconciliationReport(kind, body) };
}

function refusalReport(status: number, problem: Record<string, unknown>): string {
  const errors = Array.isArray(problem.errors)
    ? (problem.errors as Array<{ field: string; message: string }>).map(
        (e) => `  ${e.field}: ${e.message}\n`,
      )
    : [];
  return `refused (${status} ${String(problem.code)}): ${String(problem.detail)}\n${errors.join('')}`;
}

const pad = (value: unknown, width: number) => String(value).padEnd(width);

/** The answer as a finance officer reads it: the verdict, then each difference, then the totals. */
export function reconciliationReport(kind: ReconciliationKind, r: Record<string, unknown>): string {
  const out: string[] = [
    `${kind} reconciliation ${String(r.reconciliationId)}: ${r.agree === true ? 'AGREES' : 'DISAGREES'}`,
    `file SHA-256 ${String(r.fileHash)}; ledger as of position ${String(r.ledgerPosition)}; recorded at position ${String(r.position)}`,
  ];
  if (kind === 'assistance-fund') {
    out.push(`${pad('', 10)}${pad('ledger', 18)}${pad('treasury', 18)}difference`);
    const ledger = r.ledger as Record<string, number>;
    const treasury = r.treasury as Record<string, number>;
    const difference = r.differenceFen as Record<string, number>;
    for (const [field, label] of [
      ['incomeFen', 'income'],
      ['expenseFen', 'expense'],
      ['closingBalanceFen', 'closing'],
    ] as const)
      out.push(
        `${pad(label, 10)}${pad(ledger[field], 18)}${pad(treasury[field], 18)}${difference[field]}`,
      );
    return `${out.join('\n')}\n`;
  }
  const key = kind === 'institution' ? 'invoiceNo' : 'receiptNo';
  const mismatched = r.mismatched as Array<Record<string, unknown>>;
  const missingInLedger = r.missingInLedger as string[];
  const missingInFile = r.missingInFile as string[];
  out.push(`matched: ${String(r.matched)}`);
  out.push(`mismatched: ${mismatched.length}`);
  for (const m of mismatched)
    out.push(
      `  ${String(m[key])}  ${String(m.field)}  file ${String(m.fileFen ?? m.fileDate)}  ledger ${String(m.ledgerFen ?? m.ledgerDate)}`,
    );
  out.push(`missing in the ledger: ${missingInLedger.length}`);
  for (const k of missingInLedger) out.push(`  ${k}`);
  out.push(`missing in the file: ${missingInFile.length}`);
  for (const k of missingInFile) out.push(`  ${k}`);
  const totals = r.totals as {
    file: Record<string, number>;
    ledger: Record<string, number>;
    agree: boolean;
  };
  const columns = Object.keys(totals.file);
  out.push(`totals ${totals.agree ? 'agree' : 'disagree'}:`);
  out.push(`  ${pad('', 8)}${columns.map((c) => pad(c, 16)).join('')}`);
  for (const side of ['file', 'ledger'] as const)
    out.push(`  ${pad(side, 8)}${columns.map((c) => pad(totals[side][c], 16)).join('')}`);
  return `${out.join('\n')}\n`;
}

import type pg from 'pg';

export const exportBatchRows = 10000;

const header =
  'position,line,event_id,event_type,account,debit_fen,credit_fen,business_date,recorded_at,subject_id\n';

function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Writes postings as CSV in log order, in bounded batches; returns the number of rows. */
export async function exportPostingsCsv(
  pool: pg.Pool,
  filter: { account?: string; from?: string; to?: string },
  write: (chunk: string) => void,
): Promise<number> {
  write(header);
  let after = { position: 0, line: -1 };
  let count = 0;
  for (;;) {
    const params: unknown[] = [after.position, after.line];
    const where = ['(position, line) > ($1, $2)'];
    if (filter.account) where.push(`account = $${params.push(filter.account)}`);
    if (filter.from) where.push(`business_date >= $${params.push(filter.from)}`);
    if (filter.to) where.push(`business_date <= $${params.push(filter.to)}`);
    params.push(exportBatchRows);
    // ORDER BY names the table: bare `position` would sort the text cast of the select list (10 before 9)
    const { rows } = await pool.query(
      `SELECT position::text, line, event_id::text, event_type, account, debit_fen::text, credit_fen::text,
              to_char(business_date, 'YYYY-MM-DD') AS business_date, recorded_at, subject_id
       FROM ledger_postings WHERE ${where.join(' AND ')} ORDER BY ledger_postings.position, ledger_postings.line LIMIT $${params.length}`,
      params,
    );
    if (rows.length === 0) return count;
    for (const r of rows) {
      write(
        [
          r.position,
          String(r.line),
          r.event_id,
          r.event_type,
          r.account,
          r.debit_fen,
          r.credit_fen,
          r.business_date,
          (r.recorded_at as Date).toISOString(),
          r.subject_id,
        ]
          .map(csvField)
          .join(',') + '\n',
      );
    }
    count += rows.length;
    const last = rows[rows.length - 1];
    after = { position: Number(last.position), line: last.line };
  }
}

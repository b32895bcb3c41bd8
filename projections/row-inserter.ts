import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import copyStreams from 'pg-copy-streams';

// How a fold writes the rows it only ever inserts (a posting line, a settled claim's row): the
// fold says which columns, of which PostgreSQL type, with which values (one array per column);
// the inserter sends them. Live folds append to tables others read and write: one
// `INSERT ... SELECT FROM unnest(...)`. A rebuild fills tables it has just emptied in its own
// transaction: `COPY ... FROM STDIN`, which PostgreSQL loads about twice as fast as the unnest of
// parameter arrays and which spares node-postgres' escaping of every array element (measured in
// docs/scaling.md, "rebuild-fast"). Both give the same rows: each value goes through the column
// type's input function, from the same text.

export type ColumnType = 'text' | 'uuid' | 'int' | 'bigint' | 'date' | 'timestamptz';

/** A column's name, type and values, one value per row: numbers, strings, null (SQL NULL); a Date only for timestamptz. */
export type InsertColumn = readonly [name: string, type: ColumnType, values: readonly unknown[]];

export interface RowInserter {
  /** Inserts the rows into `table` (schema-qualified and quoted by the caller), in the caller's transaction. */
  insert(client: pg.PoolClient, table: string, columns: readonly InsertColumn[]): Promise<void>;
}

function checkedColumns(columns: readonly InsertColumn[]): { names: string; rows: number } {
  const rows = columns[0]?.[2].length ?? 0;
  for (const [name, type, values] of columns) {
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain column name: ${name}`);
    if (values.length !== rows)
      throw new Error(`column ${name}: ${values.length} values, not ${rows}`);
    if (type === 'int' || type === 'bigint')
      for (const v of values)
        if (
          v !== null &&
          v !== undefined &&
          !Number.isSafeInteger(v) &&
          !(typeof v === 'string' && /^-?\d+$/.test(v))
        )
          throw new Error(`column ${name}: not an integer: ${String(v)}`);
  }
  return { names: columns.map(([name]) => name).join(', '), rows };
}

/** One INSERT of parameter arrays expanded by unnest: for tables others use meanwhile. */
export const insertByUnnest: RowInserter = {
  async insert(client, table, columns) {
    const { names, rows } = checkedColumns(columns);
    if (rows === 0) return;
    const arrays = columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ');
    await client.query(
      `INSERT INTO ${table} (${names}) SELECT * FROM unnest(${arrays})`,
      columns.map(([, , values]) => values),
    );
  },
};

/** COPY's text format: tab between fields, \N for NULL, backslash escapes (PostgreSQL manual, COPY "Text Format"). */
function copyText(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'number') return String(value);
  const text = value instanceof Date ? value.toISOString() : String(value);
  return /[\\\t\n\r]/.test(text)
    ? text.replace(/[\\\t\n\r]/g, (c) =>
        c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
      )
    : text;
}

const rowsPerChunk = 2000;

/** The rows as COPY text, in chunks, built as the stream takes them (PostgreSQL parses one while the next is built). */
function* copyChunks(columns: readonly InsertColumn[], rows: number): Generator<string> {
  const values = columns.map(([, , v]) => v);
  for (let from = 0; from < rows; from += rowsPerChunk) {
    let chunk = '';
    for (let r = from; r < Math.min(rows, from + rowsPerChunk); r += 1) {
      for (let c = 0; c < values.length; c += 1)
        chunk += (c === 0 ? '' : '\t') + copyText(values[c]![r]);
      chunk += '\n';
    }
    yield chunk;
  }
}

/** COPY FROM STDIN: for tables emptied in the caller's transaction (a rebuild), nobody else writing them. */
export const insertByCopy: RowInserter = {
  async insert(client, table, columns) {
    const { names, rows } = checkedColumns(columns);
    if (rows === 0) return;
    await pipeline(
      Readable.from(copyChunks(columns, rows)),
      client.query(copyStreams.from(`COPY ${table} (${names}) FROM STDIN`)),
    );
  },
};

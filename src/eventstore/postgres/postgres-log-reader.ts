import type pg from 'pg';
import type { RecordedEvent } from '../event-store.port.js';
import type {
  AboutFilter,
  EventRef,
  FieldPaths,
  FoldBatchOptions,
  LogReader,
  PickedFields,
  SettledFilter,
} from '../log-reader.port.js';
import { eventSubjectSql } from '../event-subject.js';
import { eventColumns } from './event-log.sql.js';
import { rowToEvent, type EventRow } from './event-row.js';

// The log reader over the PostgreSQL `events` table: the only SQL on that table outside the
// adapter's appends and stream reads (test/architecture-log.spec.ts keeps it so). Made over a
// pool, or over a transaction's client so its reads share that transaction's snapshot (a drift
// check, a fold's evidence look-ups).

/** Events per fold batch: fewer, larger batches mean fewer statements and fewer row versions of
 *  upserted rows piling up inside a rebuild's one transaction (measured on 1M events: 26k events/s
 *  at 5,000, 29k at 20,000). Two batches are in memory at once (prefetch): about 120 MB. */
export const foldBatchEvents = 20_000;

type Queryable = Pick<pg.Pool, 'query'>;
type Upcast = (event: RecordedEvent) => RecordedEvent;
type RefRow = { event_id: string; position: string; type: string; subject: string | null };

const plainName = /^[A-Za-z]+$/;

/** An AboutFilter's bounds, as parameters $2 (types), $3 (before) and $4 (to). */
const boundsSql = `($2::text[] IS NULL OR type = ANY($2::text[]))
  AND ($3::bigint IS NULL OR events.position < $3::bigint)
  AND ($4::bigint IS NULL OR events.position <= $4::bigint)`;

function boundsOf(filter: AboutFilter): unknown[] {
  return [filter.types ?? null, filter.beforePosition ?? null, filter.toPosition ?? null];
}

export class PostgresLogReader implements LogReader {
  constructor(
    private readonly db: Queryable,
    private readonly upcast: Upcast = (e) => e,
  ) {}

  async head(): Promise<number> {
    const { rows } = await this.db.query<{ head: string | null }>(
      'SELECT max(position)::text AS head FROM events',
    );
    return Number(rows[0]?.head ?? 0);
  }

  async positionAsOf(instant: string): Promise<number> {
    const { rows } = await this.db.query<{ p: string | null }>(
      'SELECT max(position)::text AS p FROM events WHERE recorded_at <= $1',
      [instant],
    );
    return Number(rows[0]?.p ?? 0);
  }

  async about(subjects: readonly string[], filter: AboutFilter): Promise<RecordedEvent[]> {
    if (subjects.length === 0) return [];
    const { rows } = await this.db.query<EventRow>(
      `SELECT ${eventColumns} FROM events
       WHERE ${eventSubjectSql} = ANY($1::text[]) AND ${boundsSql}
       ORDER BY events.position LIMIT $5`,
      [subjects, ...boundsOf(filter), filter.max],
    );
    return rows.map((r) => this.upcast(rowToEvent(r)));
  }

  async refsAbout(subjects: readonly string[], filter: AboutFilter): Promise<EventRef[]> {
    if (subjects.length === 0) return [];
    return this.refs(`${eventSubjectSql} = ANY($1::text[])`, subjects, filter);
  }

  async refsInStream(streamId: string, filter: AboutFilter): Promise<EventRef[]> {
    return this.refs('stream_id = $1', streamId, filter);
  }

  async settledAt(institutionId: string, filter: SettledFilter): Promise<RecordedEvent[]> {
    // the predicate of the partial index events_institution (migration 1763800000005)
    const { rows } = await this.db.query<EventRow>(
      `SELECT ${eventColumns} FROM events
       WHERE type = 'ClaimSettled' AND data->>'institutionId' = $1 AND events.position <= $2
         AND events.position > $5
         AND ($3::int IS NULL OR (data->>'coverageYear')::int = $3::int)
       ORDER BY events.position LIMIT $4`,
      [
        institutionId,
        filter.toPosition,
        filter.coverageYear ?? null,
        filter.max,
        filter.afterPosition ?? 0,
      ],
    );
    return rows.map((r) => this.upcast(rowToEvent(r)));
  }

  async fieldsOf(
    eventIds: readonly string[],
    paths: FieldPaths,
  ): Promise<Map<string, PickedFields>> {
    const names = Object.keys(paths);
    if (eventIds.length === 0 || names.length === 0) return new Map();
    const plain = (path: readonly string[]) =>
      path.length > 0 && path.every((p) => plainName.test(p));
    if (!Object.values(paths).every(plain)) throw new Error('fieldsOf: paths of plain names only');
    const picks = names.map((n) => `data #>> '{${paths[n]!.join(',')}}'`).join(', ');
    const { rows } = await this.db.query<{ event_id: string; fields: Array<string | null> }>(
      `SELECT event_id::text AS event_id, ARRAY[${picks}] AS fields
       FROM events WHERE event_id = ANY($1::uuid[])`,
      [eventIds],
    );
    const picked = (fields: Array<string | null>) =>
      Object.fromEntries(names.map((n, i) => [n, fields[i] ?? null]));
    return new Map(rows.map((r) => [r.event_id, picked(r.fields)]));
  }

  /**
   * With `prefetch`, the next batch is read while the caller folds the current one, so reading and
   * folding overlap. Safe: every position up to toPosition is committed and immutable, whichever
   * snapshot reads it.
   */
  async *foldBatches(
    toPosition: number,
    options: FoldBatchOptions,
  ): AsyncGenerator<RecordedEvent[]> {
    const columns = foldColumns(options.omit ?? {});
    let after = 0;
    let ahead: Promise<RecordedEvent[]> | undefined;
    while (after < toPosition) {
      const events = await (ahead ?? this.foldBatch(columns, after, toPosition, options.types));
      ahead = undefined;
      if (events.length === 0) return;
      after = events[events.length - 1]!.position;
      if (options.prefetch && after < toPosition) {
        ahead = this.foldBatch(columns, after, toPosition, options.types);
        ahead.catch(() => undefined); // awaited on the next turn; never an unhandled rejection
      }
      yield events;
    }
  }

  async storedFrom(fromPosition: number, max: number): Promise<RecordedEvent[]> {
    const { rows } = await this.db.query<EventRow>(
      `SELECT ${eventColumns} FROM events
       WHERE events.position >= $1 ORDER BY events.position LIMIT $2`,
      [fromPosition, max],
    );
    return rows.map(rowToEvent);
  }

  async hashesFrom(
    fromPosition: number,
    max: number,
  ): Promise<{ position: number; hash: string }[]> {
    const { rows } = await this.db.query<{ position: string; hash: string }>(
      `SELECT events.position::text AS position, encode(hash, 'hex') AS hash FROM events
       WHERE events.position >= $1 ORDER BY events.position LIMIT $2`,
      [fromPosition, max],
    );
    return rows.map((r) => ({ position: Number(r.position), hash: r.hash }));
  }

  async storedEvent(eventId: string): Promise<RecordedEvent | undefined> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(eventId))
      return undefined;
    const { rows } = await this.db.query<EventRow>(
      `SELECT ${eventColumns} FROM events WHERE event_id = $1::uuid`,
      [eventId],
    );
    return rows[0] ? rowToEvent(rows[0]) : undefined;
  }

  private async refs(where: string, key: unknown, filter: AboutFilter): Promise<EventRef[]> {
    const { rows } = await this.db.query<RefRow>(
      `SELECT event_id::text AS event_id, position::text AS position, type, ${eventSubjectSql} AS subject
       FROM events WHERE ${where} AND ${boundsSql} ORDER BY events.position LIMIT $5`,
      [key, ...boundsOf(filter), filter.max],
    );
    return rows.map((r) => ({
      eventId: r.event_id,
      position: Number(r.position),
      type: r.type,
      subject: r.subject ?? '',
    }));
  }

  private async foldBatch(
    columns: string,
    after: number,
    to: number,
    types: readonly string[],
  ): Promise<RecordedEvent[]> {
    const { rows } = await this.db.query<EventRow>(
      `SELECT ${columns} FROM events
        WHERE events.position > $1 AND events.position <= $2 AND events.type = ANY($4::text[])
        ORDER BY events.position LIMIT $3`,
      [after, to, foldBatchEvents, types],
    );
    return rows.map((r) => this.upcast(rowToEvent(r)));
  }
}

/**
 * The event columns with the omitted data fields left in the database: `data - '{a,b}'::text[]`,
 * one jsonb rebuilt per event (a chain `data - 'a' - 'b'` rebuilds it once per field: measured
 * on the bench's settled claims, four fields, 520 ms against 300 ms).
 */
function foldColumns(omit: Readonly<Record<string, readonly string[]>>): string {
  const cases = Object.entries(omit).map(([type, fields]) => {
    if (![type, ...fields].every((name) => plainName.test(name)))
      throw new Error('foldBatches omit: plain names only');
    return `WHEN events.type = '${type}' THEN events.data - '{${fields.join(',')}}'::text[]`;
  });
  if (cases.length === 0) return eventColumns;
  const columns = eventColumns.replace(
    /\bdata,/,
    `CASE ${cases.join(' ')} ELSE events.data END AS data,`,
  );
  if (columns === eventColumns) throw new Error('eventColumns has no data column to narrow');
  return columns;
}

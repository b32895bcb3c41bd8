import type pg from 'pg';
import type { RecordedEvent } from '../../src/eventstore/event-store.port.js';
import { postingEventTypes, postingLines } from './posting-lines.js';
import { quoteIdent, type Projection } from '../projection.js';

/** The postings ledger: every line of double entry, in log order, with its business date. */
export const postingsProjection: Projection = {
  name: 'postings',
  canHandle: postingEventTypes,
  tables: ['ledger_postings'],
  partitionable: true,
  schemaSql: (schema) => `
    CREATE TABLE ${quoteIdent(schema)}.ledger_postings (
      position      bigint      NOT NULL,
      line          integer     NOT NULL,
      event_id      uuid        NOT NULL,
      event_type    text        NOT NULL,
      account       text        NOT NULL,
      debit_fen     bigint      NOT NULL CHECK (debit_fen >= 0),
      credit_fen    bigint      NOT NULL CHECK (credit_fen >= 0),
      business_date date        NOT NULL,
      recorded_at   timestamptz NOT NULL,
      subject_id    text        NOT NULL,
      PRIMARY KEY (position, line)
    );
    CREATE INDEX ledger_postings_account ON ${quoteIdent(schema)}.ledger_postings (account, position);
    CREATE INDEX ledger_postings_subject ON ${quoteIdent(schema)}.ledger_postings (subject_id);`,
  async apply(
    client: pg.PoolClient,
    schema: string,
    events: readonly RecordedEvent[],
  ): Promise<void> {
    const lines = events.flatMap(postingLines);
    if (lines.length === 0) return;
    await client.query(
      `INSERT INTO ${quoteIdent(schema)}.ledger_postings (position, line, event_id, event_type, account, debit_fen, credit_fen, business_date, recorded_at, subject_id)
       SELECT * FROM unnest($1::bigint[], $2::int[], $3::uuid[], $4::text[], $5::text[], $6::bigint[], $7::bigint[], $8::date[], $9::timestamptz[], $10::text[])`,
      [
        lines.map((l) => l.position),
        lines.map((l) => l.line),
        lines.map((l) => l.eventId),
        lines.map((l) => l.eventType),
        lines.map((l) => l.account),
        lines.map((l) => l.debitFen),
        lines.map((l) => l.creditFen),
        lines.map((l) => l.businessDate),
        lines.map((l) => l.recordedAt),
        lines.map((l) => l.subjectId),
      ],
    );
  },
};

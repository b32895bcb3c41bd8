import { postingEventTypes, postingLines } from './posting-lines.js';
import { quoteIdent, type Projection } from '../projection.js';
import { insertByUnnest } from '../row-inserter.js';

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
  async apply(client, schema, events, _log, rows = insertByUnnest): Promise<void> {
    const lines = events.flatMap(postingLines);
    await rows.insert(client, `${quoteIdent(schema)}.ledger_postings`, [
      ['position', 'bigint', lines.map((l) => l.position)],
      ['line', 'int', lines.map((l) => l.line)],
      ['event_id', 'uuid', lines.map((l) => l.eventId)],
      ['event_type', 'text', lines.map((l) => l.eventType)],
      ['account', 'text', lines.map((l) => l.account)],
      ['debit_fen', 'bigint', lines.map((l) => l.debitFen)],
      ['credit_fen', 'bigint', lines.map((l) => l.creditFen)],
      ['business_date', 'date', lines.map((l) => l.businessDate)],
      ['recorded_at', 'timestamptz', lines.map((l) => l.recordedAt)],
      ['subject_id', 'text', lines.map((l) => l.subjectId)],
    ]);
  },
};

import { Inject, Injectable } from '@nestjs/common';
import type pg from 'pg';
import { pgPoolToken } from '../../eventstore/event-store.module.js';
import {
  accessEntryHash,
  accessLogGenesis,
  checkAccessRows,
  type AccessEntry,
  type AccessLogVerification,
} from '../domain/access-log-chain.js';

// The access log: every read of a resident ID in clear, one chained row each, in its own table
// (not the event log; ledger_service may only INSERT and SELECT there). A row is written before
// the read answers: when it cannot be written the read fails (503 from the database error), so
// no resident ID leaves unrecorded. Appends are serialised by a transaction-scoped advisory lock
// (no table lock: that would need UPDATE or DELETE rights the role does not have).

/** The row of a clear read could not be written: the read must not answer (503 access-log-unavailable). */
export class AccessLogUnavailableError extends Error {
  constructor(cause: unknown) {
    super('the access log could not record the read; nothing was answered', { cause });
    this.name = 'AccessLogUnavailableError';
  }
}

/** pg_advisory_xact_lock key of the access log's appends ('ACCESSLG' as a 64-bit number). */
const appendLockKey = '4702958948466429767';
export const accessLogPageMax = 1000;
const verifyBatchRows = 5000;

export interface AccessLogEntryView {
  readonly at: string;
  readonly actor: string;
  readonly role: string;
  readonly personId: string;
  readonly endpoint: string;
}

interface Row {
  seq: string;
  at: Date;
  actor: string;
  role: string;
  person_id: string;
  endpoint: string;
  hash: Buffer;
}

const entryOf = (r: Row): AccessEntry & { hash: string } => ({
  seq: Number(r.seq),
  at: r.at.toISOString(),
  actor: r.actor,
  role: r.role,
  personId: r.person_id,
  endpoint: r.endpoint,
  hash: r.hash.toString('hex'),
});

@Injectable()
export class AccessLog {
  constructor(@Inject(pgPoolToken) private readonly pool: pg.Pool) {}

  async append(entry: Omit<AccessEntry, 'seq' | 'at'>): Promise<void> {
    try {
      await this.insert(entry);
    } catch (error) {
      throw new AccessLogUnavailableError(error);
    }
  }

  private async insert(entry: Omit<AccessEntry, 'seq' | 'at'>): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [appendLockKey]);
      const { rows } = await client.query<{ seq: string; hash: Buffer }>(
        'SELECT a.seq::text AS seq, a.hash FROM access_log a ORDER BY a.seq DESC LIMIT 1',
      );
      const seq = rows.length === 0 ? 1 : Number(rows[0]!.seq) + 1;
      const previous = rows.length === 0 ? accessLogGenesis : rows[0]!.hash.toString('hex');
      // timed under the lock: the rows' times run in the chain's order
      const full: AccessEntry = { ...entry, seq, at: new Date().toISOString() };
      await client.query(
        'INSERT INTO access_log (seq, at, actor, role, person_id, endpoint, hash) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [
          seq,
          full.at,
          full.actor,
          full.role,
          full.personId,
          full.endpoint,
          Buffer.from(accessEntryHash(previous, full), 'hex'),
        ],
      );
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** The entries of one person (or of everyone), oldest first: the last accessLogPageMax. */
  async entries(personId?: string): Promise<AccessLogEntryView[]> {
    const { rows } = await this.pool.query<Row>(
      `SELECT * FROM (
         SELECT a.seq::text AS seq, a.at, a.actor, a.role, a.person_id, a.endpoint, a.hash
         FROM access_log a WHERE $1::text IS NULL OR a.person_id = $1
         ORDER BY a.seq DESC LIMIT ${accessLogPageMax}
       ) newest ORDER BY newest.seq::bigint`,
      [personId ?? null],
    );
    return rows.map(entryOf).map(({ at, actor, role, personId: p, endpoint }) => ({
      at,
      actor,
      role,
      personId: p,
      endpoint,
    }));
  }
}

/** Recomputes the access log's chain from row 1; names the first row that breaks it. */
export async function verifyAccessLog(db: Pick<pg.Pool, 'query'>): Promise<AccessLogVerification> {
  const state = { previousHash: accessLogGenesis, expectedSeq: 1 };
  for (;;) {
    const { rows } = await db.query<Row>(
      'SELECT a.seq::text AS seq, a.at, a.actor, a.role, a.person_id, a.endpoint, a.hash FROM access_log a WHERE a.seq >= $1 ORDER BY a.seq LIMIT $2',
      [state.expectedSeq, verifyBatchRows],
    );
    if (rows.length === 0)
      return { ok: true, rowsChecked: state.expectedSeq - 1, firstBadSeq: null, problem: null };
    const bad = checkAccessRows(state, rows.map(entryOf));
    if (bad) return bad;
  }
}

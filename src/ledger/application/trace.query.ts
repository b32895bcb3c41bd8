import { Inject, Injectable } from '@nestjs/common';
import type pg from 'pg';
import { pgPoolToken } from '../../eventstore/event-store.module.js';
import { eventColumns } from '../../eventstore/postgres/event-log.sql.js';
import { rowToEvent } from '../../eventstore/postgres/postgres-event-store.js';
import { ledgerEventCatalogue } from '../../../events/index.js';
import { postingLines } from '../../../projections/posting-lines.js';
import { notFound } from '../../http/problem-error.js';
import { eventSubjectSql } from '../../eventstore/postgres/event-log.sql.js';
import { ReadModels } from '../../read-models/read-models.module.js';

export const traceEventsMax = 1000;

/** Every event about a claim, enrollment, appropriation or grant, in log order, each with its postings. Read from the log itself. */
@Injectable()
export class TraceQuery {
  constructor(
    @Inject(pgPoolToken) private readonly pool: pg.Pool,
    private readonly readModels: ReadModels,
  ) {}

  /** `asOfPosition`: only the events at or below it; an id not yet known then is 404. */
  async trace(id: string, asOfPosition?: number): Promise<Record<string, unknown>> {
    await this.readModels.logCaughtUp();
    const { rows } = await this.pool.query(
      `SELECT ${eventColumns} FROM events
       WHERE ${eventSubjectSql} = $1 AND ($2::bigint IS NULL OR events.position <= $2::bigint)
       ORDER BY events.position LIMIT ${traceEventsMax}`,
      [id, asOfPosition ?? null],
    );
    if (rows.length === 0) throw notFound('claim, enrollment, appropriation or grant', id);
    return {
      id,
      events: rows.map((row) => {
        const event = ledgerEventCatalogue.upcast(rowToEvent(row));
        const lines = postingLines(event);
        return {
          position: event.position,
          eventId: event.eventId,
          type: event.type,
          streamId: event.streamId,
          recordedAt: event.recordedAt,
          businessDate: lines[0]?.businessDate ?? null,
          actor: event.metadata.actor ?? null,
          data: event.data,
          postings: lines.map(({ account, debitFen, creditFen }) => ({ account, debitFen, creditFen })),
        };
      }),
    };
  }
}

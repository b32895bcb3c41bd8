import { Inject, Injectable } from '@nestjs/common';
import { logReaderToken, type LogReader } from '../../eventstore/log-reader.port.js';
import { postingLines } from '../../../projections/postings/posting-lines.js';
import { missing } from '../../shared/domain/refusal.js';
import { ReadModels } from '../../read-models/read-models.module.js';
import type { QueryReads } from '../../../projections/query-reads.js';

export const traceEventsMax = 1000;

/** Every event about a claim, enrollment, appropriation or grant, in log order, each with its postings. Read from the log itself. */
@Injectable()
export class TraceQuery {
  /** the log itself (its copy, with KurrentDB) */
  static readonly reads: QueryReads = { now: ['log'] };

  constructor(
    @Inject(logReaderToken) private readonly log: LogReader,
    private readonly readModels: ReadModels,
  ) {}

  /** `asOfPosition`: only the events at or below it; an id not yet known then is 404. */
  async trace(id: string, asOfPosition?: number): Promise<Record<string, unknown>> {
    await this.readModels.ready(TraceQuery.reads);
    const events = await this.log.about([id], { toPosition: asOfPosition, max: traceEventsMax });
    if (events.length === 0)
      throw missing('not-found', `no claim, enrollment, appropriation or grant ${id}`);
    return {
      id,
      events: events.map((event) => {
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
          postings: lines.map(({ account, debitFen, creditFen }) => ({
            account,
            debitFen,
            creditFen,
          })),
        };
      }),
    };
  }
}

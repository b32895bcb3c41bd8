import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Principal } from '../../auth/principal.js';
import { missing } from '../../shared/domain/refusal.js';
import { isPersonId } from '../domain/person-id.js';
import { personEventOf, personStreamId } from '../../person-stream/domain/person-events.js';
import { ClearReadLog, personalFieldsFor } from './personal-data.js';
import { ledgerEventCatalogue } from '../../../events/index.js';
import { StreamCache } from '../../eventstore/stream-cache.js';
import { foldPerson, initialPersonState } from '../../person-stream/domain/person-state.js';

export class PersonHistoryQuery {
  constructor(
    readonly personId: string,
    readonly principal: Principal,
    readonly asOfPosition?: number,
  ) {}
}

/**
 * A person's history as it stood at a moment: their stream's events up to the position (asOf is resolved
 * to one by AsOfInterceptor), and the annual sums folded from those same
 * events. Read through the stream cache: an investigator replays the same person at many moments.
 */
@QueryHandler(PersonHistoryQuery)
export class PersonHistoryHandler implements IQueryHandler<PersonHistoryQuery> {
  constructor(
    private readonly streams: StreamCache,
    private readonly clearReads: ClearReadLog,
  ) {}

  async execute({
    personId,
    principal,
    asOfPosition: position,
  }: PersonHistoryQuery): Promise<Record<string, unknown>> {
    if (!isPersonId(personId)) throw missing('not-found', `no person ${personId}`);
    const events = await this.streams.read(personStreamId(personId), { toPosition: position });
    if (events.length === 0) throw missing('not-found', `no person ${personId}`);
    const state = foldPerson(
      initialPersonState(),
      events.map((e) => ({
        event: personEventOf(ledgerEventCatalogue.upcast(e)),
        position: e.position,
      })),
    );
    const usage =
      state.status === 'registered'
        ? Object.fromEntries([...state.annualSums].map(([year, sums]) => [String(year), sums]))
        : {};
    if (events.some((e) => typeof e.data.nationalId === 'string'))
      this.clearReads.record(principal, personId, 'GET /persons/{personId}/history');
    return {
      personId,
      asOfPosition: position ?? null,
      events: events.map((e) => ({
        position: e.position,
        eventId: e.eventId,
        type: e.type,
        recordedAt: e.recordedAt,
        data: personalFieldsFor(e.data, principal),
      })),
      usage,
    };
  }
}

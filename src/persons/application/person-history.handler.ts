import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Principal } from '../../auth/principal.js';
import { missing } from '../../shared/domain/refusal.js';
import { isPersonId } from '../domain/person-id.js';
import { personEventOf, personStreamId } from '../../person-stream/domain/person-events.js';
import { ClearReadLog, personalFieldsFor } from './personal-data.js';
import { ledgerEventCatalogue } from '../../../events/index.js';
import { StreamCache } from '../../eventstore/stream-cache.js';
import { FoldedPersonStates } from '../../person-stream/application/folded-person-states.js';
import { PersonalDataCodec } from '../../privacy/application/personal-data-codec.js';

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
 * events. Read through the stream cache and folded from the folded states kept (FoldedPersonStates):
 * an investigator replays the same person at many moments.
 * A sealed registration shows the personal data it seals (opened with the person's key), or, once
 * the person was erased, `nationalId`, `name` and `birthDate` null and `erased: true`.
 */
@QueryHandler(PersonHistoryQuery)
export class PersonHistoryHandler implements IQueryHandler<PersonHistoryQuery> {
  constructor(
    private readonly streams: StreamCache,
    private readonly states: FoldedPersonStates,
    private readonly clearReads: ClearReadLog,
    private readonly personalData: PersonalDataCodec,
  ) {}

  async execute({
    personId,
    principal,
    asOfPosition: position,
  }: PersonHistoryQuery): Promise<Record<string, unknown>> {
    if (!isPersonId(personId)) throw missing('not-found', `no person ${personId}`);
    const streamId = personStreamId(personId);
    const stream = await this.streams.read(streamId);
    let version = stream.length;
    if (position !== undefined)
      while (version > 0 && stream[version - 1]!.position > position) version -= 1;
    if (version === 0) throw missing('not-found', `no person ${personId}`);
    const events = version === stream.length ? stream : stream.slice(0, version);
    const state = await this.states.replay(streamId, stream, version, async (e) => ({
      event: personEventOf(await this.personalData.openForDomain(ledgerEventCatalogue.upcast(e))),
      position: e.position,
    }));
    const usage =
      state.status === 'registered'
        ? Object.fromEntries([...state.annualSums].map(([year, sums]) => [String(year), sums]))
        : {};
    const views: Record<string, unknown>[] = [];
    for (const e of events) views.push(await this.dataOf(e));
    if (views.some((data) => typeof data.nationalId === 'string'))
      await this.clearReads.record(principal, personId, 'GET /persons/{personId}/history');
    return {
      personId,
      asOfPosition: position ?? null,
      events: events.map((e, i) => ({
        position: e.position,
        eventId: e.eventId,
        type: e.type,
        recordedAt: e.recordedAt,
        data: personalFieldsFor(views[i]!, principal),
      })),
      usage,
    };
  }

  private async dataOf(e: {
    type: string;
    data: Readonly<Record<string, unknown>>;
  }): Promise<Record<string, unknown>> {
    const personal = await this.personalData.personalData(e);
    if (personal === undefined) return { ...e.data };
    const { personId, regionCode } = e.data;
    return personal === null
      ? { personId, regionCode, nationalId: null, name: null, birthDate: null, erased: true }
      : { personId, regionCode, ...personal };
  }
}

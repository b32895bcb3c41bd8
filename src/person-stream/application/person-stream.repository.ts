import { Inject, Injectable } from '@nestjs/common';
import {
  eventStoreToken,
  readStreamsOf,
  type EventStore,
  type RecordedEvent,
  type StreamRead,
} from '../../eventstore/event-store.port.js';
import { ledgerEventCatalogue } from '../../../events/index.js';
import { personEventOf, personStreamId, type PersonEvent } from '../domain/person-events.js';
import {
  evolvePerson,
  foldPerson,
  initialPersonState,
  type PersonState,
} from '../domain/person-state.js';
import type { DecidedStream } from '../../write/write-decision.js';
import { PersonalDataCodec } from '../../privacy/application/personal-data-codec.js';
import {
  enrollmentLookupStreamId,
  isEnrollmentId,
  personOfLegacyEnrollment,
} from '../../persons/domain/person-id.js';

export const cachedPersonsMax = 5000;

/**
 * Loads a person's state by folding their stream, optionally as it stood at a position. Current
 * states are cached and caught up by reading only the events after the cached version: a stream
 * only grows and its events never change, so the cache can be behind but never wrong.
 */
@Injectable()
export class PersonStreamRepository {
  private readonly cache = new Map<string, PersonState>();

  constructor(
    @Inject(eventStoreToken) private readonly store: EventStore,
    private readonly personalData: PersonalDataCodec,
  ) {}

  async load(personId: string, toPosition?: number): Promise<PersonState> {
    if (toPosition !== undefined) return this.fold(initialPersonState(), personId, { toPosition });
    return (await this.loadAlong(personId, [])).state;
  }

  /**
   * The person's current state and other streams' events, read together: in one round trip and
   * one snapshot where the store can, else the other streams first. Either way the person is never
   * older than the other streams, so a fact recorded in the same append as person events (an
   * invoice taken) is in the state whenever it is in the other streams.
   */
  async loadAlong(
    personId: string,
    others: readonly StreamRead[],
  ): Promise<{ readonly state: PersonState; readonly others: readonly RecordedEvent[][] }> {
    const cached = this.cache.get(personId);
    const answers = await readStreamsOf(this.store, [
      ...others,
      { streamId: personStreamId(personId), afterVersion: cached?.version ?? 0 },
    ]);
    const state = await this.folded(cached ?? initialPersonState(), answers[others.length]!);
    this.cache.delete(personId);
    if (state.status === 'registered') this.cache.set(personId, state);
    if (this.cache.size > cachedPersonsMax) this.cache.delete(this.cache.keys().next().value!);
    return { state, others: answers.slice(0, others.length) };
  }

  private async fold(
    from: PersonState,
    personId: string,
    options: { toPosition?: number; afterVersion?: number },
  ): Promise<PersonState> {
    return this.folded(from, await this.store.readStream(personStreamId(personId), options));
  }

  private async folded(from: PersonState, events: readonly RecordedEvent[]): Promise<PersonState> {
    if (events.length === 0) return from;
    const opened = [];
    for (const recorded of events)
      opened.push({
        event: personEventOf(
          await this.personalData.openForDomain(ledgerEventCatalogue.upcast(recorded)),
        ),
        position: recorded.position,
      });
    return foldPerson(from, opened);
  }

  /** The person a lookup stream (resident-{mac}, enrollment-{id}) links to, if it exists. */
  async linkedPerson(lookupStreamId: string): Promise<string | undefined> {
    const [assigned] = await this.store.readStream(lookupStreamId);
    return assigned ? (assigned.data as { personId: string }).personId : undefined;
  }

  /** The person of an enrollment: from its lookup stream, or from the id itself for an enrollment recorded before 1.1. */
  async personOfEnrollment(enrollmentId: string): Promise<string | undefined> {
    if (isEnrollmentId(enrollmentId))
      return this.linkedPerson(enrollmentLookupStreamId(enrollmentId));
    return personOfLegacyEnrollment(enrollmentId);
  }

  /** The append of new person events at the version they were decided on, personal data sealed. */
  async streamAppend(
    personId: string,
    state: PersonState,
    events: readonly PersonEvent[],
  ): Promise<DecidedStream> {
    return {
      streamId: personStreamId(personId),
      expectedVersion: state.version === 0 ? 'no-stream' : state.version,
      events: await this.personalData.sealForLog(personId, events),
    };
  }

  /** State after the decided events, as the response will describe it. */
  static apply(state: PersonState, events: readonly PersonEvent[]): PersonState {
    return events.reduce((s, event) => evolvePerson(s, { event, position: 0 }), state);
  }
}

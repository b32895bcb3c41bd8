import { Inject, Injectable } from '@nestjs/common';
import { eventStoreToken, type EventStore } from '../../eventstore/event-store.port.js';
import { ledgerEventCatalogue } from '../../../events/index.js';
import { personStreamId, type PersonEvent } from '../domain/person-events.js';
import { evolvePerson, initialPersonState, type PersonState } from '../domain/person-state.js';
import type { DecidedStream } from '../../write/write-decision.js';

/** Loads a person's state by folding their stream, optionally as it stood at a position. */
@Injectable()
export class PersonRepository {
  constructor(@Inject(eventStoreToken) private readonly store: EventStore) {}

  async load(personId: string, toPosition?: number): Promise<PersonState> {
    const events = await this.store.readStream(personStreamId(personId), { toPosition });
    return events.reduce(
      (state, recorded) => evolvePerson(state, { event: ledgerEventCatalogue.upcast(recorded) as unknown as PersonEvent, position: recorded.position }),
      initialPersonState(),
    );
  }

  /** The append of new person events at the version they were decided on. */
  streamAppend(personId: string, state: PersonState, events: readonly PersonEvent[]): DecidedStream {
    return {
      streamId: personStreamId(personId),
      expectedVersion: state.version === 0 ? 'no-stream' : state.version,
      events,
    };
  }

  /** State after the decided events, as the response will describe it. */
  static apply(state: PersonState, events: readonly PersonEvent[]): PersonState {
    return events.reduce((s, event) => evolvePerson(s, { event, position: 0 }), state);
  }
}

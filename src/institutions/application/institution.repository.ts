import { Inject, Injectable } from '@nestjs/common';
import {
  eventStoreToken,
  type EventStore,
  type RecordedEvent,
} from '../../eventstore/event-store.port.js';
import {
  evolveInstitution,
  initialInstitutionState,
  institutionEventTypes,
  institutionStreamId,
  type InstitutionEvent,
  type InstitutionState,
} from '../domain/institution-registry.js';

export type LoadedInstitution = InstitutionState & {
  readonly recorded: readonly RecordedInstitutionEvent[];
};

export interface RecordedInstitutionEvent {
  readonly event: InstitutionEvent;
  readonly position: number;
}

/** An institution's registry record: its stream, read from the event store (read your writes), optionally as of a position. */
@Injectable()
export class InstitutionRepository {
  constructor(@Inject(eventStoreToken) private readonly store: EventStore) {}

  async load(institutionId: string, toPosition?: number): Promise<LoadedInstitution> {
    return InstitutionRepository.fromEvents(
      await this.store.readStream(institutionStreamId(institutionId), { toPosition }),
    );
  }

  /** The registry record as its stream's events (institution-{id}) give it. */
  static fromEvents(recorded: readonly RecordedEvent[]): LoadedInstitution {
    const events = recorded
      .filter((e) => (institutionEventTypes as readonly string[]).includes(e.type))
      .map((e) => ({
        event: { type: e.type, data: e.data } as InstitutionEvent,
        position: e.position,
      }));
    const state = events.reduce((s, e) => evolveInstitution(s, e.event), initialInstitutionState);
    return { ...state, version: recorded.length, recorded: events };
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { eventStoreToken, type EventStore } from '../../eventstore/event-store.port.js';
import {
  evolveInstitution,
  initialInstitutionState,
  institutionEventTypes,
  institutionStreamId,
  type InstitutionEvent,
  type InstitutionState,
} from '../domain/institution-registry.js';

export interface RecordedInstitutionEvent {
  readonly event: InstitutionEvent;
  readonly position: number;
}

/** An institution's registry record: its stream, read from the event store (read your writes), optionally as of a position. */
@Injectable()
export class InstitutionRepository {
  constructor(@Inject(eventStoreToken) private readonly store: EventStore) {}

  async load(
    institutionId: string,
    toPosition?: number,
  ): Promise<InstitutionState & { readonly recorded: readonly RecordedInstitutionEvent[] }> {
    const recorded = await this.store.readStream(institutionStreamId(institutionId), {
      toPosition,
    });
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

import { Inject, Injectable } from '@nestjs/common';
import {
  eventStoreToken,
  type EventStore,
  type RecordedEvent,
} from '../../eventstore/event-store.port.js';
import {
  foldHistory,
  type SettlementEvent,
  type SettlementHistory,
} from '../domain/settlement-history.js';
import {
  institutionSettlementsStreamId,
  settlementGuardStreamId,
} from '../domain/settlement-id.js';

const settlementTypes: ReadonlySet<string> = new Set<SettlementEvent['type']>([
  'InstitutionSettlementApproved',
  'InstitutionSettlementPaid',
]);

/** An institution's settlement stream, folded; and which institution a settlement id belongs to. */
@Injectable()
export class SettlementStreamRepository {
  constructor(@Inject(eventStoreToken) private readonly store: EventStore) {}

  async load(institutionId: string, toPosition?: number): Promise<SettlementHistory> {
    const events = await this.store.readStream(institutionSettlementsStreamId(institutionId), {
      toPosition,
    });
    return foldHistory(
      events.map((e) => {
        if (!settlementTypes.has(e.type))
          throw new Error(`${e.type} is no event of an institution's settlement stream`);
        return { event: { type: e.type, data: e.data } as SettlementEvent, position: e.position };
      }),
    );
  }

  /** the institution of a settlement, from its guard stream; undefined when there is none */
  async institutionOf(settlementId: string, toPosition?: number): Promise<string | undefined> {
    const [first] = await this.store.readStream(settlementGuardStreamId(settlementId), {
      toPosition,
    });
    return first ? String(first.data.institutionId) : undefined;
  }

  /** a settlement's events in log order: its guard, its approval and its payment */
  async eventsOf(settlementId: string, toPosition?: number): Promise<RecordedEvent[]> {
    const guard = await this.store.readStream(settlementGuardStreamId(settlementId), {
      toPosition,
    });
    if (guard.length === 0) return [];
    const institutionId = String(guard[0]!.data.institutionId);
    const stream = await this.store.readStream(institutionSettlementsStreamId(institutionId), {
      toPosition,
    });
    return [...guard, ...stream.filter((e) => e.data.settlementId === settlementId)].sort(
      (a, b) => a.position - b.position,
    );
  }
}

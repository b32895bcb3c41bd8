import { Inject, Injectable } from '@nestjs/common';
import { eventStoreToken, type EventStore } from '../eventstore/event-store.port.js';
import { naturalKeyStreamId, type NaturalKeyKind } from '../shared/domain/natural-key.js';
import type { DecidedStream } from './write-decision.js';

/** Who holds a ledger-wide natural key: the data of its guard stream's first event, if any. */
@Injectable()
export class NaturalKeys {
  constructor(@Inject(eventStoreToken) private readonly store: EventStore) {}

  async holder<T>(kind: NaturalKeyKind, key: string): Promise<T | undefined> {
    const [first] = await this.store.readStream(naturalKeyStreamId(kind, key));
    return first?.data as T | undefined;
  }

  /** The guard append that takes the key; it fails (and the whole write with it) if anyone took it first. */
  static take(
    kind: NaturalKeyKind,
    key: string,
    event: { type: string; data: Readonly<Record<string, unknown>> },
  ): DecidedStream {
    return {
      streamId: naturalKeyStreamId(kind, key),
      expectedVersion: 'no-stream',
      events: [event],
    };
  }
}

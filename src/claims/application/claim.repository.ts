import { Inject, Injectable } from '@nestjs/common';
import {
  eventStoreToken,
  type EventStore,
  type RecordedEvent,
} from '../../eventstore/event-store.port.js';
import type { EventData } from '../../../events/event-definition.js';
import type { InvoiceRegistered } from '../../../events/index.js';
import { invoiceStreamId } from '../domain/claim-id.js';
import type { InvoiceState } from '../domain/settle-claim.decider.js';

/** Which person's claim took an invoice: the first event of invoice-{claimId}. */
@Injectable()
export class ClaimRepository {
  constructor(@Inject(eventStoreToken) private readonly store: EventStore) {}

  async invoice(claimId: string, toPosition?: number): Promise<InvoiceState> {
    return ClaimRepository.invoiceOf(
      await this.store.readStream(invoiceStreamId(claimId), { toPosition }),
    );
  }

  /** The invoice as its stream's events (invoice-{claimId}) record it. */
  static invoiceOf(events: readonly RecordedEvent[]): InvoiceState {
    const [first] = events;
    return first
      ? {
          status: 'taken',
          invoice: first.data as EventData<typeof InvoiceRegistered>,
          position: first.position,
        }
      : { status: 'free' };
  }
}

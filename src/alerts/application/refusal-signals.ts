import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { eventStoreToken, type EventStore } from '../../eventstore/event-store.port.js';
import { DuplicateEventError } from '../../eventstore/event-store.errors.js';
import { ledgerEventCatalogue } from '../../../events/index.js';
import type { Refusal } from '../../shared/domain/refusal.js';
import type { WriteContext } from '../../write/write-context.js';

// Refusals that are fraud signals are recorded (POLICY.md: "refused, and alerted") as a
// RequestRefused event in the person's refusals stream; nothing else changes. The event id is
// derived from the request, so a retried refused request is recorded once.

const signalOf: Readonly<
  Record<string, 'claim-after-death' | 'duplicate-enrollment' | 'duplicate-invoice'>
> = {
  'person-deceased': 'claim-after-death',
  'duplicate-enrollment': 'duplicate-enrollment',
  'duplicate-invoice': 'duplicate-invoice',
};

export interface RefusedRequest {
  readonly personId: string;
  readonly institutionId: string | null;
  readonly collidedWith: string | null;
  readonly request: Readonly<Record<string, unknown>>;
  /** which refusal codes of this request are signals (a deceased person's enrollment is not a claim after death) */
  readonly signals: readonly string[];
}

function uuidFrom(text: string): string {
  const h = createHash('sm3').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

@Injectable()
export class RefusalSignals {
  private readonly logger = new Logger('alerts');

  constructor(@Inject(eventStoreToken) private readonly store: EventStore) {}

  async record(refusal: Refusal, refused: RefusedRequest, context: WriteContext): Promise<void> {
    const rule = signalOf[refusal.code];
    if (!rule || !refused.signals.includes(refusal.code)) return;
    try {
      await this.store.append({
        streams: [
          {
            streamId: `refusals-${refused.personId}`,
            expectedVersion: 'any',
            events: [
              {
                eventId: uuidFrom(`${context.principal.actor}\n${context.requestHash}`),
                type: 'RequestRefused',
                schemaVersion: ledgerEventCatalogue.currentVersion('RequestRefused'),
                data: {
                  rule,
                  personId: refused.personId,
                  institutionId: refused.institutionId,
                  refusedWith: refusal.code,
                  detail: refusal.detail.slice(0, 500),
                  collidedWith: refused.collidedWith,
                  request: refused.request,
                },
                metadata: { actor: context.principal.actor, correlationId: context.correlationId },
              },
            ],
          },
        ],
      });
    } catch (error) {
      if (error instanceof DuplicateEventError) return; // this very request was refused and recorded before
      // A fraud signal is never answered without being recorded: the client gets an error and
      // retries, and the retry records it once (the event id comes from the request).
      this.logger.error({
        message: 'could not record a refused request as a fraud signal',
        rule,
        error: String(error),
      });
      throw error;
    }
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  eventStoreToken,
  type EventStore,
  type NewEvent,
  type StoredResponse,
} from '../eventstore/event-store.port.js';
import {
  IdempotencyKeyTakenError,
  WrongExpectedVersionError,
} from '../eventstore/event-store.errors.js';
import { ledgerEventCatalogue } from '../../events/index.js';
import { conflictWith } from '../shared/domain/refusal.js';
import type { WriteContext } from './write-context.js';
import type { WriteDecision, WriteResponse } from './write-decision.js';
import { KeyedMutex } from './keyed-mutex.js';
import { backoffMs, sleep } from '../shared/backoff.js';

// Every write goes through here: idempotency (Idempotency-Key: the same request gets the first
// answer, a different request under the same key is refused), load -> decide -> append with the
// expected version, and a bounded retry when a concurrent writer got there first.

// Within one process, writes to one stream queue (KeyedMutex), so they never race each other;
// across processes they can, and the loser re-decides on the new version after a jittered
// exponential back-off. The bounds give a hot stream at most about 2.5 s of patience before a client sees
// 409 concurrency-conflict, which it may simply retry.
export const conflictRetriesMax = 16;
export const conflictBackoffBaseMs = 4;
export const conflictBackoffMaxMs = 250;

export type Decide = () => Promise<WriteDecision>;

@Injectable()
export class WriteService {
  private readonly streamLocks = new KeyedMutex();

  constructor(@Inject(eventStoreToken) private readonly store: EventStore) {}

  /** `serialiseOn`: the stream the write decides on; writes to it queue in this process. Every write path names one. */
  execute(context: WriteContext, decide: Decide, serialiseOn?: string): Promise<WriteResponse> {
    return serialiseOn
      ? this.streamLocks.run(serialiseOn, () => this.write(context, decide))
      : this.write(context, decide);
  }

  private async write(context: WriteContext, decide: Decide): Promise<WriteResponse> {
    const key = scopedKey(context);
    if (key) {
      const stored = await this.store.findResponse(key);
      if (stored) return replay(stored, context);
    }
    for (let attempt = 1; attempt <= conflictRetriesMax; attempt += 1) {
      const decision = await decide();
      if (decision.kind === 'unchanged') {
        return {
          statusCode: decision.response.statusCode,
          body: { ...decision.response.body, position: decision.position },
        };
      }
      try {
        const result = await this.store.append({
          streams: decision.streams.map((s) => ({
            streamId: s.streamId,
            expectedVersion: s.expectedVersion,
            events: s.events.map((e) => toNewEvent(e.type, e.data, context, decision.policyId)),
          })),
          idempotency: key
            ? {
                key,
                requestHash: context.requestHash,
                statusCode: decision.response.statusCode,
                body: decision.response.body,
              }
            : undefined,
        });
        return {
          statusCode: decision.response.statusCode,
          body: { ...decision.response.body, position: result.position },
        };
      } catch (error) {
        if (error instanceof WrongExpectedVersionError) {
          await sleep(backoffMs(attempt - 1, conflictBackoffBaseMs, conflictBackoffMaxMs));
          continue;
        }
        if (error instanceof IdempotencyKeyTakenError && key) {
          const stored = await this.store.findResponse(key);
          if (stored) return replay(stored, context);
        }
        throw error;
      }
    }
    throw conflictWith(
      'concurrency-conflict',
      `the record changed under ${conflictRetriesMax} attempts in a row (other service instances writing to it); nothing was recorded, retry the request`,
    );
  }
}

function scopedKey(context: WriteContext): string | undefined {
  return context.idempotencyKey
    ? `${context.principal.actor}:${context.idempotencyKey}`
    : undefined;
}

function replay(stored: StoredResponse, context: WriteContext): WriteResponse {
  if (
    stored.requestHash !== context.requestHash &&
    stored.requestHash !== context.formerRequestHash
  ) {
    throw conflictWith(
      'idempotency-key-reused',
      'this Idempotency-Key was used for a different request',
    );
  }
  return { statusCode: stored.statusCode, body: { ...stored.body, position: stored.position } };
}

function toNewEvent(
  type: string,
  data: Readonly<Record<string, unknown>>,
  context: WriteContext,
  policyId?: string,
): NewEvent {
  return {
    eventId: randomUUID(),
    type,
    schemaVersion: ledgerEventCatalogue.currentVersion(type),
    data,
    metadata: {
      actor: context.principal.actor,
      correlationId: context.correlationId,
      ...(context.idempotencyKey ? { idempotencyKey: context.idempotencyKey } : {}),
      ...(policyId ? { policyId } : {}),
    },
  };
}

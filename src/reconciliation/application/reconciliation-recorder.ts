import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import type { EventData } from '../../../events/event-definition.js';
import {
  reconciliationListMax,
  type ReconciliationRecorded,
} from '../../../events/reconciliation-recorded.js';
import { eventStoreToken, type EventStore } from '../../eventstore/event-store.port.js';
import { canonicalJson } from '../../eventstore/tamper-evidence.js';
import { chinaDate } from '../../shared/domain/business-date.js';
import { WriteService } from '../../write/write.service.js';
import type { WriteContext } from '../../write/write-context.js';
import type { WriteResponse } from '../../write/write-decision.js';
import type { DateRange } from '../domain/reconciliation-periods.js';
import type { ReceivedFile } from './received-file.js';

type Recorded = EventData<typeof ReconciliationRecorded>;

/** What a reconciliation is about: its kind and scope (one stream per scope), and its range. */
export interface ReconciliationScope {
  readonly kind: Recorded['kind'];
  readonly institutionId: string | null;
  readonly regionCode: string | null;
  readonly period: string;
  readonly range: DateRange;
}

/** The comparison, run against the ledger as it stands: the answer's fields and the event's. */
export interface Compared {
  /** the log position the ledger side was read at */
  readonly position: number;
  readonly agree: boolean;
  /** the answer's fields (full lists) */
  readonly answer: Readonly<Record<string, unknown>>;
  /** the event's result (lists abridged to reconciliationListMax) */
  readonly result: Recorded['result'];
  readonly lines: number;
}

export const reconciliationStreamId = (scope: ReconciliationScope): string =>
  `reconciliation-${scope.kind}-${scope.institutionId ?? scope.regionCode}-${scope.period}`;

export const abridged = <T>(list: readonly T[]): T[] => list.slice(0, reconciliationListMax);

/**
 * Records a reconciliation: compares (reading the ledger side), then appends ReconciliationRecorded
 * to the scope's stream with the received file's hash, who, and the result. Idempotent: under an
 * Idempotency-Key the first answer again (WriteService); without one, the same file giving the
 * same result as the scope's latest reconciliation is that reconciliation again (200), since
 * nothing new was learnt; a different file, or the same file against a changed ledger, is a new one.
 */
@Injectable()
export class ReconciliationRecorder {
  constructor(
    private readonly writes: WriteService,
    @Inject(eventStoreToken) private readonly store: EventStore,
  ) {}

  record(
    scope: ReconciliationScope,
    received: ReceivedFile,
    compare: () => Promise<Compared>,
    context: WriteContext,
  ): Promise<WriteResponse> {
    const streamId = reconciliationStreamId(scope);
    return this.writes.execute(
      context,
      async () => {
        const recorded = await this.store.readStream(streamId);
        const compared = await compare();
        const resultHash = createHash('sha256')
          .update(canonicalJson(compared.answer))
          .digest('hex');
        const latest = recorded.at(-1);
        const latestData = latest?.data as Recorded | undefined;
        if (
          latest &&
          latestData &&
          latestData.received.hash === received.hash &&
          latestData.resultHash === resultHash
        ) {
          return {
            kind: 'unchanged',
            position: latest.position,
            response: {
              statusCode: 200,
              body: answerBody(latestData.reconciliationId, received, compared),
            },
          };
        }
        const reconciliationId = randomUUID();
        const event: Recorded = {
          reconciliationId,
          kind: scope.kind,
          institutionId: scope.institutionId,
          regionCode: scope.regionCode,
          period: scope.period,
          from: scope.range.from,
          to: scope.range.to,
          received: {
            format: received.format,
            hashAlgorithm: 'SHA-256',
            hash: received.hash,
            bytes: received.bytes,
            lines: compared.lines,
          },
          recordedBy: context.principal.actor,
          recordedOn: chinaDate(context.now),
          ledgerPosition: compared.position,
          resultHash,
          agree: compared.agree,
          result: compared.result,
        };
        return {
          kind: 'append',
          streams: [
            {
              streamId,
              expectedVersion: recorded.length === 0 ? 'no-stream' : recorded.length,
              events: [{ type: 'ReconciliationRecorded', data: event }],
            },
          ],
          response: { statusCode: 201, body: answerBody(reconciliationId, received, compared) },
        };
      },
      streamId,
    );
  }
}

function answerBody(
  reconciliationId: string,
  received: ReceivedFile,
  compared: Compared,
): Record<string, unknown> {
  return {
    reconciliationId,
    ...compared.answer,
    agree: compared.agree,
    fileHash: received.hash,
    hashAlgorithm: 'SHA-256',
    ledgerPosition: compared.position,
  };
}

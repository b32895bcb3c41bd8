import { EventEmitter } from 'node:events';
import {
  jsonEvent,
  KurrentDBClient,
  StreamNotFoundError,
  WrongExpectedVersionError as KurrentWrongExpectedVersion,
  type AppendStreamRequest,
} from '@kurrent/kurrentdb-client';
import { CatchUpSubscription, emitterWakeSource } from '../catch-up-subscription.js';
import {
  DuplicateEventError,
  IdempotencyKeyTakenError,
  WrongExpectedVersionError,
} from '../event-store.errors.js';
import type {
  AppendRequest,
  AppendResult,
  EventStore,
  ReadStreamOptions,
  RecordedEvent,
  StoredResponse,
  Subscription,
  SubscriptionHandler,
} from '../event-store.port.js';
import { backoffMs, sleep } from '../../shared/backoff.js';
import { chainHash, genesisHash } from '../tamper-evidence.js';
import { validateAppendRequest } from '../validate-append-request.js';
import {
  eventMarkerStream,
  expectedRevision,
  fromEnvelope,
  idempotencyStream,
  layOut,
  logCopyId,
  logStream,
  toEnvelope,
  toSafeNumber,
  versionOf,
} from './kurrentdb-records.js';

/** Waits between retries after another instance took the log's next revision (shared/backoff.ts). */
const logRaceBackoffBaseMs = 5;
const logRaceBackoffMaxMs = 250;

// The EventStore port on KurrentDB (EVENTSTORE_URL, e.g. kurrentdb://host:2113?tls=false), with
// @kurrent/kurrentdb-client, the maintained successor of @eventstore/db-client. The layout is in
// kurrentdb-records.ts. One append is one multiStreamAppend (atomic across its streams, KurrentDB
// 25.1+): the entity streams at their expected revisions, the ledger-log copies at the log's
// current revision, one marker stream per eventId and the idempotency stream, both at no-stream.
// Losing the race for ledger-log only (another append moved the log) is retried here with the new
// head; losing it on an entity stream is the caller's WrongExpectedVersionError.
//
// Written against the client's type definitions; NOT run against a KurrentDB server (none can run
// on the development machines): test/eventstore/kurrentdb-event-store.int.spec.ts runs the port's
// contract suite when EVENTSTORE_URL is set.

export interface KurrentDbEventStoreOptions {
  readonly validate?: (request: AppendRequest) => void;
  readonly upcast?: (event: RecordedEvent) => RecordedEvent;
  readonly onSubscriptionError?: (error: unknown) => void;
  /** retries when only ledger-log moved under an append */
  readonly logRaceRetries?: number;
  /**
   * The in-process commit signal, shared by the instances of one process (the write side's and
   * the log mirror's), so a subscriber wakes on this process's appends instead of its next poll.
   */
  readonly appended?: EventEmitter;
}

export class KurrentDbEventStore implements EventStore {
  private readonly appended: EventEmitter;
  private readonly subscriptions = new Set<Subscription>();
  private readonly upcast: (event: RecordedEvent) => RecordedEvent;

  constructor(
    private readonly client: KurrentDBClient,
    private readonly options: KurrentDbEventStoreOptions = {},
  ) {
    this.upcast = options.upcast ?? ((e) => e);
    this.appended = options.appended ?? new EventEmitter();
    this.appended.setMaxListeners(0);
  }

  static fromConnectionString(
    url: string,
    options: KurrentDbEventStoreOptions = {},
  ): KurrentDbEventStore {
    return new KurrentDbEventStore(KurrentDBClient.connectionString(url), options);
  }

  async append(request: AppendRequest): Promise<AppendResult> {
    validateAppendRequest(request);
    this.options.validate?.(request);
    const retries = this.options.logRaceRetries ?? 50;
    for (let attempt = 0; ; attempt += 1) {
      try {
        const result = await this.appendOnce(request);
        this.appended.emit('appended');
        return result;
      } catch (error) {
        if (
          error instanceof KurrentWrongExpectedVersion &&
          error.streamName === logStream &&
          attempt < retries
        ) {
          await sleep(backoffMs(attempt, logRaceBackoffBaseMs, logRaceBackoffMaxMs));
          continue;
        }
        throw this.portError(error, request);
      }
    }
  }

  private async appendOnce(request: AppendRequest): Promise<AppendResult> {
    const head = await this.lastOf(logStream);
    const streams = await Promise.all(
      request.streams.map(async (s) => {
        const current =
          s.expectedVersion === 'any'
            ? versionOf((await this.lastOf(s.streamId))?.revision)
            : typeof s.expectedVersion === 'number'
              ? s.expectedVersion
              : 0;
        return { ...s, fromVersion: current };
      }),
    );
    const recordedAt = new Date().toISOString();
    let previous = head?.event.hash ?? genesisHash;
    const events: RecordedEvent[] = layOut(
      streams,
      (head?.event.position ?? 0) + 1,
      recordedAt,
    ).map((fields) => {
      const hash = chainHash(previous, fields);
      previous = hash;
      return { ...fields, hash };
    });
    const copy = (e: RecordedEvent, id: string) =>
      jsonEvent({ id, type: e.type, data: toEnvelope(e) as unknown as Record<string, unknown> });
    const requests: AppendStreamRequest[] = [
      // 'any' becomes the revision read above, so a concurrent append cannot fork the chain
      ...streams.map((s) => ({
        streamName: s.streamId,
        expectedState: expectedRevision(
          s.expectedVersion === 'any' ? s.fromVersion : s.expectedVersion,
        ),
        events: events.filter((e) => e.streamId === s.streamId).map((e) => copy(e, e.eventId)),
      })),
      {
        streamName: logStream,
        expectedState: head ? head.revision : 'no_stream',
        events: events.map((e) => copy(e, logCopyId(e.eventId))),
      },
      ...events.map((e) => ({
        streamName: eventMarkerStream(e.eventId),
        expectedState: 'no_stream' as const,
        events: [jsonEvent({ type: 'EventRecorded', data: { position: e.position } })],
      })),
    ];
    if (request.idempotency) {
      requests.push({
        streamName: idempotencyStream(request.idempotency.key),
        expectedState: 'no_stream',
        events: [
          jsonEvent({
            type: 'ResponseRecorded',
            data: { ...request.idempotency, position: events[events.length - 1]!.position },
          }),
        ],
      });
    }
    await this.client.multiStreamAppend(requests);
    return { position: events[events.length - 1]!.position, events };
  }

  private portError(error: unknown, request: AppendRequest): unknown {
    if (!(error instanceof KurrentWrongExpectedVersion)) return error;
    if (error.streamName.startsWith('ledger-event-'))
      return new DuplicateEventError([error.streamName.slice('ledger-event-'.length)]);
    if (request.idempotency && error.streamName === idempotencyStream(request.idempotency.key))
      return new IdempotencyKeyTakenError(request.idempotency.key);
    const named = request.streams.find((s) => s.streamId === error.streamName);
    if (!named) return error;
    return new WrongExpectedVersionError(
      named.streamId,
      named.expectedVersion,
      versionOf(error.actualState),
    );
  }

  /** The last event of a stream with its revision, or undefined when there is none. */
  private async lastOf(
    streamName: string,
  ): Promise<{ revision: bigint; event: RecordedEvent } | undefined> {
    try {
      for await (const resolved of this.client.readStream(streamName, {
        direction: 'backwards',
        fromRevision: 'end',
        maxCount: 1,
      })) {
        if (resolved.event)
          return { revision: resolved.event.revision, event: fromEnvelope(resolved.event.data) };
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return undefined;
      throw error;
    }
    return undefined;
  }

  private async readForward(
    streamName: string,
    fromRevision: bigint,
    maxCount?: number,
  ): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamName, {
        direction: 'forwards',
        fromRevision,
        ...(maxCount ? { maxCount } : {}),
      })) {
        if (resolved.event) events.push(this.upcast(fromEnvelope(resolved.event.data)));
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const events = await this.readForward(streamId, BigInt(options.afterVersion ?? 0));
    return options.toPosition === undefined
      ? events
      : events.filter((e) => e.position <= options.toPosition!);
  }

  async readAll(afterPosition: number, maxCount: number): Promise<RecordedEvent[]> {
    return this.readForward(logStream, BigInt(afterPosition), maxCount);
  }

  async headPosition(): Promise<number> {
    const last = await this.lastOf(logStream);
    return last ? toSafeNumber(last.revision + 1n, 'position') : 0;
  }

  subscribe(afterPosition: number, handler: SubscriptionHandler): Subscription {
    const subscription = new CatchUpSubscription(
      this,
      emitterWakeSource(this.appended),
      afterPosition,
      handler,
      this.options.onSubscriptionError,
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async findResponse(idempotencyKey: string): Promise<StoredResponse | undefined> {
    try {
      for await (const resolved of this.client.readStream(idempotencyStream(idempotencyKey), {
        direction: 'forwards',
        fromRevision: 'start',
        maxCount: 1,
      })) {
        const d = resolved.event?.data as unknown as StoredResponse | undefined;
        if (d)
          return {
            key: d.key,
            requestHash: d.requestHash,
            statusCode: d.statusCode,
            body: d.body,
            position: d.position,
          };
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return undefined;
      throw error;
    }
    return undefined;
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    this.subscriptions.clear();
    await this.client.dispose();
  }
}

import { EventEmitter } from 'node:events';
import {
  Global,
  Inject,
  Logger,
  Module,
  Optional,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type pg from 'pg';
import { createPool } from '../database/pool.js';
import { ledgerEventCatalogue } from '../../events/index.js';
import {
  eventStoreToken,
  type AppendRequest,
  type EventStore,
  type RecordedEvent,
} from './event-store.port.js';
import { KurrentDbEventStore } from './kurrentdb/kurrentdb-event-store.js';
import { LogMirror } from './log-mirror.js';
import { logReaderToken } from './log-reader.port.js';
import { PostgresEventStore } from './postgres/postgres-event-store.js';
import { metricsToken, type LedgerMetrics } from '../metrics/ledger-metrics.js';

export const pgPoolToken = Symbol('PgPool');
/**
 * The PostgreSQL log the read side subscribes to and queries: the log itself by default, the
 * verified copy of KurrentDB's log when EVENTSTORE_URL is set (log-mirror.ts).
 */
export const readLogToken = Symbol('ReadLog');
export const logMirrorToken = Symbol('LogMirror');
export const poolConnectionsMax = 20;

const validate = (request: AppendRequest) =>
  request.streams.forEach((s) => s.events.forEach((e) => ledgerEventCatalogue.validate(e)));
const upcast = (event: RecordedEvent) => ledgerEventCatalogue.upcast(event);

/**
 * The event store: PostgreSQL (one pool for the service), or KurrentDB as the log of record when
 * EVENTSTORE_URL is set, with PostgreSQL keeping the read side's copy. Every append is checked
 * against the catalogue.
 */
@Global()
@Module({})
export class EventStoreModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(eventStoreToken) private readonly store: EventStore,
    @Inject(readLogToken) private readonly readLog: EventStore,
    @Inject(pgPoolToken) private readonly pool: pg.Pool,
    @Optional() @Inject(logMirrorToken) private readonly mirror: LogMirror | undefined,
  ) {}

  static forRoot(databaseUrl: string, eventstoreUrl?: string): DynamicModule {
    const logger = new Logger('eventstore');
    const onSubscriptionError = (error: unknown) =>
      logger.error({ message: 'subscription handler failed; retrying', error: String(error) });
    const providers: DynamicModule['providers'] = [
      {
        provide: pgPoolToken,
        useFactory: () => {
          // a dead connection is logged, never thrown: the service answers 503 until the database is back
          return createPool(databaseUrl, poolConnectionsMax, (message, error) =>
            logger.warn({ message, error: error.message }),
          );
        },
      },
      {
        provide: readLogToken,
        inject: [pgPoolToken, { token: metricsToken, optional: true }],
        useFactory: (pool: pg.Pool, metrics?: LedgerMetrics) =>
          new PostgresEventStore(pool, {
            validate,
            upcast,
            onSubscriptionError,
            onBatchCommitted: metrics?.batchCommitted,
          }),
      },
      // the read side's one door to the log: the PostgreSQL log, or its copy with KurrentDB
      {
        provide: logReaderToken,
        inject: [readLogToken],
        useFactory: (readLog: PostgresEventStore) => readLog.reader,
      },
    ];
    if (eventstoreUrl) {
      const appended = new EventEmitter(); // the mirror wakes on this process's appends
      providers.push(
        {
          provide: eventStoreToken,
          useFactory: () =>
            KurrentDbEventStore.fromConnectionString(eventstoreUrl, {
              validate,
              upcast,
              onSubscriptionError,
              appended,
            }),
        },
        {
          provide: logMirrorToken,
          inject: [readLogToken],
          // the mirror's source hands events over as stored: no upcaster, or the hashes would not chain
          useFactory: (copy: PostgresEventStore) =>
            new LogMirror(
              KurrentDbEventStore.fromConnectionString(eventstoreUrl, {
                onSubscriptionError,
                appended,
              }),
              copy,
            ),
        },
      );
    } else {
      providers.push({ provide: eventStoreToken, useExisting: readLogToken });
    }
    return {
      module: EventStoreModule,
      providers,
      exports: [
        eventStoreToken,
        readLogToken,
        logReaderToken,
        pgPoolToken,
        ...(eventstoreUrl ? [logMirrorToken] : []),
      ],
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.mirror?.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.mirror?.close();
    await this.store.close();
    if (this.readLog !== this.store) await this.readLog.close();
    await this.pool.end();
  }
}

import { Global, Inject, Logger, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import pg from 'pg';
import { ledgerEventCatalogue } from '../../events/index.js';
import { eventStoreToken, type EventStore } from './event-store.port.js';
import { PostgresEventStore } from './postgres/postgres-event-store.js';

export const pgPoolToken = Symbol('PgPool');
export const poolConnectionsMax = 20;

/** The event store on PostgreSQL: one pool for the service, every append checked against the catalogue. */
@Global()
@Module({})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(
    @Inject(eventStoreToken) private readonly store: EventStore,
    @Inject(pgPoolToken) private readonly pool: pg.Pool,
  ) {}

  static forRoot(databaseUrl: string): DynamicModule {
    const logger = new Logger('eventstore');
    return {
      module: EventStoreModule,
      providers: [
        {
          provide: pgPoolToken,
          useFactory: () => {
            const pool = new pg.Pool({ connectionString: databaseUrl, max: poolConnectionsMax });
            pool.on('error', (error) => logger.error({ message: 'idle database connection failed', error: error.message }));
            return pool;
          },
        },
        {
          provide: eventStoreToken,
          inject: [pgPoolToken],
          useFactory: (pool: pg.Pool) =>
            new PostgresEventStore(pool, {
              validate: (request) => request.streams.forEach((s) => s.events.forEach((e) => ledgerEventCatalogue.validate(e))),
              upcast: (event) => ledgerEventCatalogue.upcast(event),
              onSubscriptionError: (error) => logger.error({ message: 'subscription handler failed; retrying', error: String(error) }),
            }),
        },
      ],
      exports: [eventStoreToken, pgPoolToken],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
    await this.pool.end();
  }
}

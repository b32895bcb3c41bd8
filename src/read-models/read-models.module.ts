import { Global, Inject, Injectable, Module, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type pg from 'pg';
import { projections } from '../../projections/index.js';
import { ProjectionRunner } from '../../projections/projection-runner.js';
import { eventStoreToken, type EventStore } from '../eventstore/event-store.port.js';
import { pgPoolToken } from '../eventstore/event-store.module.js';
import { ProblemError } from '../http/problem-error.js';

/**
 * Read your writes: before a read of a projection, wait (bounded) until it has applied the log up
 * to the head as it stood when the read arrived, which covers every write acknowledged before.
 */
@Injectable()
export class ReadModels implements OnApplicationBootstrap, OnModuleDestroy {
  readonly runner: ProjectionRunner;

  constructor(
    @Inject(pgPoolToken) readonly pool: pg.Pool,
    @Inject(eventStoreToken) private readonly store: EventStore,
  ) {
    this.runner = new ProjectionRunner(pool, store, projections);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.runner.start();
  }

  /** Before the pool closes (the event store module closes it at application shutdown). */
  async onModuleDestroy(): Promise<void> {
    await this.runner.stop();
  }

  async caughtUp(projection: string): Promise<void> {
    const head = await this.store.headPosition();
    if (!(await this.runner.waitFor(projection, head))) {
      throw new ProblemError(503, 'projection-lagging', 'Read model behind', `the ${projection} read model has not reached position ${head} yet; retry`);
    }
  }
}

@Global()
@Module({ providers: [ReadModels], exports: [ReadModels] })
export class ReadModelsModule {}

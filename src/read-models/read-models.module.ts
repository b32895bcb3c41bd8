import { Global, Inject, Injectable, Module, Optional, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type pg from 'pg';
import { projections } from '../../projections/index.js';
import { requirePartitionable } from '../../projections/partition-applier.js';
import { ProjectionRunner, projectionWaitMs } from '../../projections/projection-runner.js';
import { partitionedProjectionReached } from '../../projections/projection-watermark.js';
import type { AppConfig } from '../config/app-config.js';
import { appConfigToken } from '../config/config.module.js';
import { eventStoreToken, type EventStore } from '../eventstore/event-store.port.js';
import { logMirrorToken, pgPoolToken, readLogToken } from '../eventstore/event-store.module.js';
import type { LogMirror } from '../eventstore/log-mirror.js';
import { ProblemError } from '../http/problem-error.js';

export const workerPollMs = 25;

/**
 * Read your writes: before a read of a projection, wait (bounded) until it has applied the log up
 * to the head as it stood when the read arrived, which covers every write acknowledged before.
 * Projections named in LEDGER_WORKER_PROJECTIONS are kept by `ledger worker` processes from Kafka;
 * for those the wait is on their partition checkpoints (projection-watermark.ts).
 */
@Injectable()
export class ReadModels implements OnApplicationBootstrap, OnModuleDestroy {
  readonly runner: ProjectionRunner;
  private readonly workerFed: ReadonlySet<string>;
  private readonly topic: string;

  constructor(
    @Inject(pgPoolToken) readonly pool: pg.Pool,
    @Inject(eventStoreToken) private readonly store: EventStore,
    @Inject(readLogToken) readLog: EventStore,
    @Inject(appConfigToken) config: AppConfig,
    @Optional() @Inject(logMirrorToken) private readonly mirror?: LogMirror,
  ) {
    const unknown = config.workerProjections.filter((name) => !projections.some((p) => p.name === name));
    if (unknown.length > 0) throw new Error(`LEDGER_WORKER_PROJECTIONS: unknown projection ${unknown.join(', ')}; known: ${projections.map((p) => p.name).join(', ')}`);
    requirePartitionable(projections.filter((p) => config.workerProjections.includes(p.name)));
    this.workerFed = new Set(config.workerProjections);
    this.topic = config.kafkaTopic;
    this.runner = new ProjectionRunner(pool, readLog, projections.filter((p) => !this.workerFed.has(p.name)));
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
    const reached = this.workerFed.has(projection) ? await this.workerReached(projection, head) : await this.runner.waitFor(projection, head);
    if (!reached) {
      throw new ProblemError(503, 'projection-lagging', 'Read model behind', `the ${projection} read model has not reached position ${head} yet; retry`);
    }
  }

  /**
   * Before a read of the PostgreSQL log itself (trace, verify, as-of instants, institution
   * history): with KurrentDB as the log of record, wait (bounded) until the copy holds every event
   * acknowledged before the read arrived. With PostgreSQL as the log it is the log: nothing to wait for.
   */
  async logCaughtUp(): Promise<void> {
    if (!this.mirror) return;
    const head = await this.store.headPosition();
    if (!(await this.mirror.waitFor(head, projectionWaitMs))) {
      throw new ProblemError(503, 'projection-lagging', 'Read model behind', `the PostgreSQL copy of the log has not reached position ${head} yet; retry`);
    }
  }

  private async workerReached(projection: string, position: number): Promise<boolean> {
    const deadline = Date.now() + projectionWaitMs;
    for (;;) {
      if (await partitionedProjectionReached(this.pool, projection, this.topic, position)) return true;
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, workerPollMs));
    }
  }
}

@Global()
@Module({ providers: [ReadModels], exports: [ReadModels] })
export class ReadModelsModule {}

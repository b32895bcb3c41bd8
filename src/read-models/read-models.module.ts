import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  Optional,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import type pg from 'pg';
import { projections, retiredProjectionNames } from '../../projections/index.js';
import { requirePartitionable } from '../../projections/partition-applier.js';
import { ProjectionRunner, projectionWaitMs } from '../../projections/projection-runner.js';
import { partitionedProjectionReached } from '../../projections/projection-watermark.js';
import { sourcesOf, type QueryReads, type ReadSource } from '../../projections/query-reads.js';
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
 * Each query declares what it reads (projections/query-reads.ts) and calls ready() with it.
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
    const retired = config.workerProjections.filter((name) =>
      retiredProjectionNames.includes(name),
    );
    if (retired.length > 0)
      new Logger('read-models').warn(
        `LEDGER_WORKER_PROJECTIONS: ${retired.join(', ')} retired (nothing read them); skipped`,
      );
    const named = config.workerProjections.filter((name) => !retired.includes(name));
    const unknown = named.filter((name) => !projections.some((p) => p.name === name));
    if (unknown.length > 0)
      throw new Error(
        `LEDGER_WORKER_PROJECTIONS: unknown projection ${unknown.join(', ')}; known: ${projections.map((p) => p.name).join(', ')}`,
      );
    requirePartitionable(projections.filter((p) => named.includes(p.name)));
    this.workerFed = new Set(named);
    this.topic = config.kafkaTopic;
    this.runner = new ProjectionRunner(
      pool,
      readLog,
      projections.filter((p) => !this.workerFed.has(p.name)),
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.runner.start();
  }

  /** Before the pool closes (the event store module closes it at application shutdown). */
  async onModuleDestroy(): Promise<void> {
    await this.runner.stop();
  }

  /**
   * Waits (bounded) until every source the query declares (query-reads.ts) has reached the log
   * head as it stands now; returns that head, so a query that reads several sources can bound
   * them all by one position. 503 projection-lagging naming the first source behind.
   */
  async ready(reads: QueryReads, asOfPosition?: number): Promise<number> {
    const head = await this.store.headPosition();
    const behind = await Promise.all(
      [...new Set(sourcesOf(reads, asOfPosition))].map(async (source) =>
        (await this.reached(source, head)) ? undefined : source,
      ),
    );
    const lagging = behind.find((source) => source !== undefined);
    if (lagging === 'log') {
      throw new ProblemError(
        503,
        'projection-lagging',
        'Read model behind',
        `the PostgreSQL copy of the log has not reached position ${head} yet; retry`,
      );
    }
    if (lagging)
      throw new ProblemError(
        503,
        'projection-lagging',
        'Read model behind',
        `the ${lagging} read model has not reached position ${head} yet; retry`,
      );
    return head;
  }

  /**
   * A projection kept in this service waits on the runner; one kept by Kafka workers on their
   * partition checkpoints. The log itself: with KurrentDB as the log of record, the copy must hold
   * the position; with PostgreSQL as the log it is the log, nothing to wait for.
   */
  private async reached(source: ReadSource, head: number): Promise<boolean> {
    if (source === 'log') return this.mirror ? this.mirror.waitFor(head, projectionWaitMs) : true;
    return this.workerFed.has(source)
      ? this.workerReached(source, head)
      : this.runner.waitFor(source, head);
  }

  private async workerReached(projection: string, position: number): Promise<boolean> {
    const deadline = Date.now() + projectionWaitMs;
    for (;;) {
      if (await partitionedProjectionReached(this.pool, projection, this.topic, position))
        return true;
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, workerPollMs));
    }
  }
}

@Global()
@Module({ providers: [ReadModels], exports: [ReadModels] })
export class ReadModelsModule {}

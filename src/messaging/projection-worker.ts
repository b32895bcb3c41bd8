import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import type pg from 'pg';
import { applyPartition, requirePartitionable } from '../../projections/partition-applier.js';
import type { Projection } from '../../projections/projection.js';
import { fromMessage } from './ledger-event-message.js';

// `ledger worker --projections <names>`: keeps read models from the Kafka topic instead of the
// service's in-process runner, as one member of a consumer group (one group per set of
// projections), so the partitions, and with them the work, spread over the group's processes.
// Each partition batch is applied in one database transaction with the partition checkpoints
// (partition-applier.ts): a message delivered twice (relay republished, rebalance, restart before
// the offset commit) changes nothing. Kafka offsets are committed after the transaction; they only
// save rereading, the checkpoints in PostgreSQL decide.

export interface WorkerOptions {
  readonly topic: string;
  readonly log?: (entry: Record<string, unknown>) => void;
}

export function consumerGroupOf(selected: readonly Projection[]): string {
  return `ledger-projections.${selected
    .map((p) => p.name)
    .sort()
    .join('+')}`;
}

export class ProjectionWorker {
  private consumer: Consumer | undefined;
  applied = 0;
  duplicates = 0;

  constructor(
    private readonly pool: pg.Pool,
    private readonly kafka: Kafka,
    private readonly selected: readonly Projection[],
    private readonly options: WorkerOptions,
  ) {
    requirePartitionable(selected);
    if (selected.length === 0) throw new Error('no projections selected');
  }

  async start(): Promise<void> {
    this.consumer = this.kafka.consumer({
      groupId: consumerGroupOf(this.selected),
      allowAutoTopicCreation: false,
    });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [this.options.topic], fromBeginning: true });
    await this.consumer.run({
      eachBatchAutoResolve: false,
      autoCommit: true,
      eachBatch: (payload) => this.onBatch(payload),
    });
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
    this.consumer = undefined;
  }

  private async onBatch({
    batch,
    resolveOffset,
    heartbeat,
    commitOffsetsIfNecessary,
    isRunning,
    isStale,
  }: EachBatchPayload): Promise<void> {
    if (batch.messages.length === 0 || !isRunning() || isStale()) return;
    const events = batch.messages.map((m) => fromMessage(m));
    const result = await applyPartition(this.pool, this.selected, {
      topic: batch.topic,
      partition: batch.partition,
      events,
    });
    this.applied += result.applied;
    this.duplicates += result.duplicates;
    resolveOffset(batch.lastOffset());
    await commitOffsetsIfNecessary();
    await heartbeat();
    this.options.log?.({
      message: 'applied',
      partition: batch.partition,
      events: events.length,
      applied: result.applied,
      duplicates: result.duplicates,
      lastPosition: events[events.length - 1]!.position,
    });
  }
}

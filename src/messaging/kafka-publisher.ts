import { Partitioners, type Admin, type Kafka, type Producer } from 'kafkajs';
import type pg from 'pg';
import type { EventStore } from '../eventstore/event-store.port.js';
import { backoffMs } from '../shared/backoff.js';
import { toMessage } from './ledger-event-message.js';
import { loadPublisherCheckpoint, savePublisherCheckpoint } from './publisher-checkpoint.js';
import { partitionOf } from './stream-partition.js';

// The relay from the log to Kafka (transactional outbox without a second table: the log is the
// outbox). It reads the log after its checkpoint in position order, sends a batch with acks=all
// from an idempotent producer (one request in flight, so order holds per partition), then saves
// the checkpoint. A crash between the send and the save republishes that batch: at least once,
// and consumers drop duplicates by position.
//
// One relay at a time per database: a session advisory lock elects it; other instances wait as
// standbys and take over when its connection ends.

export interface PublisherOptions {
  readonly topic: string;
  /** partitions of the topic when the relay creates it */
  readonly partitions: number;
  readonly batchSize?: number;
  readonly idleMs?: number;
  readonly retryBaseMs?: number;
  readonly retryMaxMs?: number;
  readonly log?: (entry: Record<string, unknown>) => void;
}

export interface PublisherStatus {
  readonly topic: string;
  readonly role: 'starting' | 'leader' | 'standby' | 'stopped';
  /** every event up to here is acknowledged by the brokers */
  readonly position: number;
  readonly consecutiveFailures: number;
  readonly lastError: string | null;
}

const relayLockKey = 0x4c45_4b46; // 'LEKF': one relay per ledger database

export class KafkaPublisher {
  private running = false;
  private loop: Promise<void> | undefined;
  private leaderClient: pg.PoolClient | undefined;
  private leadershipLost = false;
  private readonly onLeaderConnectionError = () => (this.leadershipLost = true);
  private producer: Producer | undefined;
  private role: PublisherStatus['role'] = 'stopped';
  private position = 0;
  private consecutiveFailures = 0;
  private lastError: string | null = null;
  private wake: (() => void) | undefined;

  constructor(
    private readonly pool: pg.Pool,
    private readonly store: EventStore,
    private readonly kafka: Kafka,
    private readonly options: PublisherOptions,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.role = 'starting';
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    this.role = 'stopped';
  }

  status(): PublisherStatus {
    return {
      topic: this.options.topic,
      role: this.role,
      position: this.position,
      consecutiveFailures: this.consecutiveFailures,
      lastError: this.lastError,
    };
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        if (!(await this.lead())) {
          this.role = 'standby';
          await this.sleep(2000);
          continue;
        }
        this.role = 'leader';
        const partitions = await this.ensureTopic();
        this.position = await loadPublisherCheckpoint(this.pool, this.options.topic);
        this.producer = this.kafka.producer({
          idempotent: true,
          maxInFlightRequests: 1,
          allowAutoTopicCreation: false,
          createPartitioner: Partitioners.DefaultPartitioner,
        });
        await this.producer.connect();
        while (this.running) {
          if (this.leadershipLost)
            throw new Error('the relay lock was lost with its database session');
          const sent = await this.publishOnce(partitions);
          this.consecutiveFailures = 0;
          this.lastError = null;
          if (sent === 0) await this.sleep(this.options.idleMs ?? 50);
        }
      } catch (error) {
        this.consecutiveFailures += 1;
        this.lastError = (error as Error).message;
        const wait = backoffMs(
          this.consecutiveFailures,
          this.options.retryBaseMs ?? 200,
          this.options.retryMaxMs ?? 30_000,
        );
        this.options.log?.({
          message: 'kafka relay failed; retrying',
          error: this.lastError,
          attempt: this.consecutiveFailures,
          retryInMs: wait,
        });
        await this.release();
        await this.sleep(wait);
      }
    }
    await this.release();
  }

  /** Publishes the next batch of the log; returns how many events the brokers acknowledged. */
  private async publishOnce(partitions: number): Promise<number> {
    const events = await this.store.readAll(this.position, this.options.batchSize ?? 500);
    if (events.length === 0) return 0;
    const lastPerPartition = new Map<number, number>();
    const messages = events.map((event) => {
      const partition = partitionOf(event.streamId, partitions, this.options.topic);
      lastPerPartition.set(partition, event.position);
      return toMessage(event, partition);
    });
    await this.producer!.send({ topic: this.options.topic, acks: -1, messages });
    const last = events[events.length - 1]!.position;
    await savePublisherCheckpoint(
      this.pool,
      this.options.topic,
      partitions,
      last,
      lastPerPartition,
    );
    this.position = last;
    return events.length;
  }

  private async lead(): Promise<boolean> {
    if (this.leaderClient) return true;
    const client = await this.pool.connect();
    let locked: boolean | undefined;
    try {
      locked = (
        await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [
          relayLockKey,
        ])
      ).rows[0]?.locked;
    } catch (error) {
      client.release(true);
      throw error;
    }
    if (locked) {
      // the lock lives as long as this session: when the database drops it (restart, crash),
      // another instance may lead, so this one stops publishing and competes for the lock again
      this.leadershipLost = false;
      client.on('error', this.onLeaderConnectionError);
      this.leaderClient = client;
      return true;
    }
    client.release();
    return false;
  }

  /** Creates the topic when it is missing; returns its partition count. */
  private async ensureTopic(): Promise<number> {
    const admin: Admin = this.kafka.admin();
    await admin.connect();
    try {
      const topics = await admin.listTopics();
      if (!topics.includes(this.options.topic)) {
        await admin.createTopics({
          waitForLeaders: true,
          topics: [{ topic: this.options.topic, numPartitions: this.options.partitions }],
        });
        this.options.log?.({
          message: 'created topic',
          topic: this.options.topic,
          partitions: this.options.partitions,
        });
      }
      const metadata = await admin.fetchTopicMetadata({ topics: [this.options.topic] });
      return metadata.topics[0]!.partitions.length;
    } finally {
      await admin.disconnect();
    }
  }

  private async release(): Promise<void> {
    await this.producer?.disconnect().catch(() => undefined);
    this.producer = undefined;
    if (this.leaderClient) {
      await this.leaderClient
        .query('SELECT pg_advisory_unlock($1)', [relayLockKey])
        .catch(() => undefined);
      this.leaderClient.off('error', this.onLeaderConnectionError);
      this.leaderClient.release(this.leadershipLost);
      this.leaderClient = undefined;
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

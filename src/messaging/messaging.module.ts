import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import type pg from 'pg';
import type { AppConfig } from '../config/app-config.js';
import { appConfigToken } from '../config/config.module.js';
import type { EventStore } from '../eventstore/event-store.port.js';
import { pgPoolToken, readLogToken } from '../eventstore/event-store.module.js';
import { kafkaClient } from './kafka-client.js';
import { KafkaPublisher, type PublisherStatus } from './kafka-publisher.js';

/** The relay from the log to Kafka, running in the service when KAFKA_BROKERS is set. */
@Injectable()
export class KafkaRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly publisher: KafkaPublisher | undefined;

  constructor(
    @Inject(appConfigToken) config: AppConfig,
    @Inject(pgPoolToken) pool: pg.Pool,
    @Inject(readLogToken) store: EventStore,
  ) {
    if (config.kafkaBrokers.length === 0) return;
    const logger = new Logger('kafka');
    const log = (entry: Record<string, unknown>) => logger.warn(entry);
    this.publisher = new KafkaPublisher(
      pool,
      store,
      kafkaClient(config.kafkaBrokers, 'ledger-relay', log),
      {
        topic: config.kafkaTopic,
        partitions: config.kafkaPartitions,
        log,
      },
    );
  }

  onApplicationBootstrap(): void {
    this.publisher?.start();
  }

  /** Before the pool closes (the event store module closes it at application shutdown). */
  async onModuleDestroy(): Promise<void> {
    await this.publisher?.stop();
  }

  /** undefined when Kafka is off */
  status(): PublisherStatus | undefined {
    return this.publisher?.status();
  }
}

@Global()
@Module({ providers: [KafkaRelay], exports: [KafkaRelay] })
export class MessagingModule {}

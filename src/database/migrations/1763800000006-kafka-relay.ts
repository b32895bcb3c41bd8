import type { MigrationInterface, QueryRunner } from 'typeorm';

// Bookkeeping of the Kafka relay and of the projection workers that consume it. None of it is
// part of the log: the log stays the source of truth, these rows say how far each party got.
// - kafka_publisher: per topic, the position up to which every event has been acknowledged by
//   the brokers (acks=all), and the topic's partition count the relay partitioned by; the relay
//   resumes after the position, so it publishes at least once.
// - kafka_published_partitions: per topic partition, the last position sent to it. A worker-fed
//   read model has applied everything up to P once each partition's worker checkpoint reaches
//   min(P, last position published there) (see projection-watermark.ts).
// - projection_partition_checkpoints: per projection and partition, the last position a worker
//   applied, moved in the same transaction as the projection's rows: duplicates are skipped by
//   position, so a redelivered message changes nothing.
export class KafkaRelay1763800000006 implements MigrationInterface {
  name = 'KafkaRelay1763800000006';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE kafka_publisher (
        topic      text        PRIMARY KEY,
        position   bigint      NOT NULL CHECK (position >= 0),
        partitions integer     NOT NULL CHECK (partitions > 0),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE kafka_published_partitions (
        topic     text    NOT NULL,
        partition integer NOT NULL CHECK (partition >= 0),
        position  bigint  NOT NULL CHECK (position > 0),
        PRIMARY KEY (topic, partition)
      );
      CREATE TABLE projection_partition_checkpoints (
        projection text    NOT NULL,
        topic      text    NOT NULL,
        partition  integer NOT NULL CHECK (partition >= 0),
        position   bigint  NOT NULL CHECK (position >= 0),
        PRIMARY KEY (projection, topic, partition)
      );`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'DROP TABLE projection_partition_checkpoints; DROP TABLE kafka_published_partitions; DROP TABLE kafka_publisher;',
    );
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';
import { eventLogSchemaSql } from '../../eventstore/postgres/event-log.sql.js';

// The event log and the idempotency records. Both are append-only, enforced by triggers.
// No later migration may update or delete their rows.
export class EventLog1763800000000 implements MigrationInterface {
  name = 'EventLog1763800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(eventLogSchemaSql);
  }

  async down(): Promise<void> {
    throw new Error('the event log is never dropped by a migration');
  }
}

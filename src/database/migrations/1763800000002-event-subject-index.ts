import type { MigrationInterface, QueryRunner } from 'typeorm';

// Finds every event about one claim, enrollment, appropriation or relief grant (GET /ledger/trace).
// An index only: no stored event is changed.
export class EventSubjectIndex1763800000002 implements MigrationInterface {
  name = 'EventSubjectIndex1763800000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX events_subject ON events ((coalesce(data->>'claimId', data->>'grantId', data->>'appropriationId', data->>'enrollmentId')), position)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX events_subject');
  }
}

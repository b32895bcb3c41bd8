import type { MigrationInterface, QueryRunner } from 'typeorm';

// Finds an institution's settled claims in the log (GET /institutions/{id}/history). An index only.
export class InstitutionIndex1763800000005 implements MigrationInterface {
  name = 'InstitutionIndex1763800000005';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX events_institution ON events ((data->>'institutionId'), position) WHERE type = 'ClaimSettled'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX events_institution');
  }
}

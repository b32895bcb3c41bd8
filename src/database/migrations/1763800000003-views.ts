import type { MigrationInterface, QueryRunner } from 'typeorm';
import { claimsProjection } from '../../../projections/claims.projection.js';
import { enrollmentsProjection } from '../../../projections/enrollments.projection.js';
import { personUsageProjection } from '../../../projections/person-usage.projection.js';

// Read models of person usage, claims and enrollments. A new projection starts at checkpoint 0
// and catches up from the log when the service starts.
export class Views1763800000003 implements MigrationInterface {
  name = 'Views1763800000003';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const projection of [personUsageProjection, claimsProjection, enrollmentsProjection]) {
      await queryRunner.query(projection.schemaSql('public'));
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE enrollments_view; DROP TABLE claims_view; DROP TABLE person_usage; DELETE FROM projection_checkpoints WHERE name IN ('person-usage', 'claims', 'enrollments')");
  }
}

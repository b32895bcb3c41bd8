import type { MigrationInterface, QueryRunner } from 'typeorm';
import { alertsProjection } from '../../../projections/alerts.projection.js';

export class Alerts1763800000004 implements MigrationInterface {
  name = 'Alerts1763800000004';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(alertsProjection.schemaSql('public'));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE alerts; DELETE FROM projection_checkpoints WHERE name = 'alerts'");
  }
}

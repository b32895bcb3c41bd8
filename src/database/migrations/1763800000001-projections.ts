import type { MigrationInterface, QueryRunner } from 'typeorm';
import { checkpointsSchemaSql } from '../../../projections/projection-runner.js';
import { fundBalancesProjection } from '../../../projections/fund-balances.projection.js';
import { postingsProjection } from '../../../projections/postings.projection.js';

// The first read models: checkpoints, the postings ledger, fund balances. Projection tables are
// derived data: a rebuild may drop and refill them; the event log is never touched.
export class Projections1763800000001 implements MigrationInterface {
  name = 'Projections1763800000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(checkpointsSchemaSql('public'));
    await queryRunner.query(postingsProjection.schemaSql('public'));
    await queryRunner.query(fundBalancesProjection.schemaSql('public'));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE fund_balances; DROP TABLE ledger_postings; DROP TABLE projection_checkpoints');
  }
}

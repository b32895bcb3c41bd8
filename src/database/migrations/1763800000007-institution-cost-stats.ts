import type { MigrationInterface, QueryRunner } from 'typeorm';

// The alerts projection's per-institution inpatient statistics (institution-cost-outlier rule).
// Migration 1763800000004 created it only in databases migrated after the rule was added: the
// migration then read the live projection schema, so a database migrated before never got it.
// IF NOT EXISTS: databases that have it are unchanged. An older database's statistics start
// empty; `ledger projections rebuild alerts` refolds them from the log.
const upSql = `
    CREATE TABLE IF NOT EXISTS "public".institution_cost_stats (
      region_code     text    NOT NULL,
      level           text    NOT NULL,
      year            integer NOT NULL,
      institution_id  text    NOT NULL,
      claims          integer NOT NULL,
      total_cost_fen  bigint  NOT NULL,
      PRIMARY KEY (region_code, level, year, institution_id)
    );`;

export class InstitutionCostStats1763800000007 implements MigrationInterface {
  name = 'InstitutionCostStats1763800000007';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(upSql);
  }

  async down(): Promise<void> {
    // nothing: the table may predate this migration (created by 1763800000004)
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

// Frozen: the SQL as this migration ran when released, written out so that later changes to the
// live schema code cannot change what it does (a migration's effect never changes once released).
const up1Sql = `
    CREATE TABLE "public".alerts (
      alert_id       text        PRIMARY KEY,
      rule           text        NOT NULL,
      status         text        NOT NULL,
      person_id      text,
      institution_id text,
      claim_id       text,
      evidence       text[]      NOT NULL,
      raised_at      timestamptz NOT NULL,
      raised_position bigint     NOT NULL,
      outcome_note   text,
      resolved_position bigint
    );
    CREATE INDEX alerts_person ON "public".alerts (person_id);
    CREATE INDEX alerts_institution ON "public".alerts (institution_id);
    
    CREATE TABLE "public".institution_cost_stats (
      region_code     text    NOT NULL,
      level           text    NOT NULL,
      year            integer NOT NULL,
      institution_id  text    NOT NULL,
      claims          integer NOT NULL,
      total_cost_fen  bigint  NOT NULL,
      PRIMARY KEY (region_code, level, year, institution_id)
    );`;

export class Alerts1763800000004 implements MigrationInterface {
  name = 'Alerts1763800000004';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(up1Sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "DROP TABLE alerts; DELETE FROM projection_checkpoints WHERE name = 'alerts'",
    );
  }
}

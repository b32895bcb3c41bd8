import type { MigrationInterface, QueryRunner } from 'typeorm';

// Least privilege: the service connects as ledger_service, never as the owner of the tables.
// - the log (events, idempotency_keys): SELECT and INSERT only. No UPDATE, DELETE or TRUNCATE, and
//   not being the owner it cannot ALTER TABLE ... DISABLE TRIGGER, drop the append-only triggers
//   or replace ledger_refuse_change(); not a superuser, it cannot SET session_replication_role or
//   COPY ... TO PROGRAM.
// - read models, their checkpoints and the Kafka relay's bookkeeping: read and write rows.
// - schema_migrations: nothing.
// The role is created NOLOGIN when it does not exist (the owner needs CREATEROLE for that, or a
// DBA creates the role first); whoever starts the service gives it LOGIN and a password
// (embedded-database.ts does for the embedded PostgreSQL). Roles are cluster-wide: the grants
// here are per database. Every later migration that adds a table grants on it explicitly.
const upSql = `
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ledger_service') THEN
    CREATE ROLE ledger_service NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL; -- created meanwhile by a migration of another database in the cluster
END $$;
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ledger_service;
GRANT USAGE ON SCHEMA public TO ledger_service;
GRANT SELECT, INSERT ON events, idempotency_keys TO ledger_service;
GRANT SELECT, INSERT, UPDATE, DELETE ON
  projection_checkpoints, ledger_postings, fund_balances, person_usage, claims_view, enrollments_view,
  alerts, institution_cost_stats, kafka_publisher, kafka_published_partitions, projection_partition_checkpoints
  TO ledger_service;`;

export class ServiceRole1763800000008 implements MigrationInterface {
  name = 'ServiceRole1763800000008';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(upSql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ledger_service; REVOKE USAGE ON SCHEMA public FROM ledger_service',
    );
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

// Frozen: the SQL as this migration ran when released.
// merkle_nodes: the perfect subtrees of the log's Merkle tree (level, index: 2^level leaves from
// index * 2^level on), each written once when its last leaf arrives. ledger_checkpoints: every
// signed checkpoint. Both append-only: the service may read and insert, nothing else.
const upSql = `
CREATE TABLE "public".merkle_nodes (
  level  smallint NOT NULL CHECK (level >= 0 AND level < 64),
  index  bigint   NOT NULL CHECK (index >= 0),
  hash   bytea    NOT NULL CHECK (length(hash) = 32),
  PRIMARY KEY (level, index)
);
CREATE TABLE "public".ledger_checkpoints (
  checkpoint_no bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  origin        text        NOT NULL,
  tree_size     bigint      NOT NULL CHECK (tree_size >= 0),
  root_hash     bytea       NOT NULL CHECK (length(root_hash) = 32),
  signed_at     timestamptz NOT NULL,
  key_id        text        NOT NULL,
  signature     bytea       NOT NULL,
  reason        text        NOT NULL
);
CREATE INDEX ledger_checkpoints_size ON "public".ledger_checkpoints (tree_size);
CREATE TRIGGER merkle_nodes_append_only BEFORE UPDATE OR DELETE ON merkle_nodes
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER merkle_nodes_no_truncate BEFORE TRUNCATE ON merkle_nodes
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER ledger_checkpoints_append_only BEFORE UPDATE OR DELETE ON ledger_checkpoints
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER ledger_checkpoints_no_truncate BEFORE TRUNCATE ON ledger_checkpoints
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
GRANT SELECT, INSERT ON merkle_nodes, ledger_checkpoints TO ledger_service;`;

export class VerifiableLedger1763800000400 implements MigrationInterface {
  name = 'VerifiableLedger1763800000400';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(upSql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE ledger_checkpoints; DROP TABLE merkle_nodes');
  }
}

import type pg from 'pg';
import { ledgerEventCatalogue } from '../../events/index.js';
import type { LogReader } from './log-reader.port.js';
import { PostgresLogReader } from './postgres/postgres-log-reader.js';

/**
 * The log reader outside Nest (projections, the CLI, benchmarks): over a pool, or over a
 * transaction's client so its reads share that transaction's snapshot. Upcasts with the catalogue.
 */
export function ledgerLogReader(db: Pick<pg.Pool, 'query'>): LogReader {
  return new PostgresLogReader(db, (event) => ledgerEventCatalogue.upcast(event));
}

import type pg from 'pg';
import type { RecordedEvent } from '../src/eventstore/event-store.port.js';
import type { LogReader } from '../src/eventstore/log-reader.port.js';
import type { RowInserter } from './row-inserter.js';

// A read model: a fold of the log into tables. It declares the event types it reads, creates its
// tables in a given schema (public for the live tables, a scratch schema for a check), and applies
// a batch of events inside the caller's transaction, which also moves its checkpoint. A fold that
// needs earlier events (evidence) asks the log reader it is given, which reads in that transaction.
// Rows it only ever inserts go through the row inserter it is given (row-inserter.ts): live folds
// INSERT, a rebuild into the tables it emptied COPYs.

export interface Projection {
  readonly name: string;
  readonly canHandle: readonly string[];
  readonly tables: readonly string[];
  /**
   * The fold depends only on the order of events within each stream (rows keyed by stream,
   * sums that commute, rows keyed by position), so the partitions of the Kafka topic (key =
   * stream id) may be applied by different workers independently. False: it needs the log's order.
   */
  readonly partitionable: boolean;
  schemaSql(schema: string): string;
  apply(
    client: pg.PoolClient,
    schema: string,
    events: readonly RecordedEvent[],
    log: LogReader,
    /** how insert-only rows are written; INSERT ... unnest when not given */
    rows?: RowInserter,
  ): Promise<void>;
}

export function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain identifier: ${name}`);
  return `"${name}"`;
}

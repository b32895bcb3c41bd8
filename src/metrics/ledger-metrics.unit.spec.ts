import { describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { LedgerMetrics } from './ledger-metrics.js';

const pool = { totalCount: 3, idleCount: 2, waitingCount: 1 } as pg.Pool;
const reading = {
  headPosition: 10,
  projections: [{ name: 'postings', position: 7 }],
  relay: { topic: 'ledger-events', position: 4 },
};

describe('LedgerMetrics', () => {
  it('keeps one registry per instance, so two instances in one process do not collide', async () => {
    const a = new LedgerMetrics();
    const b = new LedgerMetrics();
    a.batchCommitted(2, 5);
    expect(await a.registry.getSingleMetricAsString('ledger_events_appended_total')).toContain(
      'ledger_events_appended_total 5',
    );
    expect(await b.registry.getSingleMetricAsString('ledger_events_appended_total')).toContain(
      'ledger_events_appended_total 0',
    );
  });

  it('computes lags from the head at scrape time, and drops them when the database does not answer', async () => {
    const metrics = new LedgerMetrics();
    metrics.observeScrape(reading, pool);
    const up = await metrics.registry.metrics();
    expect(up).toContain('ledger_projection_lag_events{projection="postings"} 3');
    expect(up).toContain('ledger_kafka_relay_lag_events{topic="ledger-events"} 6');
    expect(up).toContain('ledger_db_pool_connections{state="waiting"} 1');
    expect(up).toContain('ledger_database_up 1');
    metrics.observeScrape(undefined, pool);
    const down = await metrics.registry.metrics();
    expect(down).toContain('ledger_database_up 0');
    expect(down).not.toContain('ledger_projection_lag_events{');
    expect(down).not.toContain('ledger_kafka_relay_lag_events{');
    expect(down).toContain('ledger_db_pool_connections{state="total"} 3');
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { alertsProjection } from '../../projections/alerts/alerts.projection.js';
import { outlierAlertId } from '../../projections/alerts/institution-cost-outliers.js';
import { quoteIdent } from '../../projections/projection.js';
import type { RecordedEvent } from '../../src/eventstore/event-store.port.js';
import { ledgerLogReader } from '../../src/eventstore/ledger-log-reader.js';
import { coveredPerson, inpatient } from '../support/claims.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { registerInstitutions } from '../support/institutions.js';

// The alerts fold gives the same rows whatever the delivery batches: the live runner's small ones
// or a rebuild's large ones. A real log made through the service: grassroots peers averaging
// 100,000 / 100,500 / 99,500 fen (30 claims each, threshold 101,225), HIGH at 300,000 becomes an
// outlier at its 30th claim, then one of its claims is reversed (29 claims: no longer eligible, so
// at the end of the log it is no outlier) and it settles one more (30 again: no second alert). A
// peer's claim is reversed too. Folded into scratch schemas in batches of 1, of 7 and all at once.

async function claim(
  t: TestApp,
  personId: string,
  institutionId: string,
  totalCostFen: number,
): Promise<string> {
  const r = await t
    .post(
      '/claims',
      inpatient(personId, {
        institutionId,
        institutionLevel: 'grassroots',
        totalCostFen,
        policyCostFen: 0,
      }),
      'institution',
    )
    .expect(201);
  return r.body.claimId;
}

async function claims(
  t: TestApp,
  persons: string[],
  institutionId: string,
  costs: number[],
): Promise<string[]> {
  const out = [];
  for (let i = 0; i < costs.length; i += 1)
    out.push(await claim(t, persons[i % persons.length]!, institutionId, costs[i]!));
  return out;
}

const around = (mean: number, n = 30) =>
  Array.from({ length: n }, (_, i) => mean + (i % 2 === 0 ? 1000 : -1000));

describe('alerts folded in batches of any size', () => {
  let t: TestApp;
  let log: RecordedEvent[];
  let high: string[];

  async function foldInto(
    schema: string,
    batchEvents: number,
  ): Promise<{ alerts: string[]; stats: string[] }> {
    const client = await t.db.connect();
    try {
      await client.query(
        `DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE; CREATE SCHEMA ${quoteIdent(schema)}`,
      );
      await client.query(alertsProjection.schemaSql(schema));
      const relevant = log.filter((e) => alertsProjection.canHandle.includes(e.type));
      for (let from = 0; from < relevant.length; from += batchEvents) {
        await client.query('BEGIN');
        await alertsProjection.apply(
          client,
          schema,
          relevant.slice(from, from + batchEvents),
          ledgerLogReader(client),
        );
        await client.query('COMMIT');
      }
      const rows = async (table: string) =>
        (
          await client.query<{ row: string }>(
            `SELECT to_jsonb(x)::text AS row FROM ${quoteIdent(schema)}.${table} x ORDER BY 1`,
          )
        ).rows.map((r) => r.row);
      return { alerts: await rows('alerts'), stats: await rows('institution_cost_stats') };
    } finally {
      client.release();
    }
  }

  beforeAll(async () => {
    t = await startTestApp();
    await registerInstitutions(
      t,
      ...['G1', 'G2', 'G3', 'NEAR', 'HIGH'].map((institutionId) => ({
        institutionId,
        level: 'grassroots' as const,
      })),
    );
    const persons = await Promise.all(Array.from({ length: 6 }, () => coveredPerson(t)));
    const g1 = await claims(t, persons, 'G1', around(100000));
    await claims(t, persons, 'G2', around(100500));
    await claims(t, persons, 'G3', around(99500));
    high = await claims(t, persons, 'HIGH', around(300000));
    await t
      .post(`/claims/${high[3]}/reversal`, { reason: '虚假住院，追回' }, 'investigator')
      .expect(201);
    await t
      .post(`/claims/${g1[0]}/reversal`, { reason: '虚假住院，追回' }, 'investigator')
      .expect(201);
    await claims(t, persons, 'HIGH', [300000]);
    const reader = ledgerLogReader(t.db);
    log = [];
    for await (const batch of reader.foldBatches(await reader.head(), {
      types: alertsProjection.canHandle,
    }))
      log.push(...batch);
  }, 120000);
  afterAll(async () => t.close());

  it('gives identical alerts and institution_cost_stats in batches of 1, of 7 and in one batch', async () => {
    const one = await foldInto('fold_batches_of_1', 1);
    const seven = await foldInto('fold_batches_of_7', 7);
    const all = await foldInto('fold_one_batch', log.length);
    expect(seven).toEqual(one);
    expect(all).toEqual(one);

    const thirtieth = log.find((e) => e.type === 'ClaimSettled' && e.data.claimId === high[29])!;
    const outliers = all.alerts
      .map((r) => JSON.parse(r))
      .filter((a) => a.rule === 'institution-cost-outlier');
    expect(outliers).toHaveLength(1);
    expect(outliers[0]).toMatchObject({
      alert_id: outlierAlertId('HIGH', 2023),
      institution_id: 'HIGH',
      raised_position: thirtieth.position,
      raised_at: expect.stringMatching(/^20/),
    });
    expect(Date.parse(outliers[0].raised_at)).toBe(Date.parse(thirtieth.recordedAt));
    expect(outliers[0].evidence).toHaveLength(30);
    const stats = Object.fromEntries(
      all.stats
        .map((r) => JSON.parse(r))
        .map((s) => [s.institution_id, [s.claims, s.total_cost_fen]]),
    );
    expect(stats).toEqual({
      G1: [29, 29 * 100000 - 1000],
      G2: [30, 30 * 100500],
      G3: [30, 30 * 99500],
      HIGH: [30, 30 * 300000 + 1000],
    });
  }, 120000);
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { quoteIdent } from '../../projections/projection.js';
import { reconciliationProjection } from '../../projections/reconciliation/reconciliation.projection.js';
import type { RecordedEvent } from '../../src/eventstore/event-store.port.js';
import { ledgerLogReader } from '../../src/eventstore/ledger-log-reader.js';
import { coveredPerson, inpatient } from '../support/claims.js';
import { registerInstitutions } from '../support/institutions.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// The reconciliation read model from a real log written through the service: a claim's invoice,
// business date and fund paid (the four shares), its reversal; a payment with its receipt in its
// enrollment's pooling region (a payment with nothing due has no receipt and no row); a recorded
// reconciliation's summary. Folded in batches of 1 and all at once: the same rows as the live ones.

const hospital = 'H370800921';
const tables = reconciliationProjection.tables;

describe('the reconciliation read model', () => {
  let t: TestApp;
  let log: RecordedEvent[];
  let kept: string;
  let reversed: string;
  let personId: string;

  async function rows(schema: string): Promise<Record<string, string[]>> {
    const out: Record<string, string[]> = {};
    for (const table of tables)
      out[table] = (
        await t.db.query<{ row: string }>(
          `SELECT to_jsonb(x)::text AS row FROM ${quoteIdent(schema)}.${table} x ORDER BY 1`,
        )
      ).rows.map((r) => r.row);
    return out;
  }

  async function foldInto(schema: string, batchEvents: number): Promise<Record<string, string[]>> {
    const client = await t.db.connect();
    try {
      await client.query(
        `DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE; CREATE SCHEMA ${quoteIdent(schema)}`,
      );
      await client.query(reconciliationProjection.schemaSql(schema));
      for (let from = 0; from < log.length; from += batchEvents) {
        await client.query('BEGIN');
        await reconciliationProjection.apply(
          client,
          schema,
          log.slice(from, from + batchEvents),
          ledgerLogReader(client),
        );
        await client.query('COMMIT');
      }
    } finally {
      client.release();
    }
    return rows(schema);
  }

  beforeAll(async () => {
    t = await startTestApp();
    await registerInstitutions(t, { institutionId: hospital, level: 'tertiary' });
    personId = await coveredPerson(t);
    const assisted = await coveredPerson(t, 'minimum-living-allowance');
    kept = (
      await t
        .post(
          '/claims',
          inpatient(personId, {
            institutionId: hospital,
            invoiceNo: 'INV-KEPT',
            totalCostFen: 1000000,
            policyCostFen: 800000,
          }),
          'institution',
        )
        .expect(201)
    ).body.claimId;
    reversed = (
      await t
        .post(
          '/claims',
          inpatient(assisted, { institutionId: hospital, invoiceNo: 'INV-REV' }),
          'institution',
        )
        .expect(201)
    ).body.claimId;
    await t.post(`/claims/${reversed}/reversal`, { reason: '追回' }, 'investigator').expect(201);
    await t
      .post(
        '/reconciliations/institution',
        { institutionId: hospital, month: '2023-03', claims: [] },
        'finance',
      )
      .expect(201);
    // corrected twice after that reconciliation (one batch folds both: the last one stands):
    // (700,000 - 100,000) x 60% = 360,000, then (600,000 - 100,000) x 60% = 300,000
    for (const [totalCostFen, policyCostFen] of [
      [950000, 700000],
      [900000, 600000],
    ])
      await t
        .post(
          `/claims/${kept}/correction`,
          { totalCostFen, policyCostFen, reason: '超标准收费' },
          'institution',
        )
        .expect(201);
    const reader = ledgerLogReader(t.db);
    // the live rows are the in-process projection's, which follows the log: wait until it has
    // folded everything written above before the tests read its tables
    const head = await reader.head();
    for (let waited = 0; ; waited += 50) {
      const { rows: at } = await t.db.query<{ position: string }>(
        "SELECT position::text AS position FROM projection_checkpoints WHERE name = 'reconciliation'",
      );
      if (Number(at[0]?.position ?? 0) >= head) break;
      if (waited > 30000) throw new Error(`the reconciliation projection is not at ${head}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    log = [];
    for await (const batch of reader.foldBatches(head, {
      types: reconciliationProjection.canHandle,
    }))
      log.push(...batch);
  }, 120000);
  afterAll(async () => t?.close());

  it('keeps each claim with its invoice, business date and fund paid as last corrected, and marks a reversal', async () => {
    const { rows: claims } = await t.db.query(
      `SELECT claim_id, invoice_no, to_char(business_date, 'YYYY-MM-DD') AS d, total_cost_fen::int AS total,
              fund_paid_fen::int AS fund, reversed_position IS NOT NULL AS reversed
       FROM reconciliation_claims ORDER BY invoice_no`,
    );
    expect(claims).toEqual([
      // settled 1,000,000 with (800,000 - 100,000) x 60% = 420,000 basic; last corrected to
      // 900,000 with (600,000 - 100,000) x 60% = 300,000
      {
        claim_id: kept,
        invoice_no: 'INV-KEPT',
        d: '2023-03-20',
        total: 900000,
        fund: 300000,
        reversed: false,
      },
      // POLICY.md's worked example: 5,940,000 + 2,151,500 + 1,000,000 + 285,950
      {
        claim_id: reversed,
        invoice_no: 'INV-REV',
        d: '2023-03-20',
        total: 12000000,
        fund: 9377450,
        reversed: true,
      },
    ]);
  });

  it('keeps payments with a receipt, in their pooling region; nothing due, no row', async () => {
    const { rows: payments } = await t.db.query(
      `SELECT receipt_no, pooling_region, to_char(paid_on, 'YYYY-MM-DD') AS d, amount_fen::int AS amount FROM reconciliation_payments`,
    );
    expect(payments).toEqual([
      { receipt_no: `R-${personId}`, pooling_region: '370800', d: '2022-12-01', amount: 38000 },
    ]);
    const { rows: enrollments } = await t.db.query(
      'SELECT count(*)::int AS n FROM reconciliation_enrollments',
    );
    expect(enrollments[0].n).toBe(2);
  });

  it('gives the live rows again folded one event at a time and all at once', async () => {
    const live = await rows('public');
    expect(live.reconciliations).toHaveLength(1);
    expect(JSON.parse(live.reconciliations[0]!)).toMatchObject({
      kind: 'institution',
      institution_id: hospital,
      agree: false,
      summary: {
        matched: 0,
        missingInFile: 1,
        totals: { ledger: { count: 1, fundPaidFen: 420000 } },
      },
    });
    expect(await foldInto('reconciliation_fold_1', 1)).toEqual(live);
    expect(await foldInto('reconciliation_fold_all', log.length)).toEqual(live);
  });
});

import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { ledgerEventCatalogue } from '../events/index.js';
import type { NewEvent } from '../src/eventstore/event-store.port.js';
import { PostgresEventStore } from '../src/eventstore/postgres/postgres-event-store.js';
import { startBenchDatabase } from './bench-database.js';
import { personYear, prng } from './province-workload.js';
import { startService } from './service-process.js';

// Issue 13 item 5: a large hospital's month, 50,000 claims (LEDGER_BENCH_RECONCILE_CLAIMS to
// change), reconciled from its CSV file through HTTP (the service in its own process): the time
// from sending the file to the report, a few runs, with a handful of each kind of difference.
// The ledger side is seeded by appending settled claims through the event store port (one real
// ClaimSettled made by the deciders, copied per invoice), then the service folds them on start.
// Baseline from the same run: the same file as JSON.

const claims = Number(process.env.LEDGER_BENCH_RECONCILE_CLAIMS ?? 50_000);
const runs = 3;
const institutionId = 'H370899999';

function templateClaim(): Record<string, unknown> {
  const random = prng(7);
  for (let index = 0; ; index += 1) {
    const year = personYear(index, random, 3);
    for (const stream of year.request.streams)
      for (const e of stream.events) if (e.type === 'ClaimSettled') return e.data;
  }
}

export async function benchReconcile(): Promise<void> {
  const database = await startBenchDatabase();
  const pool = new pg.Pool({ connectionString: database.url, max: 4 });
  pool.on('error', () => undefined);
  const store = new PostgresEventStore(pool, {
    upcast: (e) => ledgerEventCatalogue.upcast(e),
    validate: (r) =>
      r.streams.forEach((s) => s.events.forEach((e) => ledgerEventCatalogue.validate(e))),
  });
  const template = templateClaim();
  const costOf = (i: number) => 100000 + ((i * 7919) % 900000);
  const fundOf = (i: number) => Math.floor(costOf(i) * 0.6);
  try {
    const seeded = process.hrtime.bigint();
    for (let from = 0; from < claims; from += 1000) {
      const events: NewEvent[] = [];
      for (let i = from; i < Math.min(claims, from + 1000); i += 1) {
        const day = String(1 + (i % 31)).padStart(2, '0');
        const event: NewEvent = {
          eventId: randomUUID(),
          type: 'ClaimSettled',
          schemaVersion: 1,
          data: {
            ...template,
            claimId: `clm_bench_${i}`,
            institutionId,
            invoiceNo: `INV-${i}`,
            serviceDate: `2023-03-${day}`,
            businessDate: `2023-03-${day}`,
            totalCostFen: costOf(i),
            breakdown: {
              basicFen: fundOf(i),
              criticalIllnessFen: 0,
              assistanceFen: 0,
              reAssistanceFen: 0,
              personalFen: costOf(i) - fundOf(i),
            },
          },
          metadata: { actor: 'bench' },
        };
        events.push(event);
      }
      // one stream per append: the read model keys claims by id, not by stream
      await store.append({
        streams: [{ streamId: `bench-claims-${from}`, expectedVersion: 'no-stream', events }],
      });
    }
    const seedSeconds = Number(process.hrtime.bigint() - seeded) / 1e9;
    console.log(
      `\nReconciliation: ${claims} settled claims of ${institutionId} in 2023-03 appended in ${seedSeconds.toFixed(1)} s`,
    );
    // the file: every claim, with 10 fund-paid and 10 total-cost differences, 5 unknown invoices,
    // and the last 5 claims left out
    const lines = ['invoiceNo,totalCostFen,fundPaidFen'];
    const json: Array<{ invoiceNo: string; totalCostFen: number; fundPaidFen: number }> = [];
    for (let i = 0; i < claims - 5; i += 1) {
      const cost = costOf(i) + (i % 5000 === 1 ? 100 : 0);
      const fund = fundOf(i) - (i % 5000 === 2 ? 1 : 0);
      lines.push(`INV-${i},${cost},${fund}`);
      json.push({ invoiceNo: `INV-${i}`, totalCostFen: cost, fundPaidFen: fund });
    }
    for (let i = 0; i < 5; i += 1) {
      lines.push(`INV-UNKNOWN-${i},1000,600`);
      json.push({ invoiceNo: `INV-UNKNOWN-${i}`, totalCostFen: 1000, fundPaidFen: 600 });
    }
    const csv = `${lines.join('\r\n')}\r\n`;
    const jsonBody = JSON.stringify({ institutionId, month: '2023-03', claims: json });

    const started = process.hrtime.bigint();
    const service = await startService(database.serviceUrl, database.url);
    try {
      // the service folds the log on start; the first read waits until its read models caught up
      for (let waited = 0; ; waited += 1) {
        const res = await fetch(`${service.baseUrl}/api/v1/reconciliations`, {
          headers: { authorization: `Bearer ${service.key}` },
        }).catch(() => undefined);
        if (res?.status === 200) break;
        if (waited > 1200) throw new Error('the service did not catch up within 10 minutes');
        await new Promise((r) => setTimeout(r, 500));
      }
      console.log(
        `  service started and caught up with the log in ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s`,
      );
      const post = async (body: string, contentType: string, query: string) => {
        const t0 = process.hrtime.bigint();
        const res = await fetch(`${service.baseUrl}/api/v1/reconciliations/institution${query}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${service.key}`, 'content-type': contentType },
          body,
        });
        const answer = (await res.json()) as Record<string, unknown>;
        const ms = Number(process.hrtime.bigint() - t0) / 1e6;
        if (res.status !== 201 && res.status !== 200)
          throw new Error(`reconciliation answered ${res.status}: ${JSON.stringify(answer)}`);
        return { ms, answer };
      };
      const report = (label: string, bytes: number, results: Array<{ ms: number }>) => {
        const sorted = results.map((r) => r.ms).sort((a, b) => a - b);
        console.log(
          `  ${label} (${(bytes / 1024 / 1024).toFixed(2)} MiB): ${sorted.map((ms) => `${(ms / 1000).toFixed(2)} s`).join(', ')} (median ${(sorted[Math.floor(sorted.length / 2)]! / 1000).toFixed(2)} s)`,
        );
      };
      const csvRuns = [];
      for (let r = 0; r < runs; r += 1)
        csvRuns.push(await post(csv, 'text/csv', `?institutionId=${institutionId}&month=2023-03`));
      const a = csvRuns[0]!.answer as {
        matched: number;
        mismatched: unknown[];
        missingInLedger: unknown[];
        missingInFile: unknown[];
      };
      console.log(
        `  ${claims} lines: matched ${a.matched}, mismatched ${a.mismatched.length}, missing in ledger ${a.missingInLedger.length}, missing in file ${a.missingInFile.length}`,
      );
      report(`CSV, ${claims} lines`, Buffer.byteLength(csv), csvRuns);
      const jsonRuns = [];
      for (let r = 0; r < runs; r += 1) jsonRuns.push(await post(jsonBody, 'application/json', ''));
      report(`baseline: the same file as JSON`, Buffer.byteLength(jsonBody), jsonRuns);
    } finally {
      await service.stop();
    }
  } finally {
    await pool.end();
    await database.stop();
  }
}

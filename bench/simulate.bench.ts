import pg from 'pg';
import { ledgerEventCatalogue } from '../events/index.js';
import { PostgresEventStore } from '../src/eventstore/postgres/postgres-event-store.js';
import { ledgerLogReader } from '../src/eventstore/ledger-log-reader.js';
import { loadCatalogue } from '../src/policy/load-catalogue.js';
import { runSimulation } from '../src/simulation/application/run-simulation.js';
import { claimsProjection } from '../projections/claims/claims.projection.js';
import { RegionYearClaimsQuery } from '../projections/claims/region-year-claims.query.js';
import { rebuildProjections } from '../projections/rebuild.js';
import { startBenchDatabase } from './bench-database.js';
import { personYear, prng } from './province-workload.js';

// Policy simulation of a province-year (issue 15 item 4): the benchmark workload (default
// 1,000,000 events; LEDGER_BENCH_EVENTS to change) appended, then `runSimulation` as POST
// /policy-simulations and `ledger simulate` run it: the claims of 370800/2023 read in bulk from
// the claims read model, the relief grants through the LogReader port, every person settled twice
// in memory (tertiary ratio +5 points). Baseline in the same run: the raw read of the claim and
// grant events through the LogReader port (what reading them from the log would cost at least).
// Goal: the whole simulation in under 60 s.

const targetEvents = Number(process.env.LEDGER_BENCH_EVENTS ?? 1_000_000);
const appenders = 8;
const runs = 3;

export async function benchSimulate(): Promise<void> {
  const database = await startBenchDatabase();
  const pool = new pg.Pool({ connectionString: database.url, max: appenders + 2 });
  pool.on('error', () => undefined); // idle connections closed by the database stopping at the end
  const store = new PostgresEventStore(pool, {
    upcast: (e) => ledgerEventCatalogue.upcast(e),
    validate: (r) =>
      r.streams.forEach((s) => s.events.forEach((e) => ledgerEventCatalogue.validate(e))),
  });
  try {
    const random = prng(20231231);
    let written = 0;
    let index = 0;
    const started = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: appenders }, async () => {
        while (written < targetEvents) {
          const claims = Math.min(200, Math.floor(-Math.log(1 - random()) * 9));
          const year = personYear(index++, random, claims);
          written += year.events;
          await store.append(year.request);
        }
      }),
    );
    const head = await store.headPosition();
    console.log(
      `\nPolicy simulation, province-year workload (policy 370800-2023): ${head} events for ${index} persons, appended in ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s`,
    );
    await pool.query('VACUUM (ANALYZE) events');
    await pool.query('CHECKPOINT');

    // the service keeps the claims read model current; here it is built once, before the runs
    const rebuildStarted = process.hrtime.bigint();
    await rebuildProjections(pool, [claimsProjection]);
    console.log(
      `  claims read model built in ${(Number(process.hrtime.bigint() - rebuildStarted) / 1e9).toFixed(1)} s (not part of a simulation)`,
    );
    const log = ledgerLogReader(pool);
    const sources = { log, claims: new RegionYearClaimsQuery(pool) };
    const types = ['ClaimSettled', 'ClaimReversed', 'ReliefGranted'];
    const readStarted = process.hrtime.bigint();
    let read = 0;
    for await (const batch of log.foldBatches(head, { types, prefetch: true }))
      read += batch.length;
    const readSeconds = Number(process.hrtime.bigint() - readStarted) / 1e9;
    console.log(
      `  raw read of the ${read} claim and grant events through the port (all fields): ${readSeconds.toFixed(2)} s (baseline)`,
    );

    const catalogue = loadCatalogue();
    const request = {
      regionCode: '370800',
      coverageYear: 2023,
      changes: { inpatient: { levels: { tertiary: { ratioBp: 6500 } } } },
    };
    for (let run = 1; run <= runs; run += 1) {
      let readDone = 0;
      const t0 = process.hrtime.bigint();
      const answer = await runSimulation(catalogue, sources, head, request, {
        reading: () => {
          readDone = Number(process.hrtime.bigint() - t0) / 1e9;
        },
      });
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      const settled = answer.claims + answer.reliefGrants;
      console.log(
        `  run ${run}: ${answer.persons} persons, ${answer.claims} claims simulated in ${seconds.toFixed(2)} s (reading ${readDone.toFixed(2)} s, settling twice ${(seconds - readDone).toFixed(2)} s): ${(settled / seconds).toFixed(0)} claims/s; difference basic ${answer.differenceFen.basicFen} fen; goal < 60 s: ${seconds < 60 ? 'met' : 'NOT met'}`,
      );
    }
  } finally {
    await store.close();
    await pool.end();
    await database.stop();
  }
}

import pg from 'pg';
import { ledgerEventCatalogue } from '../events/index.js';
import { projections } from '../projections/index.js';
import { rebuildProjections } from '../projections/rebuild.js';
import { PostgresEventStore } from '../src/eventstore/postgres/postgres-event-store.js';
import { personStreamId, type PersonEvent } from '../src/person-stream/domain/person-events.js';
import { foldPerson, initialPersonState } from '../src/person-stream/domain/person-state.js';
import { StreamCache } from '../src/eventstore/stream-cache.js';
import type { RecordedEvent } from '../src/eventstore/event-store.port.js';
import { FoldedPersonStates } from '../src/person-stream/application/folded-person-states.js';
import { startBenchDatabase } from './bench-database.js';
import { institutionRegistry, personYear, prng } from './province-workload.js';

// A province-year of events (default 1,000,000; LEDGER_BENCH_EVENTS to change), then, in the same
// run: the raw read rate of the log through the port, the rebuild rate of every projection in
// one pass, and the latency of replaying the history of a person with ~1,000 events.
// Goals: rebuild >= 20,000 events/s and >= 0.6 x the raw read; history replay p99 < 10 ms cold,
// < 3 ms warm.

const targetEvents = Number(process.env.LEDGER_BENCH_EVENTS ?? 1_000_000);
const appenders = 8;
const historyRuns = 200;

export async function benchRebuild(): Promise<void> {
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
    // the designated institutions first: claims name only registered ones
    const registry = institutionRegistry();
    await store.append(registry);
    written += registry.streams.length;
    // the heavy claimant: ~1,000 events in one stream, appended in chunks under the per-append limit
    const heavy = personYear(index++, random, 1000);
    const [personAppend, ...invoiceAppends] = heavy.request.streams;
    for (let from = 0; from < personAppend!.events.length; from += 500) {
      await store.append({
        streams: [
          {
            streamId: personAppend!.streamId,
            expectedVersion: from === 0 ? 'no-stream' : from,
            events: personAppend!.events.slice(from, from + 500),
          },
        ],
      });
    }
    for (let from = 0; from < invoiceAppends.length; from += 500)
      await store.append({ streams: invoiceAppends.slice(from, from + 500) });
    written += heavy.events;
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
    const generateSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    const head = await store.headPosition();
    console.log(
      `\nProvince-year workload (policy 370800-2023): ${head} events for ${index} persons, generated and appended in ${generateSeconds.toFixed(1)} s (${(head / generateSeconds).toFixed(0)} events/s)`,
    );

    // A freshly bulk-loaded table makes its first reader set every tuple's hint bits (writing every
    // page); a ledger's log is read long after it is written. Settle it once so that the baseline
    // and the rebuild read the same settled table.
    await pool.query('VACUUM (ANALYZE) events');
    await pool.query('CHECKPOINT');

    let read = 0;
    const readStarted = process.hrtime.bigint();
    for (let after = 0; ;) {
      const batch = await store.readAll(after, 5000);
      if (batch.length === 0) break;
      read += batch.length;
      after = batch[batch.length - 1]!.position;
    }
    const readRate = read / (Number(process.hrtime.bigint() - readStarted) / 1e9);

    const rebuildStarted = process.hrtime.bigint();
    await rebuildProjections(pool, projections);
    const rebuildRate = head / (Number(process.hrtime.bigint() - rebuildStarted) / 1e9);
    console.log(
      `  raw read of the log through the port:  ${readRate.toFixed(0).padStart(8)} events/s (baseline)`,
    );
    console.log(
      `  rebuild of all ${projections.length} projections, one pass: ${rebuildRate.toFixed(0).padStart(8)} events/s   ${(rebuildRate / readRate).toFixed(3)} x raw read (goal >= 0.6: ${rebuildRate / readRate >= 0.6 ? 'met' : 'NOT met'}; >= 20000/s: ${rebuildRate >= 20000 ? 'met' : 'NOT met'})`,
    );

    // History replay as GET /persons/{id}/history does it: the stream through the stream cache,
    // then the state from the folded states kept (FoldedPersonStates). Cold: new caches every time
    // (what the first replay after a start costs: the database's jsonb output dominates); warm: one
    // stream cache and one set of folded states (an investigator replaying the person; each replay
    // still asks the log for anything newer). "Warm, fold every time" is the replay before the
    // folded states were kept (stream cache only), the baseline of the warm figure in this run.
    const heavyStream = heavy.request.streams[0]!.streamId;
    const open = async (e: RecordedEvent) => ({
      event: ledgerEventCatalogue.upcast(e) as unknown as PersonEvent,
      position: e.position,
    });
    const replay = async (cache: StreamCache, states: FoldedPersonStates, toPosition?: number) => {
      const stream = await cache.read(heavyStream);
      let version = stream.length;
      if (toPosition !== undefined)
        while (version > 0 && stream[version - 1]!.position > toPosition) version -= 1;
      await states.replay(heavyStream, stream, version, open);
      return stream.length;
    };
    const foldEveryTime = async (cache: StreamCache) => {
      const events = await cache.read(heavyStream);
      foldPerson(initialPersonState(), await Promise.all(events.map(open)));
    };
    const percentiles = async (run: (i: number) => Promise<unknown>) => {
      const latencies: number[] = [];
      for (let i = 0; i < historyRuns; i += 1) {
        const t0 = process.hrtime.bigint();
        await run(i);
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
      latencies.sort((a, b) => a - b);
      const p = (q: number) =>
        latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
      return { p50: p(0.5), p99: p(0.99) };
    };
    const cold = await percentiles(() => replay(new StreamCache(store), new FoldedPersonStates()));
    // the history answers every event: reading them from the log is the floor of a cold replay
    const coldRead = await percentiles(() => new StreamCache(store).read(heavyStream));
    const sharedStreams = new StreamCache(store);
    const sharedStates = new FoldedPersonStates();
    const heavyEvents = await replay(sharedStreams, sharedStates);
    const baseline = await percentiles(() => foldEveryTime(sharedStreams));
    const warm = await percentiles(() => replay(sharedStreams, sharedStates));
    // as of earlier moments: 20 positions spread over the stream, each replayed 10 times
    const positions = (await sharedStreams.read(heavyStream)).map((e) => e.position);
    const asOf = await percentiles((i) =>
      replay(
        sharedStreams,
        sharedStates,
        positions[Math.floor(((i % 20) + 1) * (positions.length / 20)) - 1],
      ),
    );
    console.log(
      `  history replay of ${personStreamId('…')} with ${heavyEvents} events, ${historyRuns} runs each:`,
    );
    const line = (name: string, r: { p50: number; p99: number }) =>
      `    ${name.padEnd(48)} p50 ${r.p50.toFixed(2).padStart(6)} ms  p99 ${r.p99.toFixed(2).padStart(6)} ms`;
    console.log(
      `${line('cold (read from the log):', cold)}   goal p99 < 10 ms: ${cold.p99 < 10 ? 'met' : 'NOT met'}`,
    );
    console.log(line('cold, the log read alone (its floor):', coldRead));
    console.log(line('warm, fold every time (baseline):', baseline));
    console.log(
      `${line('warm (stream cache + folded states):', warm)}   ${(baseline.p99 / warm.p99).toFixed(1)} x faster; goal p99 < 3 ms: ${warm.p99 < 3 ? 'met' : 'NOT met'}`,
    );
    console.log(line('warm, as of 20 earlier positions:', asOf));
  } finally {
    await store.close();
    await pool.end();
    await database.stop();
  }
}

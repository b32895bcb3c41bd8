import { randomInt, randomUUID } from 'node:crypto';
import pg from 'pg';
import type { NewEvent } from '../src/eventstore/event-store.port.js';
import { PostgresEventStore } from '../src/eventstore/postgres/postgres-event-store.js';
import { ledgerLogReader } from '../src/eventstore/ledger-log-reader.js';
import { CheckpointStore } from '../src/ledger/application/checkpoint-store.js';
import { growTree } from '../src/ledger/application/grow-tree.js';
import { makeCheckpoint } from '../src/ledger/application/make-checkpoint.js';
import { MerkleStore } from '../src/ledger/application/merkle-store.js';
import { followIntervalMs } from '../src/ledger/application/verifiable-ledger.js';
import { publicKeyOf, randomScalar } from '../src/ledger/domain/sm2.js';
import { publicKeyPem } from '../src/ledger/domain/sm2-keys.js';
import { startBenchDatabase } from './bench-database.js';

// Issue 14: the Merkle tree beside the log.
// 1. Appends (64 concurrent single-event appenders) with and without the tree follower running as
//    in the service (growTree every followIntervalMs), alternating runs; the slowdown must be <= 10%.
// 2. On a log of LEDGER_BENCH_MERKLE_EVENTS events (default 1,000,000): growing the tree over all
//    of it, growing it by 1,000 more, signing a checkpoint, inclusion and consistency proofs.

const sampleData = {
  personId: 'per_0123456789abcdef01234567',
  amountFen: 123456,
  note: '住院结算',
};

function newEvent(): NewEvent {
  return {
    eventId: randomUUID(),
    type: 'BenchEvent',
    schemaVersion: 1,
    data: sampleData,
    metadata: {},
  };
}

async function appendRate(
  store: PostgresEventStore,
  appenders: number,
  each: number,
): Promise<number> {
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: appenders }, async () => {
      for (let i = 0; i < each; i += 1)
        await store.append({
          streams: [
            {
              streamId: `bench-${randomUUID()}`,
              expectedVersion: 'no-stream',
              events: [newEvent()],
            },
          ],
        });
    }),
  );
  return (appenders * each) / (Number(process.hrtime.bigint() - started) / 1e9);
}

/** The follower as the service runs it: grow the tree every followIntervalMs until stopped. */
function follow(pool: pg.Pool): { stop: () => Promise<void> } {
  let running = true;
  const loop = (async () => {
    const tree = new MerkleStore(pool);
    const log = ledgerLogReader(pool);
    while (running) {
      await growTree(log, tree);
      await new Promise((r) => setTimeout(r, followIntervalMs));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
    },
  };
}

/** Appends `count` events in 500-event batches, 8 appenders (through the port, as the service does). */
async function fill(store: PostgresEventStore, count: number): Promise<void> {
  let left = count;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (left > 0) {
        const n = Math.min(500, left);
        left -= n;
        await store.append({
          streams: [
            {
              streamId: `fill-${randomUUID()}`,
              expectedVersion: 'no-stream',
              events: Array.from({ length: n }, newEvent),
            },
          ],
        });
      }
    }),
  );
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = process.hrtime.bigint();
  const result = await work();
  return [result, Number(process.hrtime.bigint() - started) / 1e6];
}

export async function benchMerkle(): Promise<Record<string, number>> {
  const events = Number(process.env.LEDGER_BENCH_MERKLE_EVENTS ?? 1_000_000);
  const database = await startBenchDatabase();
  const pool = new pg.Pool({ connectionString: database.url, max: 70 });
  const followerPool = new pg.Pool({ connectionString: database.url, max: 2 });
  const store = new PostgresEventStore(pool);
  const results: Record<string, number> = {};
  try {
    console.log('\nMerkle tree beside the log (issue 14)');
    await appendRate(store, 8, 50); // warm-up
    await growTree(ledgerLogReader(pool), new MerkleStore(pool));
    const without: number[] = [];
    const withTree: number[] = [];
    // alternating, the order swapped every round, so that drift in the machine's load cancels out
    for (let round = 0; round < 6; round += 1) {
      const measure = async (withFollower: boolean) => {
        // the follower runs all the time in the service: start it caught up, not with the
        // backlog of the round before
        if (withFollower) await growTree(ledgerLogReader(pool), new MerkleStore(pool));
        const follower = withFollower ? follow(followerPool) : undefined;
        (withFollower ? withTree : without).push(await appendRate(store, 64, 150));
        await follower?.stop();
      };
      await measure(round % 2 === 1);
      await measure(round % 2 === 0);
    }
    results['appends/s without the tree'] = median(without);
    results['appends/s with the tree follower'] = median(withTree);
    results['append slowdown %'] = (1 - median(withTree) / median(without)) * 100;
    console.log(
      `  appends, 64 appenders: ${median(without).toFixed(0)} events/s without the tree, ${median(withTree).toFixed(0)} with it (rounds: ${without.map((x) => x.toFixed(0)).join('/')} vs ${withTree.map((x) => x.toFixed(0)).join('/')}): slowdown ${results['append slowdown %'].toFixed(1)}%`,
    );

    const head0 = await store.headPosition();
    const toAdd = Math.max(0, events - head0);
    const [, fillMs] = await timed(() => fill(store, toAdd));
    console.log(
      `  filled the log to ${head0 + toAdd} events in ${(fillMs / 1000).toFixed(1)} s (appends, not measured)`,
    );
    const tree = new MerkleStore(pool);
    const log = ledgerLogReader(pool);
    const [size, growMs] = await timed(() => growTree(log, tree));
    results['grow the tree over the log, s'] = growMs / 1000;
    results['tree size'] = size;
    console.log(
      `  grew the tree over ${size} events in ${(growMs / 1000).toFixed(1)} s (${((size - head0) / (growMs / 1000)).toFixed(0)} leaves/s; once, then incrementally)`,
    );
    await fill(store, 1000);
    const [, moreMs] = await timed(() => growTree(log, tree));
    results['grow by 1000 events, ms'] = moreMs;
    console.log(`  grew it by 1,000 events in ${moreMs.toFixed(0)} ms`);
    const treeSize = size + 1000;
    const privateKey = randomScalar();
    const key = {
      privateKey,
      publicKey: publicKeyOf(privateKey),
      publicKeyPem: publicKeyPem(publicKeyOf(privateKey)),
    };
    const checkpoints = new CheckpointStore(pool);
    const signing: number[] = [];
    for (let i = 0; i < 20; i += 1)
      signing.push(
        (await timed(() => makeCheckpoint(tree, checkpoints, key, 'bench', treeSize, 'cli')))[1],
      );
    results['checkpoint (root + SM2 signature + insert), ms'] = median(signing);
    const inclusion: number[] = [];
    for (let i = 0; i < 1000; i += 1)
      inclusion.push((await timed(() => tree.inclusionProof(randomInt(treeSize), treeSize)))[1]);
    results['inclusion proof, ms'] = median(inclusion);
    const consistency: number[] = [];
    for (let i = 0; i < 1000; i += 1) {
      const from = 1 + randomInt(treeSize - 1);
      consistency.push((await timed(() => tree.consistencyProof(from, treeSize)))[1]);
    }
    results['consistency proof, ms'] = median(consistency);
    console.log(
      `  at ${treeSize} events: checkpoint ${median(signing).toFixed(1)} ms, inclusion proof ${median(inclusion).toFixed(2)} ms, consistency proof ${median(consistency).toFixed(2)} ms (medians; 20, 1000, 1000 runs)`,
    );
    return results;
  } finally {
    await store.close();
    await followerPool.end();
    await pool.end();
    await database.stop();
  }
}

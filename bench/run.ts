import { benchEventStoreAppend } from './eventstore-append.bench.js';
import { benchSettlement } from './settlement.bench.js';
import { benchRebuild } from './rebuild.bench.js';
import { benchEmmett } from './emmett.bench.js';
import { benchMonthlySettlement } from './monthly-settlement.bench.js';
import { benchReconcile } from './reconcile.bench.js';
import { benchPrivacy } from './privacy.bench.js';
import { benchSimulate } from './simulate.bench.js';
import { benchMerkle } from './merkle.bench.js';

// npm run bench: every benchmark, each printing its figures against a baseline measured in the
// same run. Not part of npm test.
const benchmarks: Record<string, () => Promise<unknown>> = {
  append: benchEventStoreAppend,
  settlement: benchSettlement,
  rebuild: benchRebuild,
  emmett: benchEmmett,
  'monthly-settlement': benchMonthlySettlement,
  reconcile: benchReconcile,
  privacy: benchPrivacy,
  simulate: benchSimulate,
  merkle: benchMerkle,
};

// npm run bench [-- name ...]: all benchmarks, or the named ones.
async function main(): Promise<void> {
  const names = process.argv.slice(2);
  for (const [name, bench] of Object.entries(benchmarks)) {
    if (names.length === 0 || names.includes(name)) await bench();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

import { benchEventStoreAppend } from './eventstore-append.bench.js';

// npm run bench: every benchmark, each printing its figures against a baseline measured in the
// same run. Not part of npm test.
async function main(): Promise<void> {
  await benchEventStoreAppend();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

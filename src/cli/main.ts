import { Command, InvalidArgumentError } from 'commander';
import type pg from 'pg';
import { projections, retiredProjectionNames } from '../../projections/index.js';
import { checkProjection, rebuildProjections } from '../../projections/rebuild.js';
import { loadConfig } from '../config/app-config.js';
import { verifyChain } from '../ledger/application/chain-verifier.js';
import { verifyAccessLog } from '../privacy/application/access-log.js';
import { ledgerLogReader } from '../eventstore/ledger-log-reader.js';
import { openCliDatabase, withDatabase } from './cli-database.js';
import { checkLedgerBalance } from './ledger-audit.js';
import { exportPostingsCsv } from './export-postings.js';
import { writeFileSync } from 'node:fs';
import { isRegionCode, regionCodeRule } from '../shared/domain/region-code.js';
import { reconcileCommand } from './reconcile-command.js';
import { simulateCommand } from './simulate-command.js';
import { date } from './cli-arguments.js';
import { describeFatal } from '../database/database-errors.js';
import {
  checkpointCommand,
  readPublicKey,
  verifyCheckpointCommand,
  verifyReceiptCommand,
} from './verifiable-ledger-cli.js';
import { loadSigningKey } from '../ledger/application/signing-key-file.js';
import { kafkaClient } from '../messaging/kafka-client.js';
import { consumerGroupOf, ProjectionWorker } from '../messaging/projection-worker.js';
import { loadPublisherCheckpoint } from '../messaging/publisher-checkpoint.js';
import { fundStatements } from '../../projections/postings/statements.query.js';
import { statementsCsv, statementsXlsx } from '../statements/application/statement-files.js';

// npm run ledger -- <command>: the auditor's and operator's tools, over the same database as the
// service. Exit code 0 when all is well, 1 when a check fails, 2 on a usage error.

function progress(label: string) {
  let last = 0;
  return (name: string, position: number, head: number) => {
    const now = Date.now();
    if (now - last < 500 && position < head) return;
    last = now;
    process.stderr.write(`${label} ${name}: ${position}/${head} events\n`);
  };
}

async function workerCheckpoints(pool: pg.Pool): Promise<Map<string, number[]>> {
  const { rows } = await pool.query<{ projection: string; position: string }>(
    'SELECT projection, position::text AS position FROM projection_partition_checkpoints ORDER BY projection, partition',
  );
  const byProjection = new Map<string, number[]>();
  for (const r of rows)
    byProjection.set(r.projection, [...(byProjection.get(r.projection) ?? []), Number(r.position)]);
  return byProjection;
}

function selectProjections(name: string) {
  if (name === 'all') return projections;
  const found = projections.filter((p) => p.name === name);
  if (found.length === 0)
    throw new InvalidArgumentError(
      `unknown projection ${name}; known: ${projections.map((p) => p.name).join(', ')}, all`,
    );
  return found;
}

const program = new Command('ledger')
  .description('Settlement ledger: projections, tamper check, exports')
  .exitOverride((error) => {
    process.exit(error.exitCode === 0 ? 0 : 2);
  });

const projectionsCommand = program
  .command('projections')
  .description('read models built from the log');

projectionsCommand
  .command('status')
  .description('checkpoint and lag of every projection')
  .action(() =>
    withDatabase(async (pool) => {
      const head = await ledgerLogReader(pool).head();
      const { rows } = await pool.query<{ name: string; position: string }>(
        'SELECT name, position::text AS position FROM projection_checkpoints',
      );
      const checkpoints = new Map(rows.map((r) => [r.name, Number(r.position)]));
      console.log(`log head: ${head}`);
      const workers = await workerCheckpoints(pool);
      for (const p of projections) {
        const checkpoint = checkpoints.get(p.name) ?? 0;
        const partitions = workers.get(p.name);
        if (partitions) {
          console.log(
            `${p.name.padEnd(20)} kept by Kafka workers: ${partitions.length} partitions, lowest checkpoint ${Math.min(...partitions)}, highest ${Math.max(...partitions)} (rebuilt up to ${checkpoint})`,
          );
        } else {
          console.log(
            `${p.name.padEnd(20)} checkpoint ${String(checkpoint).padStart(10)}  behind ${head - checkpoint}`,
          );
        }
      }
      const topic = loadConfig().kafkaTopic;
      const published = await loadPublisherCheckpoint(pool, topic);
      const relayed =
        (await pool.query('SELECT 1 FROM kafka_publisher WHERE topic = $1', [topic])).rowCount ?? 0;
      console.log(
        relayed > 0
          ? `kafka relay (${topic}) published up to ${published}  behind ${head - published}`
          : `kafka relay (${topic}): nothing published yet (KAFKA_BROKERS unset?)`,
      );
      return 0;
    }),
  );

projectionsCommand
  .command('rebuild')
  .argument('<name>', 'a projection name or all')
  .description('empty the tables and fold the whole log into them again')
  .action((name: string) =>
    withDatabase(async (pool) => {
      const selected = selectProjections(name);
      const to = await rebuildProjections(pool, selected, progress('rebuild'));
      for (const projection of selected)
        console.log(`${projection.name}: rebuilt up to position ${to}`);
      return 0;
    }, 'owner'),
  );

projectionsCommand
  .command('check')
  .argument('[name]', 'a projection name or all', 'all')
  .description('fold the log into a scratch schema and compare it with the live tables row by row')
  .action((name: string) =>
    withDatabase(async (pool) => {
      let ok = true;
      for (const projection of selectProjections(name)) {
        const report = await checkProjection(pool, projection, progress('check'));
        ok &&= report.ok;
        console.log(
          `${projection.name}: ${report.ok ? 'no drift' : 'DRIFT'} at position ${report.position}`,
        );
        for (const t of report.tables) {
          if (t.missing || t.unexpected)
            console.log(
              `  ${t.table}: ${t.missing} rows missing, ${t.unexpected} rows unexpected; e.g. ${JSON.stringify(t.sample)}`,
            );
        }
      }
      return ok ? 0 : 1;
    }, 'owner'),
  );

program
  .command('worker')
  .description(
    'keep read models from the Kafka topic ledger.events (KAFKA_TOPIC) as a consumer group member (KAFKA_BROKERS); runs until SIGTERM',
  )
  .requiredOption(
    '--projections <names>',
    `comma-separated; partitionable ones: ${projections
      .filter((p) => p.partitionable)
      .map((p) => p.name)
      .join(', ')}`,
  )
  .action(async (options: { projections: string }) => {
    const config = loadConfig();
    if (config.kafkaBrokers.length === 0)
      throw new InvalidArgumentError('KAFKA_BROKERS is not set');
    const names = options.projections
      .split(',')
      .map((n) => n.trim())
      .filter(Boolean);
    const retired = names.filter((n) => retiredProjectionNames.includes(n));
    if (retired.length > 0)
      process.stderr.write(
        `ledger worker: ${retired.join(', ')} retired (nothing read them); skipped\n`,
      );
    const selected = names.filter((n) => !retired.includes(n)).flatMap((n) => selectProjections(n));
    if (selected.length === 0)
      throw new InvalidArgumentError('--projections: no read model left to keep');
    const notPartitionable = selected.filter((p) => !p.partitionable);
    if (notPartitionable.length > 0)
      throw new InvalidArgumentError(
        `${notPartitionable.map((p) => p.name).join(', ')} needs the log's order; it stays in the service`,
      );
    const database = await openCliDatabase(config);
    const log = (entry: Record<string, unknown>) =>
      process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`);
    const worker = new ProjectionWorker(
      database.pool,
      kafkaClient(config.kafkaBrokers, `ledger-worker-${process.pid}`, log),
      selected,
      { topic: config.kafkaTopic, log },
    );
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      log({ message: 'stopping', signal, applied: worker.applied, duplicates: worker.duplicates });
      await worker.stop().catch(() => undefined);
      await database.close();
      process.exit(0);
    };
    process.removeAllListeners('SIGTERM');
    process.removeAllListeners('SIGINT');
    process.on('SIGTERM', () => void stop('SIGTERM'));
    process.on('SIGINT', () => void stop('SIGINT'));
    await worker.start();
    log({
      message: 'worker running',
      projections: selected.map((p) => p.name),
      group: consumerGroupOf(selected),
    });
  });

program
  .command('verify')
  .description(
    'recompute the SM3 chain; check debits = credits and every fund balance against its postings; with --checkpoint, check kept signed checkpoints against the log',
  )
  .option(
    '--checkpoint <file...>',
    'a kept checkpoint (JSON of GET /ledger/checkpoint, or its text note); several: also a fork check',
  )
  .option(
    '--public-key <file>',
    'the SM2 public key PEM the auditor kept (default: the public half of LEDGER_SIGNING_KEY_FILE)',
  )
  .action((options: { checkpoint?: string[]; publicKey?: string }) =>
    withDatabase(async (pool) => {
      if (options.checkpoint) {
        const key = options.publicKey
          ? readPublicKey(options.publicKey)
          : loadSigningKey(loadConfig().signingKeyFile).publicKey;
        const code = await verifyCheckpointCommand(pool, options.checkpoint, key);
        if (code !== 0) return code;
      }
      const chain = await verifyChain(ledgerLogReader(pool), (n) =>
        process.stderr.write(`verify: ${n} events checked\n`),
      );
      if (!chain.ok) {
        console.log(
          `chain BROKEN at position ${chain.firstBadPosition}: ${chain.problem} (${chain.eventsChecked} events verified before it)`,
        );
        return 1;
      }
      console.log(`chain ok: ${chain.eventsChecked} events`);
      const balance = await checkLedgerBalance(pool);
      console.log(
        `postings: debits ${balance.debitsFen} fen, credits ${balance.creditsFen} fen${balance.debitsFen === balance.creditsFen ? '' : '  UNBALANCED'}`,
      );
      for (const m of balance.fundMismatches)
        console.log(
          `fund ${m.account}: balance ${m.balanceFen} fen but postings say ${m.postingsFen} fen`,
        );
      return balance.ok ? 0 : 1;
    }),
  );

program
  .command('access-log')
  .description('the chained log of every read of a resident ID in clear')
  .command('verify')
  .description(
    "recompute the access log's SM3 chain from row 1; names the first row that breaks it",
  )
  .action(() =>
    withDatabase(async (pool) => {
      const result = await verifyAccessLog(pool);
      if (!result.ok) {
        console.log(
          `access log BROKEN at row ${result.firstBadSeq}: ${result.problem} (${result.rowsChecked} rows verified before it)`,
        );
        return 1;
      }
      console.log(`access log ok: ${result.rowsChecked} rows`);
      return 0;
    }),
  );

program
  .command('checkpoint')
  .description('grow the Merkle tree to the head of the log and sign a checkpoint of it (SM2)')
  .action(() => withDatabase((pool) => checkpointCommand(pool, loadConfig())));

program
  .command('verify-receipt')
  .description(
    'check a receipt offline (no database, no service): its event, inclusion proof and signed checkpoint',
  )
  .requiredOption('--receipt <file>', 'the receipt (JSON of GET /ledger/receipts/{eventId})')
  .requiredOption('--public-key <file>', "the ledger's SM2 public key PEM (GET /ledger/public-key)")
  .action((options: { receipt: string; publicKey: string }) => {
    try {
      process.exit(verifyReceiptCommand(options.receipt, options.publicKey));
    } catch (error) {
      console.error(`ledger verify-receipt: ${(error as Error).message}`);
      process.exit(2);
    }
  });

const exportCommand = program.command('export').description('exports for finance and audit');

exportCommand
  .command('statements')
  .description('monthly fund statements of a region and year, CSV on stdout or XLSX to --out')
  .requiredOption('--region <code>', 'region code (GB/T 2260)')
  .requiredOption('--year <year>', 'coverage year')
  .option('--format <format>', 'csv or xlsx', 'csv')
  .option('--out <file>', 'file to write (required for xlsx)')
  .action((options: { region: string; year: string; format: string; out?: string }) =>
    withDatabase(async (pool) => {
      if (!isRegionCode(options.region))
        throw new InvalidArgumentError(`--region: ${regionCodeRule}`);
      if (!/^\d{4}$/.test(options.year))
        throw new InvalidArgumentError('--year: a four-digit year');
      const funds = await fundStatements(
        pool,
        ledgerLogReader(pool),
        options.region,
        Number(options.year),
      );
      if (options.format === 'xlsx') {
        if (!options.out) throw new InvalidArgumentError('--out: required for xlsx');
        writeFileSync(
          options.out,
          await statementsXlsx(options.region, Number(options.year), funds),
        );
        process.stderr.write(`wrote ${options.out}\n`);
      } else if (options.format === 'csv') {
        const csv = statementsCsv(funds);
        if (options.out) writeFileSync(options.out, csv);
        else process.stdout.write(csv);
      } else throw new InvalidArgumentError('--format: csv or xlsx');
      return 0;
    }),
  );

exportCommand
  .command('postings')
  .description('postings as CSV on stdout, by business date')
  .option('--account <account>', 'one account, e.g. fund:basic:370800:2023')
  .option('--from <date>', 'first business date (YYYY-MM-DD)', date)
  .option('--to <date>', 'last business date (YYYY-MM-DD)', date)
  .option('--format <format>', 'csv', 'csv')
  .action((options: { account?: string; from?: string; to?: string; format: string }) =>
    withDatabase(async (pool) => {
      if (options.format !== 'csv') throw new InvalidArgumentError('--format: only csv');
      const rows = await exportPostingsCsv(pool, options, (line) => process.stdout.write(line));
      process.stderr.write(`exported ${rows} postings\n`);
      return 0;
    }),
  );

reconcileCommand(program);
simulateCommand(program);

/** A usage error in one line; anything else with its cause chain and stack (never `ledger: undefined`). */
function fail(error: unknown): never {
  if (error instanceof InvalidArgumentError) {
    process.stderr.write(`ledger: ${error.message}\n`);
  } else {
    const { message, ...details } = describeFatal(error);
    process.stderr.write(`ledger: ${String(message)}\n${JSON.stringify(details, null, 2)}\n`);
  }
  process.exit(2);
}

process.on('unhandledRejection', fail);

program.parseAsync(process.argv).catch(fail);

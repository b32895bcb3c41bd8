import { InvalidArgumentError, type Command } from 'commander';
import { reconcile, type ReconciliationKind } from './reconcile.js';

/** `ledger reconcile <kind> --file ...`: a reconciliation through the running service. */
export function reconcileCommand(program: Command): void {
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
}

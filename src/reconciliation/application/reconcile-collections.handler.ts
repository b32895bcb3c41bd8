import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CollectedPaymentsQuery } from '../../../projections/reconciliation/collected-payments.query.js';
import type { WriteContext } from '../../write/write-context.js';
import type { WriteResponse } from '../../write/write-decision.js';
import {
  reconcileCollections,
  type CollectedPayment,
} from '../domain/collections-reconciliation.js';
import { poolingCity } from '../../shared/domain/pooling-region.js';
import type { ReceivedFile } from './received-file.js';
import { abridged, ReconciliationRecorder } from './reconciliation-recorder.js';

export class ReconcileCollectionsCommand {
  constructor(
    readonly input: {
      readonly regionCode: string;
      readonly from: string;
      readonly to: string;
      readonly payments: readonly CollectedPayment[];
    },
    readonly received: ReceivedFile,
    readonly context: WriteContext,
  ) {}
}

/** The tax collector's file against the contributions paid in the pooling region and date range. */
@CommandHandler(ReconcileCollectionsCommand)
export class ReconcileCollectionsHandler implements ICommandHandler<
  ReconcileCollectionsCommand,
  WriteResponse
> {
  constructor(
    private readonly recorder: ReconciliationRecorder,
    private readonly payments: CollectedPaymentsQuery,
  ) {}

  execute({ input, received, context }: ReconcileCollectionsCommand): Promise<WriteResponse> {
    const region = poolingCity(input.regionCode);
    const range = { from: input.from, to: input.to };
    return this.recorder.record(
      {
        kind: 'collections',
        institutionId: null,
        regionCode: region,
        period: `${input.from}..${input.to}`,
        range,
      },
      received,
      async () => {
        const ledger = await this.payments.payments(region, range);
        const r = reconcileCollections(input.payments, ledger.payments);
        return {
          position: ledger.position,
          agree: r.agree,
          lines: input.payments.length,
          answer: {
            regionCode: region,
            matched: r.matched,
            mismatched: r.mismatched,
            missingInLedger: r.missingInLedger,
            missingInFile: r.missingInFile,
            totals: r.totals,
          },
          result: {
            matched: r.matched,
            mismatchedCount: r.mismatched.length,
            missingInLedgerCount: r.missingInLedger.length,
            missingInFileCount: r.missingInFile.length,
            mismatched: abridged(r.mismatched),
            missingInLedger: abridged(r.missingInLedger),
            missingInFile: abridged(r.missingInFile),
            totals: r.totals,
          },
        };
      },
      context,
    );
  }
}

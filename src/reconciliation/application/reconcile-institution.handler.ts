import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { InstitutionClaimsQuery } from '../../../projections/reconciliation/institution-claims.query.js';
import type { WriteContext } from '../../write/write-context.js';
import type { WriteResponse } from '../../write/write-decision.js';
import {
  reconcileInstitution,
  type InstitutionClaimLine,
} from '../domain/institution-reconciliation.js';
import { monthRange } from '../domain/reconciliation-periods.js';
import type { ReceivedFile } from './received-file.js';
import { abridged, ReconciliationRecorder } from './reconciliation-recorder.js';

export class ReconcileInstitutionCommand {
  constructor(
    readonly input: {
      readonly institutionId: string;
      readonly month: string;
      readonly claims: readonly InstitutionClaimLine[];
    },
    readonly received: ReceivedFile,
    readonly context: WriteContext,
  ) {}
}

/** A hospital's monthly file against its settled, unreversed claims of that month (business date). */
@CommandHandler(ReconcileInstitutionCommand)
export class ReconcileInstitutionHandler implements ICommandHandler<
  ReconcileInstitutionCommand,
  WriteResponse
> {
  constructor(
    private readonly recorder: ReconciliationRecorder,
    private readonly claims: InstitutionClaimsQuery,
  ) {}

  execute({ input, received, context }: ReconcileInstitutionCommand): Promise<WriteResponse> {
    const range = monthRange(input.month);
    return this.recorder.record(
      {
        kind: 'institution',
        institutionId: input.institutionId,
        regionCode: null,
        period: input.month,
        range,
      },
      received,
      async () => {
        const ledger = await this.claims.lines(input.institutionId, range);
        const r = reconcileInstitution(input.claims, ledger.lines);
        return {
          position: ledger.position,
          agree: r.agree,
          lines: input.claims.length,
          answer: {
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

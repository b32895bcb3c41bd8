import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AssistanceFundFiguresQuery } from '../../../projections/reconciliation/assistance-fund-figures.query.js';
import { accounts } from '../../ledger/domain/accounts.js';
import type { WriteContext } from '../../write/write-context.js';
import type { WriteResponse } from '../../write/write-decision.js';
import {
  reconcileAssistanceFund,
  type FundFigures,
} from '../domain/assistance-fund-reconciliation.js';
import { poolingCity } from '../../shared/domain/pooling-region.js';
import { quarterRange } from '../domain/reconciliation-periods.js';
import type { ReceivedFile } from './received-file.js';
import { ReconciliationRecorder } from './reconciliation-recorder.js';

export class ReconcileAssistanceFundCommand {
  constructor(
    readonly input: {
      readonly regionCode: string;
      readonly quarter: string;
      readonly treasury: FundFigures;
    },
    readonly received: ReceivedFile,
    readonly context: WriteContext,
  ) {}
}

/** The treasury's quarterly special-account figures against the region's assistance fund. */
@CommandHandler(ReconcileAssistanceFundCommand)
export class ReconcileAssistanceFundHandler implements ICommandHandler<
  ReconcileAssistanceFundCommand,
  WriteResponse
> {
  constructor(
    private readonly recorder: ReconciliationRecorder,
    private readonly fund: AssistanceFundFiguresQuery,
  ) {}

  execute({ input, received, context }: ReconcileAssistanceFundCommand): Promise<WriteResponse> {
    const region = poolingCity(input.regionCode);
    const range = quarterRange(input.quarter);
    return this.recorder.record(
      {
        kind: 'assistance-fund',
        institutionId: null,
        regionCode: region,
        period: input.quarter,
        range,
      },
      received,
      async () => {
        const ledger = await this.fund.figures(accounts.assistanceFund(region), range);
        const r = reconcileAssistanceFund(ledger.figures, input.treasury);
        return {
          position: ledger.position,
          agree: r.agree,
          lines: 1,
          answer: {
            regionCode: region,
            quarter: input.quarter,
            from: range.from,
            to: range.to,
            ledger: r.ledger,
            treasury: r.treasury,
            differenceFen: r.differenceFen,
          },
          result: { ledger: r.ledger, treasury: r.treasury, differenceFen: r.differenceFen },
        };
      },
      context,
    );
  }
}

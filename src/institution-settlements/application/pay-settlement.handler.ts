import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { WriteService } from '../../write/write.service.js';
import type { WriteContext } from '../../write/write-context.js';
import type { WriteDecision, WriteResponse } from '../../write/write-decision.js';
import { missing } from '../../shared/domain/refusal.js';
import { decidePaySettlement } from '../domain/pay-settlement.decider.js';
import { institutionSettlementsStreamId, isSettlementId } from '../domain/settlement-id.js';
import { SettlementStreamRepository } from './settlement-stream.repository.js';

export class PaySettlementCommand {
  constructor(
    readonly settlementId: string,
    readonly paidOn: string,
    readonly bankReference: string,
    readonly context: WriteContext,
  ) {}
}

/** The payment of a settlement, on the institution's settlement stream at the version it read: once, exactly the net. */
@CommandHandler(PaySettlementCommand)
export class PaySettlementHandler implements ICommandHandler<PaySettlementCommand, WriteResponse> {
  constructor(
    private readonly writes: WriteService,
    private readonly streams: SettlementStreamRepository,
  ) {}

  async execute(command: PaySettlementCommand): Promise<WriteResponse> {
    const institutionId = isSettlementId(command.settlementId)
      ? await this.streams.institutionOf(command.settlementId)
      : undefined;
    if (!institutionId) throw missing('not-found', `no settlement ${command.settlementId}`);
    const streamId = institutionSettlementsStreamId(institutionId);
    return this.writes.execute(
      command.context,
      () => this.attempt(institutionId, command),
      streamId,
    );
  }

  private async attempt(
    institutionId: string,
    command: PaySettlementCommand,
  ): Promise<WriteDecision> {
    const history = await this.streams.load(institutionId);
    const paid = decidePaySettlement(command, history);
    return {
      kind: 'append',
      streams: [
        {
          streamId: institutionSettlementsStreamId(institutionId),
          expectedVersion: history.version,
          events: [{ type: 'InstitutionSettlementPaid', data: paid }],
        },
      ],
      response: {
        statusCode: 201,
        body: { settlementId: paid.settlementId, status: 'paid', netFen: paid.netFen },
      },
    };
  }
}

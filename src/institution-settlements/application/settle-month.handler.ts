import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { WriteService } from '../../write/write.service.js';
import type { WriteContext } from '../../write/write-context.js';
import type { WriteDecision, WriteResponse } from '../../write/write-decision.js';
import { chinaDate } from '../../shared/domain/business-date.js';
import { missing } from '../../shared/domain/refusal.js';
import { ReadModels } from '../../read-models/read-models.module.js';
import { decideSettleMonth } from '../domain/settle-month.decider.js';
import {
  institutionSettlementsStreamId,
  settlementGuardStreamId,
  settlementIdOf,
} from '../domain/settlement-id.js';
import { InstitutionFactsReader } from './institution-facts.reader.js';
import { SettlementStreamRepository } from './settlement-stream.repository.js';
import { approvedView } from './settlement-view.js';

export class SettleMonthCommand {
  constructor(
    readonly institutionId: string,
    readonly month: string,
    readonly context: WriteContext,
  ) {}
}

/**
 * The monthly settlement of an institution. Each attempt waits until the log (its PostgreSQL copy)
 * has reached the head, reads the institution's settlement stream at its version, then every
 * claim, reversal and correction of the institution at or below that head, and appends to the
 * settlement stream with the version it read (plus the month's guard stream, no-stream). So two
 * settlements of one institution can never both be recorded from the same history: the second
 * attempt's append fails and it decides again, seeing what the first took. What is appended after
 * the head it read (recorded in the event as throughPosition) is collected by the next settlement.
 */
@CommandHandler(SettleMonthCommand)
export class SettleMonthHandler implements ICommandHandler<SettleMonthCommand, WriteResponse> {
  constructor(
    private readonly writes: WriteService,
    private readonly streams: SettlementStreamRepository,
    private readonly facts: InstitutionFactsReader,
    private readonly readModels: ReadModels,
  ) {}

  execute({ institutionId, month, context }: SettleMonthCommand): Promise<WriteResponse> {
    const streamId = institutionSettlementsStreamId(institutionId);
    return this.writes.execute(
      context,
      () => this.attempt(institutionId, month, context),
      streamId,
    );
  }

  private async attempt(
    institutionId: string,
    month: string,
    context: WriteContext,
  ): Promise<WriteDecision> {
    const history = await this.streams.load(institutionId);
    const head = await this.readModels.ready({ now: ['log'] });
    const facts = await this.facts.read(institutionId, head);
    // until the registry lands, an institution is one the ledger knows claims of
    if (facts.claims.length === 0)
      throw missing('not-found', `the ledger knows no claim of institution ${institutionId}`);
    const settlementId = settlementIdOf(institutionId, month);
    const approved = decideSettleMonth(
      {
        settlementId,
        institutionId,
        month,
        today: chinaDate(context.now),
        throughPosition: head,
        facts,
      },
      history,
    );
    return {
      kind: 'append',
      streams: [
        {
          streamId: institutionSettlementsStreamId(institutionId),
          expectedVersion: history.version === 0 ? 'no-stream' : history.version,
          events: [{ type: 'InstitutionSettlementApproved', data: approved }],
        },
        {
          streamId: settlementGuardStreamId(settlementId),
          expectedVersion: 'no-stream',
          events: [
            {
              type: 'InstitutionSettlementRegistered',
              data: { settlementId, institutionId, month },
            },
          ],
        },
      ],
      response: { statusCode: 201, body: approvedView(approved) },
    };
  }
}

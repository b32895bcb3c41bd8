import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ClosedPeriods } from '../../ledger/application/closed-periods.js';
import type { WriteContext } from '../../write/write-context.js';
import type { WriteResponse } from '../../write/write-decision.js';
import { chinaDate } from '../../shared/domain/business-date.js';
import { PersonCommandPath } from '../../person-stream/application/person-command-path.js';
import { missing } from '../../shared/domain/refusal.js';
import { isClaimId } from '../domain/claim-id.js';
import { decideReverseClaim } from '../domain/reverse-claim.decider.js';
import { ClaimRepository } from './claim.repository.js';

export class ReverseClaimCommand {
  constructor(
    readonly claimId: string,
    readonly reason: string,
    readonly context: WriteContext,
  ) {}
}

@CommandHandler(ReverseClaimCommand)
export class ReverseClaimHandler implements ICommandHandler<ReverseClaimCommand, WriteResponse> {
  constructor(
    private readonly path: PersonCommandPath,
    private readonly claims: ClaimRepository,
    private readonly periods: ClosedPeriods,
  ) {}

  async execute({ claimId, reason, context }: ReverseClaimCommand): Promise<WriteResponse> {
    const invoice = isClaimId(claimId)
      ? await this.claims.invoice(claimId)
      : { status: 'free' as const };
    if (invoice.status !== 'taken') throw missing('not-found', `no claim ${claimId}`);
    return this.path.execute(context, {
      personId: invoice.invoice.personId,
      command: async () => ({
        claimId,
        reason,
        reversedOn: chinaDate(context.now),
        closedYears: [...(await this.periods.years())],
      }),
      decide: decideReverseClaim,
      view: (_, person) => ({
        claimId,
        status: 'reversed',
        returned: person.claims.get(claimId)!.reversal!.returned,
      }),
    });
  }
}

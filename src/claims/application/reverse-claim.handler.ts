import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { WriteService } from '../../write/write.service.js';
import type { WriteContext } from '../../write/write-context.js';
import type { WriteResponse } from '../../write/write-decision.js';
import { chinaDate } from '../../write/business-date.js';
import { PersonRepository } from '../../persons/application/person.repository.js';
import { personStreamId } from '../../persons/domain/person-events.js';
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
    private readonly writes: WriteService,
    private readonly persons: PersonRepository,
    private readonly claims: ClaimRepository,
  ) {}

  async execute({ claimId, reason, context }: ReverseClaimCommand): Promise<WriteResponse> {
    const invoice = isClaimId(claimId) ? await this.claims.invoice(claimId) : { status: 'free' as const };
    if (invoice.status !== 'taken') throw missing('not-found', `no claim ${claimId}`);
    const personId = invoice.invoice.personId;
    return this.writes.execute(
      context,
      async () => {
        const person = await this.persons.load(personId);
        const reversal = decideReverseClaim({ claimId, reason, reversedOn: chinaDate(context.now) }, person);
        return {
          kind: 'append',
          streams: [this.persons.streamAppend(personId, person, [{ type: 'ClaimReversed', data: reversal }])],
          response: { statusCode: 201, body: { claimId, status: 'reversed', returned: reversal.returned } },
        };
      },
      personStreamId(personId),
    );
  }
}

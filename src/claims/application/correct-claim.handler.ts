import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { WriteContext } from '../../write/write-context.js';
import type { WriteResponse } from '../../write/write-decision.js';
import { chinaDate } from '../../shared/domain/business-date.js';
import { PersonCommandPath } from '../../person-stream/application/person-command-path.js';
import { policyCatalogueToken } from '../../policy/policy.module.js';
import { findPolicy, type Catalogue } from '../../policy/domain/catalogue.js';
import { missing } from '../../shared/domain/refusal.js';
import { isClaimId } from '../domain/claim-id.js';
import { decideCorrectClaim, type CorrectClaim } from '../domain/correct-claim.decider.js';
import { ClosedPeriods } from '../../ledger/application/closed-periods.js';
import { ClaimRepository } from './claim.repository.js';
import { correctionView } from './correction-view.js';

/** The caller may act for the claim's institution: checked at the edge (claims.controller.ts) before this runs. */
export class CorrectClaimCommand {
  constructor(
    readonly claimId: string,
    readonly totalCostFen: number,
    readonly policyCostFen: number,
    readonly reason: string,
    readonly context: WriteContext,
  ) {}
}

/** Reversal and re-settlement of a claim with corrected amounts, one event on the person's stream. */
@CommandHandler(CorrectClaimCommand)
export class CorrectClaimHandler implements ICommandHandler<CorrectClaimCommand, WriteResponse> {
  constructor(
    private readonly path: PersonCommandPath,
    private readonly claims: ClaimRepository,
    private readonly periods: ClosedPeriods,
    @Inject(policyCatalogueToken) private readonly catalogue: Catalogue,
  ) {}

  async execute(input: CorrectClaimCommand): Promise<WriteResponse> {
    const { claimId, context } = input;
    const invoice = isClaimId(claimId)
      ? await this.claims.invoice(claimId)
      : { status: 'free' as const };
    if (invoice.status !== 'taken') throw missing('not-found', `no claim ${claimId}`);
    return this.path.execute<CorrectClaim>(context, {
      personId: invoice.invoice.personId,
      command: async (state) => {
        const settled =
          state.status === 'registered' ? state.claims.get(claimId)?.settled : undefined;
        return {
          claimId,
          totalCostFen: input.totalCostFen,
          policyCostFen: input.policyCostFen,
          reason: input.reason,
          correctedOn: chinaDate(context.now),
          // a claim of a sealed year is corrected into the open year (POLICY.md period close)
          closedYears: [...(await this.periods.years())],
          policy: settled && findPolicy(this.catalogue, settled.regionCode, settled.coverageYear),
        };
      },
      decide: decideCorrectClaim,
      policyId: (c) => c.policy?.policyId,
      view: (_, person) => correctionView(person.claims.get(claimId)!),
      // the same corrected amounts again: the latest correction's answer, where it is recorded
      repeat: {
        statusCode: 201,
        position: (_, person) => person.claims.get(claimId)!.corrections!.at(-1)!.correctedAt,
      },
    });
  }
}

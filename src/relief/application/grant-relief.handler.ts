import { Inject } from '@nestjs/common';
import { ClosedPeriods } from '../../ledger/application/closed-periods.js';
import { yearOf } from '../../shared/domain/local-date.js';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { OpaqueIds } from '../../identity/opaque-ids.js';
import { NaturalKeys } from '../../write/natural-keys.js';
import type { WriteContext } from '../../write/write-context.js';
import type { WriteResponse } from '../../write/write-decision.js';
import { policyCatalogueToken } from '../../policy/policy.module.js';
import { findPolicy, type Catalogue } from '../../policy/domain/catalogue.js';
import { PersonCommandPath } from '../../person-stream/application/person-command-path.js';
import { isPersonId } from '../../persons/domain/person-id.js';
import type { RegisteredPerson } from '../../person-stream/domain/person-state.js';
import { missing } from '../../shared/domain/refusal.js';
import {
  decideGrantRelief,
  grantOfReference,
  reliefPolicyKey,
  type GrantRelief,
  type GrantReliefCommand,
  type ReferenceHolder,
} from '../domain/grant-relief.decider.js';

export class GrantReliefRequest {
  constructor(
    readonly personId: string,
    readonly input: GrantRelief,
    readonly context: WriteContext,
  ) {}
}

@CommandHandler(GrantReliefRequest)
export class GrantReliefHandler implements ICommandHandler<GrantReliefRequest, WriteResponse> {
  constructor(
    private readonly path: PersonCommandPath,
    private readonly periods: ClosedPeriods,
    private readonly naturalKeys: NaturalKeys,
    private readonly ids: OpaqueIds,
    @Inject(policyCatalogueToken) private readonly catalogue: Catalogue,
  ) {}

  execute({ personId, input, context }: GrantReliefRequest): Promise<WriteResponse> {
    if (!isPersonId(personId)) throw missing('not-found', `no person ${personId}`);
    return this.path.execute<GrantReliefCommand>(context, {
      personId,
      command: async (state) => {
        await this.periods.refuseIfClosed(
          yearOf(input.onDate),
          `the relief grant of ${input.onDate}`,
        );
        const key =
          state.status === 'registered' ? reliefPolicyKey(state, input.onDate) : undefined;
        return {
          ...input,
          grantId: this.ids.grantId(personId, input.reference),
          holder: await this.naturalKeys.holder<ReferenceHolder>(
            'relief-reference',
            input.reference,
          ),
          policy: key && findPolicy(this.catalogue, key.regionCode, key.coverageYear),
        };
      },
      decide: decideGrantRelief,
      // the guard first, so that the answer's position is the grant's, as a replay answers it
      alongside: (c) => ({
        before: [
          NaturalKeys.take('relief-reference', input.reference, {
            type: 'ReliefReferenceRegistered',
            data: { reference: input.reference, grantId: c.grantId, personId },
          }),
        ],
      }),
      policyId: (c) => c.policy?.policyId,
      view: (c, person) => grantView(person, c.reference),
      repeat: {
        statusCode: 200,
        position: (c, person) => grantOfReference(person, c.reference)!.grantedAt,
      },
    });
  }
}

/** API.md's answer to a grant; a repeat finds the grant by its reference, whatever its id. */
function grantView(person: RegisteredPerson, reference: string): Record<string, unknown> {
  const g = grantOfReference(person, reference)!.granted;
  return {
    grantId: g.grantId,
    coverageYear: g.coverageYear,
    assistanceFen: g.assistanceFen,
    reAssistanceFen: g.reAssistanceFen,
  };
}

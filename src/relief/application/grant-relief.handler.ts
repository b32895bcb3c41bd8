import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { OpaqueIds } from '../../identity/opaque-ids.js';
import { WriteService } from '../../write/write.service.js';
import { NaturalKeys } from '../../write/natural-keys.js';
import type { WriteContext } from '../../write/write-context.js';
import type { WriteResponse } from '../../write/write-decision.js';
import { policyCatalogueToken } from '../../policy/policy.module.js';
import { findPolicy, type Catalogue } from '../../policy/domain/catalogue.js';
import { PersonRepository } from '../../persons/application/person.repository.js';
import { personStreamId } from '../../persons/domain/person-events.js';
import { isPersonId } from '../../persons/domain/person-id.js';
import { missing } from '../../shared/domain/refusal.js';
import { decideGrantRelief, type GrantRelief, type ReferenceHolder } from '../domain/grant-relief.decider.js';

export class GrantReliefCommand {
  constructor(
    readonly personId: string,
    readonly input: GrantRelief,
    readonly context: WriteContext,
  ) {}
}

@CommandHandler(GrantReliefCommand)
export class GrantReliefHandler implements ICommandHandler<GrantReliefCommand, WriteResponse> {
  constructor(
    private readonly writes: WriteService,
    private readonly persons: PersonRepository,
    private readonly naturalKeys: NaturalKeys,
    private readonly ids: OpaqueIds,
    @Inject(policyCatalogueToken) private readonly catalogue: Catalogue,
  ) {}

  execute({ personId, input, context }: GrantReliefCommand): Promise<WriteResponse> {
    if (!isPersonId(personId)) throw missing('not-found', `no person ${personId}`);
    const policyFor = (region: string, year: number) => findPolicy(this.catalogue, region, year);
    return this.writes.execute(
      context,
      async () => {
        const person = await this.persons.load(personId);
        const holder = await this.naturalKeys.holder<ReferenceHolder>('relief-reference', input.reference);
        const decision = decideGrantRelief(input, person, policyFor, this.ids.grantId(personId, input.reference), holder);
        const g = decision.granted;
        const body = { grantId: g.grantId, coverageYear: g.coverageYear, assistanceFen: g.assistanceFen, reAssistanceFen: g.reAssistanceFen };
        if (decision.kind === 'repeat') return { kind: 'unchanged', position: decision.position, response: { statusCode: 200, body } };
        return {
          kind: 'append',
          policyId: g.policyId,
          // the guard first, so that the answer's position is the grant's, as a replay answers it
          streams: [
            NaturalKeys.take('relief-reference', input.reference, { type: 'ReliefReferenceRegistered', data: { reference: input.reference, grantId: g.grantId, personId } }),
            this.persons.streamAppend(personId, person, [{ type: 'ReliefGranted', data: g }]),
          ],
          response: { statusCode: 201, body },
        };
      },
      personStreamId(personId),
    );
  }
}

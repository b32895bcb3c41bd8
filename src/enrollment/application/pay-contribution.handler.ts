import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { WriteService } from '../../write/write.service.js';
import { NaturalKeys } from '../../write/natural-keys.js';
import type { EventData } from '../../../events/event-definition.js';
import type { ReceiptRegistered } from '../../../events/index.js';
import { personStreamId } from '../../persons/domain/person-events.js';
import type { WriteContext } from '../../write/write-context.js';
import type { WriteResponse } from '../../write/write-decision.js';
import { policyCatalogueToken } from '../../policy/policy.module.js';
import type { Catalogue } from '../../policy/domain/catalogue.js';
import { PersonRepository } from '../../persons/application/person.repository.js';
import { findEnrollment, type RegisteredPerson } from '../../persons/domain/person-state.js';
import { missing } from '../../shared/domain/refusal.js';
import { decideEnrollment } from '../domain/enrollment.decider.js';
import { enrollmentView } from './enrollment-view.js';

export class PayContributionCommand {
  constructor(
    readonly enrollmentId: string,
    readonly input: { receiptNo: string; paidOn: string; amountFen: number },
    readonly context: WriteContext,
  ) {}
}

/** The receipt number is the natural key: the same receipt, date and amount again is a replay. */
@CommandHandler(PayContributionCommand)
export class PayContributionHandler implements ICommandHandler<PayContributionCommand, WriteResponse> {
  constructor(
    private readonly writes: WriteService,
    private readonly persons: PersonRepository,
    private readonly naturalKeys: NaturalKeys,
    @Inject(policyCatalogueToken) private readonly catalogue: Catalogue,
  ) {}

  async execute({ enrollmentId, input, context }: PayContributionCommand): Promise<WriteResponse> {
    const personId = await this.persons.personOfEnrollment(enrollmentId);
    if (!personId) throw missing('not-found', `no enrollment ${enrollmentId}`);
    return this.writes.execute(context, async () => {
      const state = await this.persons.load(personId);
      const enrollment = state.status === 'registered' ? findEnrollment(state, enrollmentId) : undefined;
      if (!enrollment) throw missing('not-found', `no enrollment ${enrollmentId}`);
      const policy = this.catalogue.policies.find((p) => p.policyId === enrollment.registered.policyId)!;
      const holder = await this.naturalKeys.holder<EventData<typeof ReceiptRegistered>>('receipt', input.receiptNo);
      const command = { enrollmentId, ...input, policy, receiptHeldBy: holder?.enrollmentId };
      const events = decideEnrollment({ type: 'PayContribution', data: command }, state);
      if (events.length === 0) {
        return { kind: 'unchanged', position: enrollment.paidAt!, response: { statusCode: 200, body: enrollmentView(enrollment, 'paid') } };
      }
      const after = PersonRepository.apply(state, events) as RegisteredPerson;
      return {
        kind: 'append',
        // the guard first, so that the answer's position is the payment's, as a replay answers it
        streams: [
          NaturalKeys.take('receipt', input.receiptNo, { type: 'ReceiptRegistered', data: { receiptNo: input.receiptNo, enrollmentId, personId } }),
          this.persons.streamAppend(personId, state, events),
        ],
        policyId: policy.policyId,
        response: { statusCode: 201, body: enrollmentView(findEnrollment(after, enrollmentId)!, 'paid') },
      };
    }, personStreamId(personId));
  }
}

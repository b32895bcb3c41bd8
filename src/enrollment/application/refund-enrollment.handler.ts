import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { WriteService } from '../../write/write.service.js';
import type { WriteContext } from '../../write/write-context.js';
import type { WriteResponse } from '../../write/write-decision.js';
import { PersonRepository } from '../../persons/application/person.repository.js';
import { findEnrollment, type RegisteredPerson } from '../../persons/domain/person-state.js';
import { missing } from '../../shared/domain/refusal.js';
import { decideEnrollment } from '../domain/enrollment.decider.js';
import { enrollmentView } from './enrollment-view.js';
import { personStreamId } from '../../persons/domain/person-events.js';

export class RefundEnrollmentCommand {
  constructor(
    readonly enrollmentId: string,
    readonly input: { refundedOn: string; reason: string },
    readonly context: WriteContext,
  ) {}
}

/** 退费: only for a person who paid and died before coverage started. */
@CommandHandler(RefundEnrollmentCommand)
export class RefundEnrollmentHandler implements ICommandHandler<RefundEnrollmentCommand, WriteResponse> {
  constructor(
    private readonly writes: WriteService,
    private readonly persons: PersonRepository,
  ) {}

  async execute({ enrollmentId, input, context }: RefundEnrollmentCommand): Promise<WriteResponse> {
    const personId = await this.persons.personOfEnrollment(enrollmentId);
    if (!personId) throw missing('not-found', `no enrollment ${enrollmentId}`);
    return this.writes.execute(context, async () => {
      const state = await this.persons.load(personId);
      const events = decideEnrollment({ type: 'RefundEnrollment', data: { enrollmentId, ...input } }, state);
      const after = PersonRepository.apply(state, events) as RegisteredPerson;
      return {
        kind: 'append',
        streams: [this.persons.streamAppend(personId, state, events)],
        response: { statusCode: 201, body: enrollmentView(findEnrollment(after, enrollmentId)!, 'refunded') },
      };
    }, personStreamId(personId));
  }
}

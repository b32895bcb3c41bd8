import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ClosedPeriods } from '../../ledger/application/closed-periods.js';
import { yearOf } from '../../shared/domain/local-date.js';
import { PersonCommandPath } from '../../person-stream/application/person-command-path.js';
import type { WriteContext } from '../../write/write-context.js';
import type { WriteResponse } from '../../write/write-decision.js';
import { PersonStreamRepository } from '../../person-stream/application/person-stream.repository.js';
import { findEnrollment } from '../../person-stream/domain/person-state.js';
import { missing } from '../../shared/domain/refusal.js';
import { decideEnrollment, type EnrollmentCommand } from '../domain/enrollment.decider.js';
import { enrollmentView } from './enrollment-view.js';

export class RefundEnrollmentCommand {
  constructor(
    readonly enrollmentId: string,
    readonly input: { refundedOn: string; reason: string },
    readonly context: WriteContext,
  ) {}
}

/** 退费: only for a person who paid and died before coverage started. */
@CommandHandler(RefundEnrollmentCommand)
export class RefundEnrollmentHandler implements ICommandHandler<
  RefundEnrollmentCommand,
  WriteResponse
> {
  constructor(
    private readonly path: PersonCommandPath,
    private readonly periods: ClosedPeriods,
    private readonly persons: PersonStreamRepository,
  ) {}

  async execute({ enrollmentId, input, context }: RefundEnrollmentCommand): Promise<WriteResponse> {
    const personId = await this.persons.personOfEnrollment(enrollmentId);
    if (!personId) throw missing('not-found', `no enrollment ${enrollmentId}`);
    return this.path.execute<EnrollmentCommand>(context, {
      personId,
      command: async () => {
        await this.periods.refuseIfClosed(
          yearOf(input.refundedOn),
          `the refund of ${input.refundedOn}`,
        );
        return { type: 'RefundEnrollment', data: { enrollmentId, ...input } };
      },
      decide: decideEnrollment,
      view: (_, person) => enrollmentView(findEnrollment(person, enrollmentId)!, 'refunded'),
    });
  }
}

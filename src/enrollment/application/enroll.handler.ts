import { Inject } from '@nestjs/common';
import { ClosedPeriods } from '../../ledger/application/closed-periods.js';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { PersonCommandPath } from '../../person-stream/application/person-command-path.js';
import type { WriteContext } from '../../write/write-context.js';
import type { WriteResponse } from '../../write/write-decision.js';
import { policyCatalogueToken } from '../../policy/policy.module.js';
import { findPolicy, type Catalogue } from '../../policy/domain/catalogue.js';
import { PersonStreamRepository } from '../../person-stream/application/person-stream.repository.js';
import {
  enrollmentLookupStreamId,
  isPersonId,
  newEnrollmentId,
} from '../../persons/domain/person-id.js';
import { enrollmentForYear, findEnrollment } from '../../person-stream/domain/person-state.js';
import { missing, Refusal } from '../../shared/domain/refusal.js';
import { RefusalSignals } from '../../alerts/application/refusal-signals.js';
import { decideEnrollment, type EnrollmentCommand } from '../domain/enrollment.decider.js';
import type { EnrollmentChannel } from '../domain/enrollment-terms.js';
import { enrollmentView } from './enrollment-view.js';

export class EnrollCommand {
  constructor(
    readonly input: {
      personId: string;
      regionCode: string;
      coverageYear: number;
      category: 'adult' | 'student-child';
      channel: EnrollmentChannel;
      enrolledOn: string;
    },
    readonly context: WriteContext,
  ) {}
}

@CommandHandler(EnrollCommand)
export class EnrollHandler implements ICommandHandler<EnrollCommand, WriteResponse> {
  constructor(
    private readonly path: PersonCommandPath,
    private readonly periods: ClosedPeriods,
    private readonly persons: PersonStreamRepository,
    private readonly signals: RefusalSignals,
    @Inject(policyCatalogueToken) private readonly catalogue: Catalogue,
  ) {}

  async execute({ input, context }: EnrollCommand): Promise<WriteResponse> {
    try {
      return await this.enroll(input, context);
    } catch (error) {
      if (error instanceof Refusal && isPersonId(input.personId)) {
        const person = await this.persons.load(input.personId);
        const existing =
          person.status === 'registered'
            ? (enrollmentForYear(person, input.coverageYear)?.registered.enrollmentId ?? null)
            : null;
        await this.signals.record(
          error,
          {
            personId: input.personId,
            institutionId: null,
            collidedWith: existing,
            request: { ...input },
            signals: ['duplicate-enrollment'],
          },
          context,
        );
      }
      throw error;
    }
  }

  private enroll(input: EnrollCommand['input'], context: WriteContext): Promise<WriteResponse> {
    if (!isPersonId(input.personId)) throw missing('not-found', `no person ${input.personId}`);
    const policy = findPolicy(this.catalogue, input.regionCode, input.coverageYear);
    return this.path.execute<EnrollmentCommand>(context, {
      personId: input.personId,
      command: async () => {
        await this.periods.refuseIfClosed(
          input.coverageYear,
          `the enrollment for ${input.coverageYear}`,
        );
        return { type: 'Enroll', data: { ...input, enrollmentId: newEnrollmentId(), policy } };
      },
      decide: decideEnrollment,
      // the person of this opaque enrollment id, for its payments and refund
      alongside: (c) => ({
        after: [
          {
            streamId: enrollmentLookupStreamId(c.data.enrollmentId),
            expectedVersion: 'no-stream',
            events: [{ type: 'PersonIdAssigned', data: { personId: input.personId } }],
          },
        ],
      }),
      policyId: () => policy?.policyId,
      view: (c, person) => enrollmentView(findEnrollment(person, c.data.enrollmentId)!, 'enrolled'),
    });
  }
}

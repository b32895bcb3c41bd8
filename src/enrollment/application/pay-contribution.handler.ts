import { Inject } from '@nestjs/common';
import { ClosedPeriods } from '../../ledger/application/closed-periods.js';
import { yearOf } from '../../shared/domain/local-date.js';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { PersonCommandPath } from '../../person-stream/application/person-command-path.js';
import { NaturalKeys } from '../../write/natural-keys.js';
import type { EventData } from '../../../events/event-definition.js';
import type { ReceiptRegistered } from '../../../events/index.js';
import type { WriteContext } from '../../write/write-context.js';
import type { WriteResponse } from '../../write/write-decision.js';
import { policyCatalogueToken } from '../../policy/policy.module.js';
import type { Catalogue } from '../../policy/domain/catalogue.js';
import { PersonStreamRepository } from '../../person-stream/application/person-stream.repository.js';
import { findEnrollment } from '../../person-stream/domain/person-state.js';
import { missing } from '../../shared/domain/refusal.js';
import { decideEnrollment, type EnrollmentCommand } from '../domain/enrollment.decider.js';
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
export class PayContributionHandler implements ICommandHandler<
  PayContributionCommand,
  WriteResponse
> {
  constructor(
    private readonly path: PersonCommandPath,
    private readonly periods: ClosedPeriods,
    private readonly persons: PersonStreamRepository,
    private readonly naturalKeys: NaturalKeys,
    @Inject(policyCatalogueToken) private readonly catalogue: Catalogue,
  ) {}

  async execute({ enrollmentId, input, context }: PayContributionCommand): Promise<WriteResponse> {
    const personId = await this.persons.personOfEnrollment(enrollmentId);
    if (!personId) throw missing('not-found', `no enrollment ${enrollmentId}`);
    return this.path.execute<Payment>(context, {
      personId,
      command: async (state) => {
        await this.periods.refuseIfClosed(yearOf(input.paidOn), `the payment of ${input.paidOn}`);
        const enrollment =
          state.status === 'registered' ? findEnrollment(state, enrollmentId) : undefined;
        if (!enrollment) throw missing('not-found', `no enrollment ${enrollmentId}`);
        const policy = this.catalogue.policies.find(
          (p) => p.policyId === enrollment.registered.policyId,
        )!;
        const holder = await this.naturalKeys.holder<EventData<typeof ReceiptRegistered>>(
          'receipt',
          input.receiptNo,
        );
        return {
          type: 'PayContribution',
          data: { enrollmentId, ...input, policy, receiptHeldBy: holder?.enrollmentId },
        };
      },
      decide: decideEnrollment,
      // the guard first, so that the answer's position is the payment's, as a replay answers it
      alongside: () => ({
        before: [
          NaturalKeys.take('receipt', input.receiptNo, {
            type: 'ReceiptRegistered',
            data: { receiptNo: input.receiptNo, enrollmentId, personId },
          }),
        ],
      }),
      policyId: (c) => c.data.policy.policyId,
      view: (_, person) => enrollmentView(findEnrollment(person, enrollmentId)!, 'paid'),
      repeat: {
        statusCode: 200,
        position: (_, person) => findEnrollment(person, enrollmentId)!.paidAt!,
      },
    });
  }
}

type Payment = Extract<EnrollmentCommand, { type: 'PayContribution' }>;

import { conflictWith, invalid, missing, refuse } from '../../shared/domain/refusal.js';
import { reversed } from '../../ledger/domain/accounts.js';
import type { PersonEvent } from '../../person-stream/domain/person-events.js';
import { requireRegistered } from '../../person-stream/domain/person-decider.js';
import {
  assistanceCategoryOn,
  enrollmentForYear,
  findEnrollment,
  type EnrollmentState,
  type PersonState,
} from '../../person-stream/domain/person-state.js';
import { computeContribution } from './contribution.js';
import { contributionPostings } from './contribution-postings.js';
import { coverageTerms, enrollmentRefusal, type EnrollmentChannel } from './enrollment-terms.js';

// Enrollment and contributions (参保缴费), decided on the person's stream so that one person has
// one enrollment per coverage year, in any region, even when two requests race.

/** The parts of a catalogue policy entry enrollment needs. */
export interface EnrollmentPolicy {
  readonly policyId: string;
  readonly coverage: { readonly start: string; readonly end: string };
  readonly funding: {
    readonly personalFen: Readonly<Record<'adult' | 'student-child', number>>;
    readonly governmentSubsidyFen: number;
    readonly criticalIllnessFundingFen: number;
    readonly assistanceSubsidyBp: Readonly<Record<string, number>>;
  };
  readonly enrollment: {
    readonly centralizedDeadline: string;
    readonly newbornGraceMonths: number;
    readonly lateWaitingMonths: number;
  };
}

export type EnrollmentCommand =
  | {
      type: 'Enroll';
      data: {
        enrollmentId: string;
        regionCode: string;
        coverageYear: number;
        category: 'adult' | 'student-child';
        channel: EnrollmentChannel;
        enrolledOn: string;
        policy: EnrollmentPolicy | undefined;
      };
    }
  | {
      type: 'PayContribution';
      data: {
        enrollmentId: string;
        receiptNo: string;
        paidOn: string;
        amountFen: number;
        policy: EnrollmentPolicy;
        /** the enrollment that holds this receipt number ledger-wide, if any (its guard stream) */
        receiptHeldBy?: string;
      };
    }
  | {
      type: 'RefundEnrollment';
      data: { enrollmentId: string; refundedOn: string; reason: string };
    };

export function decideEnrollment(
  command: EnrollmentCommand,
  state: PersonState,
): readonly PersonEvent[] {
  switch (command.type) {
    case 'Enroll':
      return enroll(command.data, state);
    case 'PayContribution':
      return pay(command.data, state);
    case 'RefundEnrollment':
      return refund(command.data, state);
    default: {
      const exhaustive: never = command;
      return exhaustive;
    }
  }
}

function enroll(
  data: Extract<EnrollmentCommand, { type: 'Enroll' }>['data'],
  state: PersonState,
): readonly PersonEvent[] {
  const person = requireRegistered(state);
  // A newborn may be enrolled ahead of birth (coverage starts at birth); nobody else can be.
  if (data.channel !== 'newborn' && data.enrolledOn < person.birthDate) {
    throw refuse('person-not-born', `enrolledOn ${data.enrolledOn} is before the person's birth`);
  }
  if (person.dateOfDeath !== null && person.dateOfDeath < data.enrolledOn) {
    throw refuse(
      'person-deceased',
      `the person died on ${person.dateOfDeath}, before ${data.enrolledOn}`,
    );
  }
  const existing = enrollmentForYear(person, data.coverageYear);
  if (existing) {
    throw conflictWith(
      'duplicate-enrollment',
      `already enrolled for ${data.coverageYear} in region ${existing.registered.regionCode} (${existing.registered.enrollmentId})`,
    );
  }
  const { policy } = data;
  if (!policy)
    throw refuse(
      'no-policy',
      `no policy for region ${data.regionCode} and coverage year ${data.coverageYear}`,
    );
  const refusal = enrollmentRefusal(policy.enrollment, data.channel, {
    birthDate: person.birthDate,
    onDate: data.enrolledOn,
  });
  if (refusal) throw refuse(refusal, `${data.channel} enrollment on ${data.enrolledOn} is closed`);
  const assistanceCategory = assistanceCategoryOn(person, data.enrolledOn);
  const registered = {
    enrollmentId: data.enrollmentId,
    personId: person.personId,
    regionCode: data.regionCode,
    coverageYear: data.coverageYear,
    category: data.category,
    channel: data.channel,
    enrolledOn: data.enrolledOn,
    policyId: policy.policyId,
    assistanceCategory,
    contribution: computeContribution(policy.funding, data.category, assistanceCategory),
  };
  const events: PersonEvent[] = [{ type: 'EnrollmentRegistered', data: registered }];
  // A share of 0 is paid at enrollment: the subsidies move and coverage starts now.
  if (registered.contribution.dueFromPersonFen === 0) {
    events.push(
      paidEvent({ registered, registeredAt: 0 }, person.birthDate, policy, null, data.enrolledOn),
    );
  }
  return events;
}

function pay(
  data: Extract<EnrollmentCommand, { type: 'PayContribution' }>['data'],
  state: PersonState,
): readonly PersonEvent[] {
  const person = requireRegistered(state);
  const enrollment = findEnrollment(person, data.enrollmentId);
  if (!enrollment) throw missing('not-found', `no enrollment ${data.enrollmentId}`);
  if (data.receiptHeldBy !== undefined && data.receiptHeldBy !== data.enrollmentId) {
    throw conflictWith(
      'receipt-reused',
      `receipt ${data.receiptNo} already paid another enrollment (${data.receiptHeldBy})`,
    );
  }
  if (enrollment.payment) {
    const same =
      enrollment.payment.receiptNo === data.receiptNo &&
      enrollment.payment.paidOn === data.paidOn &&
      enrollment.payment.amountFen === data.amountFen;
    if (same && !enrollment.refund) return [];
    throw conflictWith(
      'already-paid',
      `enrollment ${data.enrollmentId} was paid on ${enrollment.payment.paidOn}`,
    );
  }
  if (data.paidOn < enrollment.registered.enrolledOn)
    throw invalid(
      'paidOn',
      `paidOn is before the enrollment date ${enrollment.registered.enrolledOn}`,
    );
  if (person.dateOfDeath !== null && person.dateOfDeath < data.paidOn) {
    throw refuse(
      'person-deceased',
      `the person died on ${person.dateOfDeath}, before ${data.paidOn}`,
    );
  }
  const due = enrollment.registered.contribution.dueFromPersonFen;
  if (data.amountFen !== due)
    throw refuse(
      'wrong-amount',
      `the amount due from the person is ${due} fen, not ${data.amountFen}`,
    );
  const refusal = enrollmentRefusal(data.policy.enrollment, enrollment.registered.channel, {
    birthDate: person.birthDate,
    onDate: data.paidOn,
  });
  if (refusal)
    throw refuse(refusal, `${enrollment.registered.channel} payment on ${data.paidOn} is too late`);
  return [paidEvent(enrollment, person.birthDate, data.policy, data.receiptNo, data.paidOn)];
}

function paidEvent(
  enrollment: EnrollmentState,
  birthDate: string,
  policy: EnrollmentPolicy,
  receiptNo: string | null,
  paidOn: string,
): PersonEvent {
  const { registered } = enrollment;
  const terms = coverageTerms(policy.enrollment, policy.coverage, registered.channel, {
    birthDate,
    paidOn,
  });
  return {
    type: 'ContributionPaid',
    data: {
      enrollmentId: registered.enrollmentId,
      personId: registered.personId,
      receiptNo,
      paidOn,
      amountFen: registered.contribution.dueFromPersonFen,
      ...terms,
      postings: contributionPostings(registered),
    },
  };
}

function refund(
  data: Extract<EnrollmentCommand, { type: 'RefundEnrollment' }>['data'],
  state: PersonState,
): readonly PersonEvent[] {
  const person = requireRegistered(state);
  const enrollment = findEnrollment(person, data.enrollmentId);
  if (!enrollment) throw missing('not-found', `no enrollment ${data.enrollmentId}`);
  if (enrollment.refund)
    throw refuse(
      'refund-not-allowed',
      `enrollment ${data.enrollmentId} was refunded on ${enrollment.refund.refundedOn}`,
    );
  const payment = enrollment.payment;
  if (!payment) throw refuse('refund-not-allowed', 'nothing was paid for this enrollment');
  if (person.dateOfDeath === null || person.dateOfDeath >= payment.coverageStart) {
    throw refuse(
      'refund-not-allowed',
      'a refund is only for a person who died before coverage started',
    );
  }
  if (data.refundedOn < payment.paidOn)
    throw invalid('refundedOn', `refundedOn is before the payment date ${payment.paidOn}`);
  return [
    {
      type: 'EnrollmentRefunded',
      data: {
        enrollmentId: data.enrollmentId,
        personId: person.personId,
        refundedOn: data.refundedOn,
        reason: data.reason,
        refundedPersonalFen: payment.amountFen,
        postings: reversed(payment.postings),
      },
    },
  ];
}

import { describe, expect, it } from '@jest/globals';
import { givenPerson as given, refusalOf } from '../../../test/support/decider.js';
import { loadCatalogue } from '../../policy/load-catalogue.js';
import { findPolicy } from '../../policy/domain/catalogue.js';
import type { PersonEvent } from '../../persons/domain/person-events.js';
import { decideEnrollment, type EnrollmentCommand } from './enrollment.decider.js';

// Policy 370800-2023: personal 38000 fen, government subsidy 64000, critical-illness funding 10000,
// centralized deadline 2022-12-31.

const policy = findPolicy(loadCatalogue(), '370800', 2023)!;
const registered: PersonEvent = { type: 'PersonRegistered', data: { personId: 'per_1', nationalId: '37080219800101123X', name: '张三', birthDate: '1980-01-01', regionCode: '370800' } };



const enroll = (over: Partial<Extract<EnrollmentCommand, { type: 'Enroll' }>['data']> = {}): EnrollmentCommand => ({
  type: 'Enroll',
  data: { enrollmentId: 'enr_1_2023', regionCode: '370800', coverageYear: 2023, category: 'adult', channel: 'centralized', enrolledOn: '2022-11-15', policy, ...over },
});

describe('enrollment decider', () => {
  it('enrolls with the contribution of the policy: 38000 due, 64000 subsidy, 10000 critical-illness funding', () => {
    const [event] = decideEnrollment(enroll(), given(registered));
    expect(event).toMatchObject({
      type: 'EnrollmentRegistered',
      data: { policyId: '370800-2023', assistanceCategory: 'none', contribution: { personalFen: 38000, assistanceSubsidyFen: 0, dueFromPersonFen: 38000, governmentSubsidyFen: 64000, criticalIllnessFundingFen: 10000 } },
    });
  });

  it('pays at enrollment when the assistance fund pays the whole share (特困: 100%)', () => {
    const status: PersonEvent = { type: 'AssistanceStatusChanged', data: { personId: 'per_1', category: 'extreme-poverty', effectiveFrom: '2022-01-01' } };
    const events = decideEnrollment(enroll(), given(registered, status));
    expect(events.map((e) => e.type)).toEqual(['EnrollmentRegistered', 'ContributionPaid']);
    expect(events[1]).toMatchObject({ data: { receiptNo: null, amountFen: 0, coverageStart: '2023-01-01', benefitsFrom: '2023-01-01' } });
  });

  it('refuses a second enrollment for the same coverage year in another region', () => {
    const first = decideEnrollment(enroll(), given(registered));
    expect(refusalOf(() => decideEnrollment(enroll({ regionCode: '370100', enrollmentId: 'x' }), given(registered, ...first)))).toMatchObject({ kind: 'conflict', code: 'duplicate-enrollment' });
  });

  it('refuses an enrollment dated before the birth as person-not-born, except through the newborn channel', () => {
    const born: PersonEvent = { type: 'PersonRegistered', data: { ...(registered.data as { personId: string; nationalId: string; name: string; regionCode: string }), birthDate: '2022-12-10' } };
    expect(refusalOf(() => decideEnrollment(enroll({ enrolledOn: '2022-12-09' }), given(born)))).toMatchObject({ kind: 'refused', code: 'person-not-born' });
    expect(refusalOf(() => decideEnrollment(enroll({ channel: 'late', enrolledOn: '2022-11-15' }), given(born)))).toMatchObject({ code: 'person-not-born' });
    expect(decideEnrollment(enroll({ enrolledOn: '2022-12-10' }), given(born))[0]).toMatchObject({ type: 'EnrollmentRegistered' });
    expect(decideEnrollment(enroll({ channel: 'newborn', enrolledOn: '2022-12-01' }), given(born))[0]).toMatchObject({ type: 'EnrollmentRegistered' });
  });

  it('refuses without a policy for the region and year', () => {
    expect(refusalOf(() => decideEnrollment(enroll({ policy: undefined }), given(registered)))).toMatchObject({ code: 'no-policy' });
  });

  it('refuses a wrong amount and a payment after the centralized deadline', () => {
    const events = decideEnrollment(enroll(), given(registered));
    const state = given(registered, ...events);
    const pay = (amountFen: number, paidOn: string): EnrollmentCommand => ({ type: 'PayContribution', data: { enrollmentId: 'enr_1_2023', receiptNo: 'R1', paidOn, amountFen, policy } });
    expect(refusalOf(() => decideEnrollment(pay(38001, '2022-12-01'), state))).toMatchObject({ code: 'wrong-amount' });
    expect(refusalOf(() => decideEnrollment(pay(38000, '2023-01-01'), state))).toMatchObject({ code: 'centralized-period-closed' });
    const paid = decideEnrollment(pay(38000, '2022-12-31'), state);
    expect(paid[0]).toMatchObject({ type: 'ContributionPaid', data: { coverageStart: '2023-01-01', coverageEnd: '2023-12-31', benefitsFrom: '2023-01-01' } });
    expect(decideEnrollment(pay(38000, '2022-12-31'), given(registered, ...events, ...paid))).toEqual([]);
  });

  it('refuses a receipt held by another enrollment as receipt-reused, and replays one held by this enrollment', () => {
    const events = decideEnrollment(enroll(), given(registered));
    const state = given(registered, ...events);
    const pay = (receiptHeldBy?: string): EnrollmentCommand => ({ type: 'PayContribution', data: { enrollmentId: 'enr_1_2023', receiptNo: 'R1', paidOn: '2022-12-01', amountFen: 38000, policy, receiptHeldBy } });
    expect(refusalOf(() => decideEnrollment(pay('enr_2_2023'), state))).toMatchObject({ kind: 'conflict', code: 'receipt-reused' });
    const paid = decideEnrollment(pay(), state);
    expect(paid[0]).toMatchObject({ type: 'ContributionPaid', data: { receiptNo: 'R1' } });
    expect(decideEnrollment(pay('enr_1_2023'), given(registered, ...events, ...paid))).toEqual([]);
  });

  it('refunds only a person who died before coverage started, reversing every posting', () => {
    const events = decideEnrollment(enroll(), given(registered));
    const paid = decideEnrollment({ type: 'PayContribution', data: { enrollmentId: 'enr_1_2023', receiptNo: 'R1', paidOn: '2022-12-01', amountFen: 38000, policy } }, given(registered, ...events));
    const refund: EnrollmentCommand = { type: 'RefundEnrollment', data: { enrollmentId: 'enr_1_2023', refundedOn: '2023-01-10', reason: 'died' } };
    expect(refusalOf(() => decideEnrollment(refund, given(registered, ...events, ...paid)))).toMatchObject({ code: 'refund-not-allowed' });
    const died: PersonEvent = { type: 'DeathRecorded', data: { personId: 'per_1', dateOfDeath: '2022-12-20' } };
    const [refunded] = decideEnrollment(refund, given(registered, ...events, ...paid, died));
    expect(refunded).toMatchObject({ type: 'EnrollmentRefunded', data: { refundedPersonalFen: 38000 } });
    const lines = (refunded!.data as { postings: Array<{ debitFen: number; creditFen: number }> }).postings;
    expect(lines.reduce((n, p) => n + p.debitFen, 0)).toBe(lines.reduce((n, p) => n + p.creditFen, 0));
    expect(lines.reduce((n, p) => n + p.debitFen, 0)).toBe(38000 + 64000 + 10000);
  });
});

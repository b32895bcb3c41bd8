import { describe, expect, it } from '@jest/globals';
import { decider, refused } from '../../../test/support/decider.js';
import { loadCatalogue } from '../../policy/load-catalogue.js';
import { findPolicy } from '../../policy/domain/catalogue.js';
import type { PersonEvent } from '../../person-stream/domain/person-events.js';
import { decideEnrollment, type EnrollmentCommand } from './enrollment.decider.js';

// Policy 370800-2023: personal 38000 fen, government subsidy 64000, critical-illness funding 10000,
// centralized deadline 2022-12-31.

const { given } = decider(decideEnrollment);
const policy = findPolicy(loadCatalogue(), '370800', 2023)!;
const registered: PersonEvent = {
  type: 'PersonRegistered',
  data: {
    personId: 'per_1',
    nationalId: '37080219800101123X',
    name: '张三',
    birthDate: '1980-01-01',
    regionCode: '370800',
  },
};

const enroll = (
  over: Partial<Extract<EnrollmentCommand, { type: 'Enroll' }>['data']> = {},
): EnrollmentCommand => ({
  type: 'Enroll',
  data: {
    enrollmentId: 'enr_1_2023',
    regionCode: '370800',
    coverageYear: 2023,
    category: 'adult',
    channel: 'centralized',
    enrolledOn: '2022-11-15',
    policy,
    ...over,
  },
});

describe('enrollment decider', () => {
  it('enrolls with the contribution of the policy: 38000 due, 64000 subsidy, 10000 critical-illness funding', () => {
    given(registered)
      .when(enroll())
      .then([
        {
          type: 'EnrollmentRegistered',
          data: {
            policyId: '370800-2023',
            assistanceCategory: 'none',
            contribution: {
              personalFen: 38000,
              assistanceSubsidyFen: 0,
              dueFromPersonFen: 38000,
              governmentSubsidyFen: 64000,
              criticalIllnessFundingFen: 10000,
            },
          },
        },
      ]);
  });

  it('pays at enrollment when the assistance fund pays the whole share (特困: 100%)', () => {
    const status: PersonEvent = {
      type: 'AssistanceStatusChanged',
      data: { personId: 'per_1', category: 'extreme-poverty', effectiveFrom: '2022-01-01' },
    };
    given(registered, status)
      .when(enroll())
      .then([
        { type: 'EnrollmentRegistered' },
        {
          type: 'ContributionPaid',
          data: {
            receiptNo: null,
            amountFen: 0,
            coverageStart: '2023-01-01',
            benefitsFrom: '2023-01-01',
          },
        },
      ]);
  });

  it('refuses a second enrollment for the same coverage year in another region', () => {
    const first = given(registered).when(enroll()).events();
    given(registered, ...first)
      .when(enroll({ regionCode: '370100', enrollmentId: 'x' }))
      .then(refused({ kind: 'conflict', code: 'duplicate-enrollment' }));
  });

  it('refuses an enrollment dated before the birth as person-not-born, except through the newborn channel', () => {
    const born: PersonEvent = {
      type: 'PersonRegistered',
      data: {
        ...(registered.data as {
          personId: string;
          nationalId: string;
          name: string;
          regionCode: string;
        }),
        birthDate: '2022-12-10',
      },
    };
    given(born)
      .when(enroll({ enrolledOn: '2022-12-09' }))
      .then(refused({ kind: 'refused', code: 'person-not-born' }));
    given(born)
      .when(enroll({ channel: 'late', enrolledOn: '2022-11-15' }))
      .then(refused({ code: 'person-not-born' }));
    given(born)
      .when(enroll({ enrolledOn: '2022-12-10' }))
      .then([{ type: 'EnrollmentRegistered' }]);
    given(born)
      .when(enroll({ channel: 'newborn', enrolledOn: '2022-12-01' }))
      .then([{ type: 'EnrollmentRegistered' }]);
  });

  it('refuses without a policy for the region and year', () => {
    given(registered)
      .when(enroll({ policy: undefined }))
      .then(refused({ code: 'no-policy' }));
  });

  it('refuses a wrong amount and a payment after the centralized deadline', () => {
    const events = given(registered).when(enroll()).events();
    const pay = (amountFen: number, paidOn: string): EnrollmentCommand => ({
      type: 'PayContribution',
      data: { enrollmentId: 'enr_1_2023', receiptNo: 'R1', paidOn, amountFen, policy },
    });
    given(registered, ...events)
      .when(pay(38001, '2022-12-01'))
      .then(refused({ code: 'wrong-amount' }));
    given(registered, ...events)
      .when(pay(38000, '2023-01-01'))
      .then(refused({ code: 'centralized-period-closed' }));
    const paid = given(registered, ...events)
      .when(pay(38000, '2022-12-31'))
      .events();
    expect(paid).toMatchObject([
      {
        type: 'ContributionPaid',
        data: {
          coverageStart: '2023-01-01',
          coverageEnd: '2023-12-31',
          benefitsFrom: '2023-01-01',
        },
      },
    ]);
    given(registered, ...events, ...paid)
      .when(pay(38000, '2022-12-31'))
      .thenExactly([]);
  });

  it('refuses a receipt held by another enrollment as receipt-reused, and replays one held by this enrollment', () => {
    const events = given(registered).when(enroll()).events();
    const pay = (receiptHeldBy?: string): EnrollmentCommand => ({
      type: 'PayContribution',
      data: {
        enrollmentId: 'enr_1_2023',
        receiptNo: 'R1',
        paidOn: '2022-12-01',
        amountFen: 38000,
        policy,
        receiptHeldBy,
      },
    });
    given(registered, ...events)
      .when(pay('enr_2_2023'))
      .then(refused({ kind: 'conflict', code: 'receipt-reused' }));
    const paid = given(registered, ...events)
      .when(pay())
      .events();
    expect(paid).toMatchObject([{ type: 'ContributionPaid', data: { receiptNo: 'R1' } }]);
    given(registered, ...events, ...paid)
      .when(pay('enr_1_2023'))
      .thenExactly([]);
  });

  it('refunds only a person who died before coverage started, reversing every posting', () => {
    const events = given(registered).when(enroll()).events();
    const paid = given(registered, ...events)
      .when({
        type: 'PayContribution',
        data: {
          enrollmentId: 'enr_1_2023',
          receiptNo: 'R1',
          paidOn: '2022-12-01',
          amountFen: 38000,
          policy,
        },
      })
      .events();
    const refund: EnrollmentCommand = {
      type: 'RefundEnrollment',
      data: { enrollmentId: 'enr_1_2023', refundedOn: '2023-01-10', reason: 'died' },
    };
    given(registered, ...events, ...paid)
      .when(refund)
      .then(refused({ code: 'refund-not-allowed' }));
    const died: PersonEvent = {
      type: 'DeathRecorded',
      data: { personId: 'per_1', dateOfDeath: '2022-12-20' },
    };
    const [refunded] = given(registered, ...events, ...paid, died)
      .when(refund)
      .events();
    expect(refunded).toMatchObject({
      type: 'EnrollmentRefunded',
      data: { refundedPersonalFen: 38000 },
    });
    const lines = refunded!.type === 'EnrollmentRefunded' ? refunded!.data.postings : [];
    expect(lines.reduce((n, p) => n + p.debitFen, 0)).toBe(
      lines.reduce((n, p) => n + p.creditFen, 0),
    );
    expect(lines.reduce((n, p) => n + p.debitFen, 0)).toBe(38000 + 64000 + 10000);
  });
});

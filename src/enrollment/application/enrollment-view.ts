import { enrollmentStatus, type EnrollmentState } from '../../person-stream/domain/person-state.js';

/** The bodies API.md gives for enrollment writes, and the enrollment entries of GET /persons/{id}. */
export function enrollmentView(
  enrollment: EnrollmentState,
  shape: 'enrolled' | 'paid' | 'refunded' | 'full',
): Record<string, unknown> {
  const { registered: r, payment, refund } = enrollment;
  const status = enrollmentStatus(enrollment);
  switch (shape) {
    case 'enrolled':
      return {
        enrollmentId: r.enrollmentId,
        policyId: r.policyId,
        status,
        contribution: r.contribution,
      };
    case 'paid':
      return {
        enrollmentId: r.enrollmentId,
        status,
        coverageStart: payment!.coverageStart,
        coverageEnd: payment!.coverageEnd,
        benefitsFrom: payment!.benefitsFrom,
      };
    case 'refunded':
      return {
        enrollmentId: r.enrollmentId,
        status,
        refundedPersonalFen: refund!.refundedPersonalFen,
      };
    case 'full':
      return {
        enrollmentId: r.enrollmentId,
        regionCode: r.regionCode,
        coverageYear: r.coverageYear,
        category: r.category,
        channel: r.channel,
        enrolledOn: r.enrolledOn,
        policyId: r.policyId,
        assistanceCategory: r.assistanceCategory,
        status,
        contribution: r.contribution,
        receiptNo: payment?.receiptNo ?? null,
        paidOn: payment?.paidOn ?? null,
        coverageStart: payment?.coverageStart ?? null,
        coverageEnd: payment?.coverageEnd ?? null,
        benefitsFrom: payment?.benefitsFrom ?? null,
        refundedOn: refund?.refundedOn ?? null,
        refundedPersonalFen: refund?.refundedPersonalFen ?? null,
      };
  }
}

import type { EventData } from '../../../events/event-definition.js';
import type { InstitutionSettlementApproved } from '../../../events/index.js';
import type { SettlementRecord } from '../domain/settlement-history.js';

/** The body of POST /institution-settlements. */
export function approvedView(
  a: EventData<typeof InstitutionSettlementApproved>,
): Record<string, unknown> {
  return {
    settlementId: a.settlementId,
    institutionId: a.institutionId,
    month: a.month,
    claimIds: a.claims.map((c) => c.claimId),
    grossFen: a.grossFen,
    offsetsFen: a.offsetsFen,
    netFen: a.netFen,
    status: 'approved',
  };
}

/** One settlement of GET /institution-settlements. */
export function settlementView(r: SettlementRecord): Record<string, unknown> {
  const a = r.approved;
  return {
    ...approvedView(a),
    status: r.payment ? 'paid' : 'approved',
    approvedOn: a.approvedOn,
    netByFundFen: a.netByFundFen,
    throughPosition: a.throughPosition,
    position: r.approvedAt,
    payment: r.payment
      ? {
          paidOn: r.payment.paidOn,
          bankReference: r.payment.bankReference,
          netFen: r.payment.netFen,
          position: r.paidAt,
        }
      : null,
  };
}

import type { EventData } from '../../../events/event-definition.js';
import type { InstitutionSettlementApproved } from '../../../events/index.js';
import { conflictWith, refuse } from '../../shared/domain/refusal.js';
import type { InstitutionFacts } from './institution-facts.js';
import { monthEnded, monthlySettlement } from './monthly-settlement.js';
import type { SettlementHistory } from './settlement-history.js';

export interface SettleMonth {
  readonly settlementId: string;
  readonly institutionId: string;
  readonly month: string;
  /** today in Asia/Shanghai */
  readonly today: string;
  /** the log position the facts were read at */
  readonly throughPosition: number;
  readonly facts: InstitutionFacts;
}

/** The settlement of an institution's month: 422 month-not-ended, 409 already-settled. */
export function decideSettleMonth(
  command: SettleMonth,
  history: SettlementHistory,
): EventData<typeof InstitutionSettlementApproved> {
  if (!monthEnded(command.month, command.today))
    throw refuse(
      'month-not-ended',
      `${command.month} has not ended yet (today is ${command.today}, Asia/Shanghai)`,
    );
  if (history.settlements.has(command.settlementId))
    throw conflictWith(
      'already-settled',
      `${command.month} of institution ${command.institutionId} is settled (${command.settlementId})`,
    );
  const f = monthlySettlement(command.facts, history, command.month);
  return {
    settlementId: command.settlementId,
    institutionId: command.institutionId,
    month: command.month,
    approvedOn: command.today,
    throughPosition: command.throughPosition,
    claims: f.claims.map((c) => ({ claimId: c.claimId, position: c.position, shares: c.shares })),
    owed: [...f.owed],
    offsets: [...f.offsets],
    grossFen: f.grossFen,
    offsetsFen: f.offsetsFen,
    netByFundFen: f.netByFundFen,
    netFen: f.netFen,
  };
}

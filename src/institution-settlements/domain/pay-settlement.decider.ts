import type { EventData } from '../../../events/event-definition.js';
import type { InstitutionSettlementPaid } from '../../../events/index.js';
import { accounts, transfer } from '../../ledger/domain/accounts.js';
import { conflictWith, invalid, missing } from '../../shared/domain/refusal.js';
import type { SettlementHistory } from './settlement-history.js';

export interface PaySettlement {
  readonly settlementId: string;
  readonly paidOn: string;
  readonly bankReference: string;
}

/** The payment (拨付) of a settlement: once, exactly its net, payable -> the institution's bank. */
export function decidePaySettlement(
  command: PaySettlement,
  history: SettlementHistory,
): EventData<typeof InstitutionSettlementPaid> {
  const record = history.settlements.get(command.settlementId);
  if (!record) throw missing('not-found', `no settlement ${command.settlementId}`);
  if (record.payment)
    throw conflictWith(
      'already-paid',
      `settlement ${command.settlementId} was paid on ${record.payment.paidOn} (${record.payment.bankReference})`,
    );
  const { approved } = record;
  if (command.paidOn < approved.approvedOn)
    throw invalid(
      'paidOn',
      `paidOn must not be before the settlement was approved on ${approved.approvedOn}`,
    );
  return {
    settlementId: approved.settlementId,
    institutionId: approved.institutionId,
    month: approved.month,
    paidOn: command.paidOn,
    bankReference: command.bankReference,
    netFen: approved.netFen,
    postings: transfer(
      accounts.institutionPayable(approved.institutionId),
      accounts.institutionBank(approved.institutionId),
      approved.netFen,
    ),
  };
}

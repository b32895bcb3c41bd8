// The treasury's special-account figures (财政专户) for a quarter against the ledger's assistance
// fund for the same business-date range (POLICY.md "Reconciliation"; seed 004: 每季度对账):
// income = the fund's credits in the quarter, expense = its debits in the quarter, closing
// balance = credits minus debits of every posting up to the quarter's last day.

export interface FundFigures {
  readonly incomeFen: number;
  readonly expenseFen: number;
  readonly closingBalanceFen: number;
}

export interface AssistanceFundReconciliation {
  readonly ledger: FundFigures;
  readonly treasury: FundFigures;
  /** treasury minus ledger, per figure (negative: the treasury shows less than the ledger) */
  readonly differenceFen: FundFigures;
  readonly agree: boolean;
}

export function reconcileAssistanceFund(
  ledger: FundFigures,
  treasury: FundFigures,
): AssistanceFundReconciliation {
  const differenceFen: FundFigures = {
    incomeFen: treasury.incomeFen - ledger.incomeFen,
    expenseFen: treasury.expenseFen - ledger.expenseFen,
    closingBalanceFen: treasury.closingBalanceFen - ledger.closingBalanceFen,
  };
  return {
    ledger,
    treasury,
    differenceFen,
    agree:
      differenceFen.incomeFen === 0 &&
      differenceFen.expenseFen === 0 &&
      differenceFen.closingBalanceFen === 0,
  };
}

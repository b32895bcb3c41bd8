// A monthly settlement's id: its institution and month, readable on a bank statement and in a
// trace, and the same on every retry (one settlement per institution and month).

export const settlementIdOf = (institutionId: string, month: string): string =>
  `ist-${institutionId}-${month}`;

export const institutionSettlementsStreamId = (institutionId: string): string =>
  `institution-settlements-${institutionId}`;

/** the guard stream of one settlement: institution and month taken, and the way from its id to its institution */
export const settlementGuardStreamId = (settlementId: string): string =>
  `institution-settlement-${settlementId}`;

export function isSettlementId(value: string): boolean {
  return /^ist-[A-Za-z0-9_.-]{1,64}-\d{4}-(0[1-9]|1[0-2])$/.test(value);
}

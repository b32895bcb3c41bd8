import type { EventData } from '../../../events/event-definition.js';
import type {
  InstitutionSettlementApproved,
  InstitutionSettlementPaid,
} from '../../../events/index.js';

// An institution's monthly settlements and payments, folded from its stream
// (institution-settlements-{institutionId}): which claims and owed shares are taken, how much of
// each recovery was offset, which settlements are paid.

export type SettlementEvent =
  | { type: 'InstitutionSettlementApproved'; data: EventData<typeof InstitutionSettlementApproved> }
  | { type: 'InstitutionSettlementPaid'; data: EventData<typeof InstitutionSettlementPaid> };

export interface SettlementRecord {
  readonly approved: EventData<typeof InstitutionSettlementApproved>;
  readonly approvedAt: number;
  readonly payment?: EventData<typeof InstitutionSettlementPaid>;
  readonly paidAt?: number;
}

export interface SettlementHistory {
  /** by settlement id, in recorded order */
  readonly settlements: ReadonlyMap<string, SettlementRecord>;
  readonly takenClaims: ReadonlySet<string>;
  /** owed shares taken, by movementKey */
  readonly takenOwed: ReadonlySet<string>;
  /** fen of each recovery offset so far, by movementKey */
  readonly offsetFen: ReadonlyMap<string, number>;
  readonly version: number;
}

export const emptyHistory = (): SettlementHistory => ({
  settlements: new Map(),
  takenClaims: new Set(),
  takenOwed: new Set(),
  offsetFen: new Map(),
  version: 0,
});

/** One movement of one fund by one event: the event's position and the fund name it concerns. */
export const movementKey = (m: { position: number; fund: string }): string =>
  `${m.position}:${m.fund}`;

export function evolveHistory(
  h: SettlementHistory,
  event: SettlementEvent,
  position: number,
): SettlementHistory {
  const version = h.version + 1;
  if (event.type === 'InstitutionSettlementApproved') {
    const a = event.data;
    const offsetFen = new Map(h.offsetFen);
    for (const o of a.offsets)
      offsetFen.set(movementKey(o), (offsetFen.get(movementKey(o)) ?? 0) + o.amountFen);
    return {
      settlements: new Map(h.settlements).set(a.settlementId, {
        approved: a,
        approvedAt: position,
      }),
      takenClaims: new Set([...h.takenClaims, ...a.claims.map((c) => c.claimId)]),
      takenOwed: new Set([...h.takenOwed, ...a.owed.map(movementKey)]),
      offsetFen,
      version,
    };
  }
  const record = h.settlements.get(event.data.settlementId);
  if (!record) throw new Error(`payment of unknown settlement ${event.data.settlementId}`);
  return {
    ...h,
    settlements: new Map(h.settlements).set(event.data.settlementId, {
      ...record,
      payment: event.data,
      paidAt: position,
    }),
    version,
  };
}

export function foldHistory(
  events: ReadonlyArray<{ event: SettlementEvent; position: number }>,
): SettlementHistory {
  return events.reduce((h, e) => evolveHistory(h, e.event, e.position), emptyHistory());
}

import {
  fundNames,
  fundKey,
  type FundName,
  type FundShares,
} from '../../claims/domain/fund-shares.js';

// What a monthly settlement needs from an institution's claims, as read from the log up to a
// position: each claim's shares as first settled (with its business date), the recoveries (追回)
// reversals and corrections returned to the funds, and the extra shares corrections owe the
// institution. Pure: recorded claim events in, facts out.

export interface ClaimFact {
  readonly claimId: string;
  /** where the claim's settlement is recorded */
  readonly position: number;
  readonly businessDate: string;
  readonly shares: FundShares;
}

/** An amount of one fund moved by one event about a claim (a reversal or a correction). */
export interface FundMovement {
  readonly claimId: string;
  readonly position: number;
  readonly fund: FundName;
  readonly amountFen: number;
}

export interface InstitutionFacts {
  readonly claims: readonly ClaimFact[];
  /** returned to the funds, to be offset against settlements oldest first */
  readonly recoveries: readonly FundMovement[];
  /** owed to the institution by corrections, added to the gross of its next settlement */
  readonly owed: readonly FundMovement[];
}

export interface ClaimEvent {
  readonly type: string;
  readonly position: number;
  readonly data: Readonly<Record<string, unknown>>;
}

/** The facts of the events (ClaimSettled, ClaimReversed, ClaimCorrected of one institution's claims), in position order. */
export function institutionFacts(events: readonly ClaimEvent[]): InstitutionFacts {
  const claims: ClaimFact[] = [];
  const recoveries: FundMovement[] = [];
  const owed: FundMovement[] = [];
  const sorted = [...events].sort((a, b) => a.position - b.position);
  for (const { type, position, data } of sorted) {
    const claimId = String(data.claimId);
    if (type === 'ClaimSettled') {
      claims.push({
        claimId,
        position,
        businessDate: String(data.businessDate),
        shares: sharesIn(data.breakdown),
      });
    } else if (type === 'ClaimReversed') {
      // what came back from the institution's payable (a re-adjudication's share is the person's)
      const returned = sharesIn(data.fromInstitution ?? data.returned);
      for (const fund of fundNames) {
        const amountFen = returned[fundKey[fund]];
        if (amountFen > 0) recoveries.push({ claimId, position, fund, amountFen });
      }
    } else if (type === 'ClaimCorrected') {
      const recovered = sharesIn(data.recovered);
      for (const fund of fundNames) {
        const amountFen = recovered[fundKey[fund]];
        if (amountFen > 0) recoveries.push({ claimId, position, fund, amountFen });
        if (amountFen < 0) owed.push({ claimId, position, fund, amountFen: -amountFen });
      }
    }
  }
  return { claims, recoveries, owed };
}

function sharesIn(value: unknown): FundShares {
  const v = (value ?? {}) as Partial<Record<keyof FundShares, unknown>>;
  const fen = (x: unknown): number => {
    if (typeof x !== 'number' || !Number.isSafeInteger(x))
      throw new Error(`a fund share must be integer fen: ${String(x)}`);
    return x;
  };
  return {
    basicFen: fen(v.basicFen),
    criticalIllnessFen: fen(v.criticalIllnessFen),
    assistanceFen: fen(v.assistanceFen),
    reAssistanceFen: fen(v.reAssistanceFen),
  };
}

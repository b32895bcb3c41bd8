import type { EventData } from '../../../events/event-definition.js';
import type {
  ClaimCorrected,
  ClaimReversed,
  ClaimSettled,
  ContributionPaid,
  EnrollmentRefunded,
  EnrollmentRegistered,
  PersonYearReadjudicated,
  ReliefGranted,
} from '../../../events/index.js';
import type { AnnualSums } from '../../policy/domain/annual-sums.js';
import type { PersonEvent } from './person-events.js';

// A person's state folded from their stream: identity, assistance status over time, death, and
// enrollments. `position` fields remember where each fact was recorded, so a repeated request
// can be answered with the position of the original.

export type AssistanceStatus =
  | 'extreme-poverty'
  | 'minimum-living-allowance'
  | 'poverty-relapse'
  | 'low-income-monitored'
  | 'illness-impoverished'
  | 'none';

export interface EnrollmentState {
  readonly registered: EventData<typeof EnrollmentRegistered>;
  readonly registeredAt: number;
  readonly payment?: EventData<typeof ContributionPaid>;
  readonly paidAt?: number;
  readonly refund?: EventData<typeof EnrollmentRefunded>;
  readonly refundedAt?: number;
}

/** One item of the latest re-adjudication (重新结算) of its year: its shares and tiers as they now stand. */
export type ReadjudicatedItem = EventData<typeof PersonYearReadjudicated>['items'][number];

/** A settled claim, its corrections in order and, once reversed, its reversal. */
export interface ClaimRecord {
  readonly settled: EventData<typeof ClaimSettled>;
  readonly settledAt: number;
  readonly corrections?: ReadonlyArray<{
    readonly corrected: EventData<typeof ClaimCorrected>;
    readonly correctedAt: number;
  }>;
  readonly reversal?: EventData<typeof ClaimReversed>;
  readonly reversedAt?: number;
  /** the latest re-adjudication of its year: its shares and tiers from then on */
  readonly readjudicated?: ReadjudicatedItem;
  readonly readjudicatedAt?: number;
}

export interface GrantRecord {
  readonly granted: EventData<typeof ReliefGranted>;
  readonly grantedAt: number;
  /** the latest re-adjudication of its year: its shares and tiers from then on */
  readonly readjudicated?: ReadjudicatedItem;
  readonly readjudicatedAt?: number;
}

export type EnrollmentStatus = 'awaiting-payment' | 'active' | 'refunded';

export interface RegisteredPerson {
  readonly status: 'registered';
  readonly personId: string;
  readonly nationalId: string;
  readonly name: string;
  readonly birthDate: string;
  readonly regionCode: string;
  readonly registeredAt: number;
  readonly assistance: ReadonlyArray<{
    readonly category: AssistanceStatus;
    readonly effectiveFrom: string;
  }>;
  readonly dateOfDeath: string | null;
  readonly enrollments: readonly EnrollmentState[];
  /** per coverage year: the sums the annual caps are held against */
  readonly annualSums: ReadonlyMap<number, AnnualSums>;
  readonly claims: ReadonlyMap<string, ClaimRecord>;
  readonly grants: ReadonlyMap<string, GrantRecord>;
  /** set once the person's personal data was erased (PersonErased): nationalId, name and birthDate are then empty */
  readonly erasure?: { readonly legalBasis: string; readonly erasedAt: number };
  readonly version: number;
}

export type PersonState = { readonly status: 'unknown'; readonly version: 0 } | RegisteredPerson;

export const initialPersonState = (): PersonState => ({ status: 'unknown', version: 0 });

export interface PositionedEvent<E> {
  readonly event: E;
  readonly position: number;
}

/**
 * evolve: the state after one event. With `owned` (the caller made the state's maps and shares
 * them with no one, as foldPerson does) the maps are updated in place instead of copied, so a
 * fold over n claims costs O(n), not O(n²).
 */
export function evolvePerson(
  state: PersonState,
  { event, position }: PositionedEvent<PersonEvent>,
  owned = false,
): PersonState {
  const put = <K, V>(map: ReadonlyMap<K, V>, key: K, value: V): Map<K, V> =>
    (owned ? (map as Map<K, V>) : new Map(map)).set(key, value);
  if (event.type === 'PersonRegistered') {
    const { personId, nationalId, name, birthDate, regionCode } = event.data;
    return {
      status: 'registered',
      personId,
      nationalId,
      name,
      birthDate,
      regionCode,
      registeredAt: position,
      assistance: [],
      dateOfDeath: null,
      enrollments: [],
      annualSums: new Map(),
      claims: new Map(),
      grants: new Map(),
      version: state.version + 1,
    };
  }
  if (state.status !== 'registered') throw new Error(`${event.type} before PersonRegistered`);
  const next = { ...state, version: state.version + 1 };
  switch (event.type) {
    case 'AssistanceStatusChanged':
      return {
        ...next,
        assistance: [
          ...state.assistance,
          { category: event.data.category, effectiveFrom: event.data.effectiveFrom },
        ],
      };
    case 'DeathRecorded':
      return { ...next, dateOfDeath: event.data.dateOfDeath };
    case 'EnrollmentRegistered':
      return {
        ...next,
        enrollments: [...state.enrollments, { registered: event.data, registeredAt: position }],
      };
    case 'ContributionPaid':
      return {
        ...next,
        enrollments: updateEnrollment(state, event.data.enrollmentId, (e) => ({
          ...e,
          payment: event.data,
          paidAt: position,
        })),
      };
    case 'EnrollmentRefunded':
      return {
        ...next,
        enrollments: updateEnrollment(state, event.data.enrollmentId, (e) => ({
          ...e,
          refund: event.data,
          refundedAt: position,
        })),
      };
    case 'ClaimSettled':
      return {
        ...next,
        annualSums: put(state.annualSums, event.data.coverageYear, event.data.annualSumsAfter),
        claims: put(state.claims, event.data.claimId, { settled: event.data, settledAt: position }),
      };
    case 'ClaimReversed': {
      const claim = state.claims.get(event.data.claimId);
      if (!claim) throw new Error(`ClaimReversed for unknown claim ${event.data.claimId}`);
      return {
        ...next,
        annualSums: put(state.annualSums, event.data.coverageYear, event.data.annualSumsAfter),
        claims: put(state.claims, event.data.claimId, {
          ...claim,
          reversal: event.data,
          reversedAt: position,
        }),
      };
    }
    case 'ClaimCorrected': {
      const claim = state.claims.get(event.data.claimId);
      if (!claim) throw new Error(`ClaimCorrected for unknown claim ${event.data.claimId}`);
      return {
        ...next,
        annualSums: put(state.annualSums, event.data.coverageYear, event.data.annualSumsAfter),
        claims: put(state.claims, event.data.claimId, {
          ...claim,
          corrections: [
            ...(claim.corrections ?? []),
            { corrected: event.data, correctedAt: position },
          ],
        }),
      };
    }
    case 'ReliefGranted':
      return {
        ...next,
        annualSums: put(state.annualSums, event.data.coverageYear, event.data.annualSumsAfter),
        grants: put(state.grants, event.data.grantId, { granted: event.data, grantedAt: position }),
      };
    case 'PersonYearReadjudicated': {
      const claims = owned ? (state.claims as Map<string, ClaimRecord>) : new Map(state.claims);
      const grants = owned ? (state.grants as Map<string, GrantRecord>) : new Map(state.grants);
      for (const item of event.data.items) {
        const at = { readjudicated: item, readjudicatedAt: position };
        if (item.kind === 'claim') {
          const claim = claims.get(item.id);
          if (!claim) throw new Error(`PersonYearReadjudicated for unknown claim ${item.id}`);
          claims.set(item.id, { ...claim, ...at });
        } else {
          const grant = grants.get(item.id);
          if (!grant) throw new Error(`PersonYearReadjudicated for unknown grant ${item.id}`);
          grants.set(item.id, { ...grant, ...at });
        }
      }
      return {
        ...next,
        annualSums: put(state.annualSums, event.data.coverageYear, event.data.annualSumsAfter),
        claims,
        grants,
      };
    }
    case 'PersonErased':
      return {
        ...next,
        nationalId: '',
        name: '',
        birthDate: '',
        erasure: { legalBasis: event.data.legalBasis, erasedAt: position },
      };
    default: {
      const exhaustive: never = event;
      return exhaustive;
    }
  }
}

function updateEnrollment(
  state: RegisteredPerson,
  enrollmentId: string,
  change: (e: EnrollmentState) => EnrollmentState,
): EnrollmentState[] {
  return state.enrollments.map((e) => (e.registered.enrollmentId === enrollmentId ? change(e) : e));
}

/** Folds events onto a state in O(events): the maps are copied once, then owned by the fold. */
export function foldPerson(
  from: PersonState,
  events: Iterable<PositionedEvent<PersonEvent>>,
): PersonState {
  let state: PersonState =
    from.status === 'registered'
      ? {
          ...from,
          annualSums: new Map(from.annualSums),
          claims: new Map(from.claims),
          grants: new Map(from.grants),
        }
      : from;
  for (const positioned of events) state = evolvePerson(state, positioned, true);
  return state;
}

export function enrollmentStatus(enrollment: EnrollmentState): EnrollmentStatus {
  if (enrollment.refund) return 'refunded';
  return enrollment.payment ? 'active' : 'awaiting-payment';
}

/** The assistance category in force on a date: the latest change effective on or before it (recorded order breaks ties). */
export function assistanceCategoryOn(state: RegisteredPerson, date: string): AssistanceStatus {
  let category: AssistanceStatus = 'none';
  let from = '';
  for (const change of state.assistance) {
    if (change.effectiveFrom <= date && change.effectiveFrom >= from) {
      category = change.category;
      from = change.effectiveFrom;
    }
  }
  return category;
}

export function findEnrollment(
  state: RegisteredPerson,
  enrollmentId: string,
): EnrollmentState | undefined {
  return state.enrollments.find((e) => e.registered.enrollmentId === enrollmentId);
}

/** The enrollment that counts for a coverage year: the one not refunded. */
export function enrollmentForYear(
  state: RegisteredPerson,
  coverageYear: number,
): EnrollmentState | undefined {
  return state.enrollments.find((e) => e.registered.coverageYear === coverageYear && !e.refund);
}

/** A claim as it stands now (currentClaimSettlement): a reversal returns these shares, a further correction starts from them. */
export interface CurrentClaim {
  readonly breakdown: EventData<typeof ClaimSettled>['breakdown'];
  readonly tiers: EventData<typeof ClaimSettled>['tiers'];
  readonly assistanceCategory: AssistanceStatus;
  readonly totalCostFen: number;
  readonly policyCostFen: number;
  readonly corrected: boolean;
  /** what the funds owe the institution for the claim: as settled, or as last corrected */
  readonly institutionBreakdown: EventData<typeof ClaimSettled>['breakdown'];
}

/**
 * A claim as it stands now: as settled, as last corrected, or as its year was last re-adjudicated,
 * whichever was recorded last. `institutionBreakdown` is what the funds owe the institution for it
 * (as settled or as last corrected); a later re-adjudication moves the rest between the funds and
 * the person (payable:person / receivable:person), never the institution's share.
 */
export function currentClaimSettlement(claim: ClaimRecord): CurrentClaim {
  const s = claim.settled;
  const last = claim.corrections?.at(-1);
  const institution = last
    ? {
        breakdown: last.corrected.after.breakdown,
        tiers: last.corrected.tiers,
        assistanceCategory: last.corrected.tiers.category,
        totalCostFen: last.corrected.after.totalCostFen,
        policyCostFen: last.corrected.after.policyCostFen,
      }
    : {
        breakdown: s.breakdown,
        tiers: s.tiers,
        assistanceCategory: s.assistanceCategory,
        totalCostFen: s.totalCostFen,
        policyCostFen: s.policyCostFen,
      };
  const r = claim.readjudicated;
  const corrected = last !== undefined;
  const institutionBreakdown = institution.breakdown;
  if (
    r !== undefined &&
    'basic' in r.tiers &&
    (last === undefined || claim.readjudicatedAt! > last.correctedAt)
  )
    return {
      ...institution,
      breakdown: r.after,
      tiers: r.tiers,
      assistanceCategory: r.assistanceCategory,
      corrected,
      institutionBreakdown,
    };
  return { ...institution, corrected, institutionBreakdown };
}

/** A relief grant's assistance shares and tiers as they stand now (re-adjudication included). */
export function currentGrantSettlement(grant: GrantRecord): {
  readonly assistanceFen: number;
  readonly reAssistanceFen: number;
  readonly tiers: EventData<typeof ReliefGranted>['tiers'];
  readonly assistanceCategory: AssistanceStatus;
} {
  const r = grant.readjudicated;
  if (r && !('basic' in r.tiers))
    return {
      assistanceFen: r.after.assistanceFen,
      reAssistanceFen: r.after.reAssistanceFen,
      tiers: r.tiers,
      assistanceCategory: r.assistanceCategory,
    };
  const { assistanceFen, reAssistanceFen, tiers, assistanceCategory } = grant.granted;
  return { assistanceFen, reAssistanceFen, tiers, assistanceCategory };
}

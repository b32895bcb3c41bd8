import type { EventData } from '../../../events/event-definition.js';
import type {
  ClaimReversed,
  ClaimSettled,
  ContributionPaid,
  EnrollmentRefunded,
  EnrollmentRegistered,
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

/** A settled claim and, once reversed, its reversal. */
export interface ClaimRecord {
  readonly settled: EventData<typeof ClaimSettled>;
  readonly settledAt: number;
  readonly reversal?: EventData<typeof ClaimReversed>;
  readonly reversedAt?: number;
}

export interface GrantRecord {
  readonly granted: EventData<typeof ReliefGranted>;
  readonly grantedAt: number;
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
    case 'ReliefGranted':
      return {
        ...next,
        annualSums: put(state.annualSums, event.data.coverageYear, event.data.annualSumsAfter),
        grants: put(state.grants, event.data.grantId, { granted: event.data, grantedAt: position }),
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

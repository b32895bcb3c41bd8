import type { EventData } from '../../../events/event-definition.js';
import type {
  InstitutionLevelChanged,
  InstitutionRegistered,
  InstitutionSuspended,
} from '../../../events/index.js';
import type { InstitutionLevel } from '../../policy/domain/catalogue.js';

// The registry of designated institutions (定点医疗机构, POLICY.md "Designated institutions"):
// one stream per institution, `institution-{institutionId}`, folded here. Dates are inclusive:
// an agreement from 2023-01-01 to 2023-12-31 covers both days, and so does a suspension.

export type InstitutionEvent =
  | {
      readonly type: 'InstitutionRegistered';
      readonly data: EventData<typeof InstitutionRegistered>;
    }
  | {
      readonly type: 'InstitutionLevelChanged';
      readonly data: EventData<typeof InstitutionLevelChanged>;
    }
  | {
      readonly type: 'InstitutionSuspended';
      readonly data: EventData<typeof InstitutionSuspended>;
    };

export const institutionEventTypes: readonly InstitutionEvent['type'][] = [
  'InstitutionRegistered',
  'InstitutionLevelChanged',
  'InstitutionSuspended',
];

export const institutionStreamId = (institutionId: string): string =>
  `institution-${institutionId}`;

export interface LevelFrom {
  readonly level: InstitutionLevel;
  readonly effectiveFrom: string;
}

export interface Suspension {
  readonly from: string;
  readonly to: string | null;
  readonly reason: string;
}

export interface Institution {
  readonly institutionId: string;
  readonly name: string;
  readonly regionCode: string;
  /** the level as registered (from agreementFrom) and each change, by effectiveFrom, one per date */
  readonly levels: readonly LevelFrom[];
  readonly agreement: { readonly from: string; readonly to: string | null };
  /** by from date, one per date */
  readonly suspensions: readonly Suspension[];
  readonly registered: EventData<typeof InstitutionRegistered>;
}

export interface InstitutionState {
  /** the stream's version: 0 when nothing is recorded */
  readonly version: number;
  readonly institution: Institution | undefined;
}

export const initialInstitutionState: InstitutionState = { version: 0, institution: undefined };

export function evolveInstitution(
  state: InstitutionState,
  event: InstitutionEvent,
): InstitutionState {
  const version = state.version + 1;
  if (event.type === 'InstitutionRegistered') {
    const d = event.data;
    return {
      version,
      institution: {
        institutionId: d.institutionId,
        name: d.name,
        regionCode: d.regionCode,
        levels: [{ level: d.level, effectiveFrom: d.agreementFrom }],
        agreement: { from: d.agreementFrom, to: d.agreementTo },
        suspensions: [],
        registered: d,
      },
    };
  }
  const institution = state.institution;
  if (!institution) return { ...state, version };
  if (event.type === 'InstitutionLevelChanged') {
    const { level, effectiveFrom } = event.data;
    return {
      version,
      institution: {
        ...institution,
        levels: byDate(
          [
            ...institution.levels.filter((l) => l.effectiveFrom !== effectiveFrom),
            { level, effectiveFrom },
          ],
          (l) => l.effectiveFrom,
        ),
      },
    };
  }
  const { from, to, reason } = event.data;
  return {
    version,
    institution: {
      ...institution,
      suspensions: byDate(
        [...institution.suspensions.filter((s) => s.from !== from), { from, to, reason }],
        (s) => s.from,
      ),
    },
  };
}

/** The registry's level on a date: the last change effective on or before it. */
export function levelOn(institution: Institution, date: string): InstitutionLevel {
  let level = institution.levels[0]!.level;
  for (const l of institution.levels) if (l.effectiveFrom <= date) level = l.level;
  return level;
}

/** The suspension a date falls in, if any. */
export function suspensionOn(institution: Institution, date: string): Suspension | undefined {
  return institution.suspensions.find((s) => s.from <= date && (s.to === null || date <= s.to));
}

/** Whether the date is inside the agreement (from and to inclusive). */
export function withinAgreement(institution: Institution, date: string): boolean {
  const { from, to } = institution.agreement;
  return from <= date && (to === null || date <= to);
}

function byDate<T>(items: T[], dateOf: (item: T) => string): T[] {
  return items.sort((a, b) => (dateOf(a) < dateOf(b) ? -1 : dateOf(a) > dateOf(b) ? 1 : 0));
}

/** The record these events fold to: undefined when they do not register the institution. */
export function institutionOf(...events: readonly InstitutionEvent[]): Institution | undefined {
  return events.reduce(evolveInstitution, initialInstitutionState).institution;
}

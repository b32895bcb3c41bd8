import type { EventData } from '../../../events/event-definition.js';
import type {
  AssistanceStatusChanged,
  ClaimCorrected,
  ClaimReversed,
  ClaimSettled,
  ReliefGranted,
  ContributionPaid,
  DeathRecorded,
  EnrollmentRefunded,
  EnrollmentRegistered,
  PersonErased,
  PersonRegistered,
  PersonYearReadjudicated,
} from '../../../events/index.js';

// The events of a person's stream (person-{personId}), as the domain sees them. A stored
// PersonRegisteredSealed reaches the domain as the PersonRegistered it seals, opened by the
// person stream's repository (src/privacy/application/personal-data-codec.ts); the domain never
// sees a key or a ciphertext.
export type PersonEvent =
  | { type: 'PersonRegistered'; data: EventData<typeof PersonRegistered> }
  | { type: 'AssistanceStatusChanged'; data: EventData<typeof AssistanceStatusChanged> }
  | { type: 'DeathRecorded'; data: EventData<typeof DeathRecorded> }
  | { type: 'EnrollmentRegistered'; data: EventData<typeof EnrollmentRegistered> }
  | { type: 'ContributionPaid'; data: EventData<typeof ContributionPaid> }
  | { type: 'EnrollmentRefunded'; data: EventData<typeof EnrollmentRefunded> }
  | { type: 'ClaimSettled'; data: EventData<typeof ClaimSettled> }
  | { type: 'ClaimReversed'; data: EventData<typeof ClaimReversed> }
  | { type: 'ClaimCorrected'; data: EventData<typeof ClaimCorrected> }
  | { type: 'ReliefGranted'; data: EventData<typeof ReliefGranted> }
  | { type: 'PersonYearReadjudicated'; data: EventData<typeof PersonYearReadjudicated> }
  | { type: 'PersonErased'; data: EventData<typeof PersonErased> };

export const personStreamId = (personId: string): string => `person-${personId}`;

const personEventTypes: ReadonlySet<string> = new Set<PersonEvent['type']>([
  'PersonRegistered',
  'AssistanceStatusChanged',
  'DeathRecorded',
  'EnrollmentRegistered',
  'ContributionPaid',
  'EnrollmentRefunded',
  'ClaimSettled',
  'ClaimReversed',
  'ClaimCorrected',
  'ReliefGranted',
  'PersonYearReadjudicated',
  'PersonErased',
]);

/**
 * A recorded event of a person's stream as the domain sees it: its data lifted to the current
 * version (the caller upcasts) and checked on append against the schema of its type. Any other
 * type on a person's stream is a broken log, not a state to fold.
 */
export function personEventOf(recorded: {
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
}): PersonEvent {
  if (!personEventTypes.has(recorded.type))
    throw new Error(`${recorded.type} is no event of a person's stream`);
  return { type: recorded.type, data: recorded.data } as PersonEvent;
}

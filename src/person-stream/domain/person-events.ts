import type { EventData } from '../../../events/event-definition.js';
import type {
  AssistanceStatusChanged,
  ClaimReversed,
  ClaimSettled,
  ReliefGranted,
  ContributionPaid,
  DeathRecorded,
  EnrollmentRefunded,
  EnrollmentRegistered,
  PersonRegistered,
} from '../../../events/index.js';

// The events of a person's stream (person-{personId}), as the domain sees them.
export type PersonEvent =
  | { type: 'PersonRegistered'; data: EventData<typeof PersonRegistered> }
  | { type: 'AssistanceStatusChanged'; data: EventData<typeof AssistanceStatusChanged> }
  | { type: 'DeathRecorded'; data: EventData<typeof DeathRecorded> }
  | { type: 'EnrollmentRegistered'; data: EventData<typeof EnrollmentRegistered> }
  | { type: 'ContributionPaid'; data: EventData<typeof ContributionPaid> }
  | { type: 'EnrollmentRefunded'; data: EventData<typeof EnrollmentRefunded> }
  | { type: 'ClaimSettled'; data: EventData<typeof ClaimSettled> }
  | { type: 'ClaimReversed'; data: EventData<typeof ClaimReversed> }
  | { type: 'ReliefGranted'; data: EventData<typeof ReliefGranted> };

export const personStreamId = (personId: string): string => `person-${personId}`;

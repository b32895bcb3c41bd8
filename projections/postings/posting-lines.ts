import type { RecordedEvent } from '../../src/eventstore/event-store.port.js';
import { subjectOf } from '../../src/eventstore/event-subject.js';

// The postings an event carries, with its business date (POLICY.md "Budget and reserve") and the
// id of what it is about (claim, enrollment, appropriation, grant) for tracing.

export interface PostingLine {
  readonly position: number;
  readonly line: number;
  readonly eventId: string;
  readonly eventType: string;
  readonly account: string;
  readonly debitFen: number;
  readonly creditFen: number;
  readonly businessDate: string;
  readonly recordedAt: string;
  readonly subjectId: string;
}

const businessDateField: Readonly<Record<string, string>> = {
  ContributionPaid: 'paidOn',
  EnrollmentRefunded: 'refundedOn',
  AppropriationReceived: 'receivedOn',
  ClaimSettled: 'businessDate',
  ClaimReversed: 'reversedOn',
  ReliefGranted: 'onDate',
  PersonYearReadjudicated: 'readjudicatedOn',
  ClaimCorrected: 'correctedOn',
  InstitutionSettlementPaid: 'paidOn',
};

export const postingEventTypes = Object.keys(businessDateField);

export function postingLines(event: RecordedEvent): PostingLine[] {
  const field = businessDateField[event.type];
  const postings = event.data.postings as
    Array<{ account: string; debitFen: number; creditFen: number }> | undefined;
  if (!field || !postings) return [];
  return postings.map((p, line) => ({
    position: event.position,
    line,
    eventId: event.eventId,
    eventType: event.type,
    account: p.account,
    debitFen: p.debitFen,
    creditFen: p.creditFen,
    businessDate: String(event.data[field]),
    recordedAt: event.recordedAt,
    subjectId: subjectOf(event.data),
  }));
}

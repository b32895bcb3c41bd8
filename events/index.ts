import { AlertResolved } from './alert-resolved.js';
import { AppropriationReceived } from './appropriation-received.js';
import { ClaimReversed } from './claim-reversed.js';
import { ClaimSettled } from './claim-settled.js';
import { InvoiceRegistered } from './invoice-registered.js';
import { ReliefGranted } from './relief-granted.js';
import { RequestRefused } from './request-refused.js';
import { AssistanceStatusChanged } from './assistance-status-changed.js';
import { ContributionPaid } from './contribution-paid.js';
import { DeathRecorded } from './death-recorded.js';
import { EnrollmentRefunded } from './enrollment-refunded.js';
import { EnrollmentRegistered } from './enrollment-registered.js';
import { EventCatalogue } from './event-catalogue.js';
import { PersonRegistered } from './person-registered.js';
import { ReceiptRegistered } from './receipt-registered.js';
import { ReliefReferenceRegistered } from './relief-reference-registered.js';
import { PersonIdAssigned } from './person-id-assigned.js';
import { PeriodClosed } from './period-closed.js';

export {
  AlertResolved,
  AppropriationReceived,
  ClaimReversed,
  ClaimSettled,
  InvoiceRegistered,
  ReliefGranted,
  AssistanceStatusChanged,
  ContributionPaid,
  DeathRecorded,
  EnrollmentRefunded,
  EnrollmentRegistered,
  PersonRegistered,
  ReceiptRegistered,
  ReliefReferenceRegistered,
  PersonIdAssigned,
  PeriodClosed,
};

/** Every event type the ledger records. A stored type is never renamed or removed. */
export const ledgerEventDefinitions = [
  PersonRegistered,
  AssistanceStatusChanged,
  DeathRecorded,
  EnrollmentRegistered,
  ContributionPaid,
  EnrollmentRefunded,
  AppropriationReceived,
  InvoiceRegistered,
  ClaimSettled,
  ClaimReversed,
  ReliefGranted,
  AlertResolved,
  RequestRefused,
  ReceiptRegistered,
  ReliefReferenceRegistered,
  PersonIdAssigned,
  PeriodClosed,
];

export const ledgerEventCatalogue = new EventCatalogue(ledgerEventDefinitions);

import { AlertResolved } from './alert-resolved.js';
import { AppropriationReceived } from './appropriation-received.js';
import { ClaimCorrected } from './claim-corrected.js';
import { ClaimReversed } from './claim-reversed.js';
import { InstitutionSettlementApproved } from './institution-settlement-approved.js';
import { InstitutionSettlementPaid } from './institution-settlement-paid.js';
import { InstitutionSettlementRegistered } from './institution-settlement-registered.js';
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
import { InstitutionRegistered } from './institution-registered.js';
import { InstitutionLevelChanged } from './institution-level-changed.js';
import { InstitutionSuspended } from './institution-suspended.js';
import { PersonYearReadjudicated } from './person-year-readjudicated.js';
import { ReconciliationRecorded } from './reconciliation-recorded.js';
import { PersonRegisteredSealed } from './person-registered-sealed.js';
import { PersonErased } from './person-erased.js';
import { PeriodClosed } from './period-closed.js';

export {
  AlertResolved,
  ClaimCorrected,
  InstitutionSettlementApproved,
  InstitutionSettlementPaid,
  InstitutionSettlementRegistered,
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
  InstitutionRegistered,
  InstitutionLevelChanged,
  InstitutionSuspended,
  PersonYearReadjudicated,
  ReconciliationRecorded,
  PersonRegisteredSealed,
  PersonErased,
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
  InstitutionRegistered,
  InstitutionLevelChanged,
  InstitutionSuspended,
  PersonYearReadjudicated,
  ClaimCorrected,
  InstitutionSettlementRegistered,
  InstitutionSettlementApproved,
  InstitutionSettlementPaid,
  ReconciliationRecorded,
  PersonRegisteredSealed,
  PersonErased,
  PeriodClosed,
];

export const ledgerEventCatalogue = new EventCatalogue(ledgerEventDefinitions);

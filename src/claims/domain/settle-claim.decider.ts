import type { EventData } from '../../../events/event-definition.js';
import type { ClaimSettled, InvoiceRegistered } from '../../../events/index.js';
import { coverageRefusal } from '../../enrollment/domain/enrollment-terms.js';
import { requireRegistered } from '../../persons/domain/person.decider.js';
import { assistanceCategoryOn, enrollmentForYear, type PersonState } from '../../persons/domain/person-state.js';
import { emptyAnnualSums } from '../../policy/domain/annual-sums.js';
import type { ClaimType, InstitutionLevel, PolicyEntry } from '../../policy/domain/catalogue.js';
import { settleClaim } from '../../policy/domain/settle-claim.js';
import { conflictWith, refuse } from '../../shared/domain/refusal.js';
import { claimPostings } from './claim-postings.js';
import { claimSignals } from '../../alerts/domain/claim-signals.js';

// One-stop settlement of a claim against the person's stream (their coverage, category and the
// year's annual sums) and the invoice's stream (uniqueness). Pure: the policy lookup and every id
// arrive in the command.

export interface SettleClaim {
  readonly claimId: string;
  readonly personId: string;
  readonly institutionId: string;
  readonly institutionLevel: InstitutionLevel;
  readonly claimType: ClaimType;
  readonly invoiceNo: string;
  readonly admissionDate: string | null;
  readonly dischargeDate: string | null;
  readonly serviceDate: string;
  readonly totalCostFen: number;
  readonly policyCostFen: number;
  readonly diagnosisCode: string | null;
  readonly contentHash: string;
}

export type InvoiceState =
  | { readonly status: 'free' }
  | { readonly status: 'taken'; readonly invoice: EventData<typeof InvoiceRegistered>; readonly position: number };

export type SettleDecision =
  | { readonly kind: 'settle'; readonly settled: EventData<typeof ClaimSettled>; readonly invoice: EventData<typeof InvoiceRegistered> }
  | { readonly kind: 'repeat'; readonly personId: string };

export type PolicyLookup = (regionCode: string, coverageYear: number) => PolicyEntry | undefined;

export function decideSettleClaim(command: SettleClaim, person: PersonState, invoice: InvoiceState, policyFor: PolicyLookup): SettleDecision {
  if (invoice.status === 'taken') {
    if (invoice.invoice.contentHash === command.contentHash) return { kind: 'repeat', personId: invoice.invoice.personId };
    throw conflictWith('duplicate-invoice', `invoice ${command.invoiceNo} of institution ${command.institutionId} was settled with other content (${invoice.invoice.claimId})`);
  }
  const registered = requireRegistered(person);
  // No coverage can reach before birth, whatever an enrollment recorded earlier says (API.md 1.1).
  if (command.serviceDate < registered.birthDate) {
    throw refuse('not-covered', `the service date ${command.serviceDate} is before the person's birth`);
  }
  if (registered.dateOfDeath !== null && command.serviceDate > registered.dateOfDeath) {
    throw refuse('person-deceased', refusalDetail('person-deceased', command.serviceDate, registered.dateOfDeath));
  }
  const coverageYear = Number(command.serviceDate.slice(0, 4));
  const enrollment = enrollmentForYear(registered, coverageYear);
  const payment = enrollment?.payment;
  const refusal = coverageRefusal(payment, command.serviceDate, registered.dateOfDeath);
  if (refusal) throw refuse(refusal, refusalDetail(refusal, command.serviceDate, registered.dateOfDeath, payment?.benefitsFrom));
  const { regionCode, enrollmentId } = enrollment!.registered;
  const policy = policyFor(regionCode, coverageYear);
  if (!policy) throw refuse('no-policy', `no policy for region ${regionCode} and coverage year ${coverageYear}`);
  const category = assistanceCategoryOn(registered, command.serviceDate);
  const before = registered.annualSums.get(coverageYear) ?? emptyAnnualSums();
  const settlement = settleClaim(policy, before, { ...command, category });
  const settled: EventData<typeof ClaimSettled> = {
    ...command,
    enrollmentId,
    regionCode,
    coverageYear,
    policyId: policy.policyId,
    assistanceCategory: category,
    businessDate: command.claimType === 'inpatient' ? command.dischargeDate! : command.serviceDate,
    breakdown: { ...settlement.breakdown },
    signals: claimSignals(registered, { ...command, coverageYear, personalFen: settlement.breakdown.personalFen, assistanceCategory: category }),
    tiers: settlement.tiers,
    annualSumsBefore: before as unknown as Record<string, unknown>,
    annualSumsAfter: settlement.sumsAfter as unknown as Record<string, unknown>,
    postings: claimPostings(regionCode, coverageYear, command.institutionId, settlement.breakdown),
  };
  const invoiceEvent = { claimId: command.claimId, institutionId: command.institutionId, invoiceNo: command.invoiceNo, personId: command.personId, contentHash: command.contentHash };
  return { kind: 'settle', settled, invoice: invoiceEvent };
}

function refusalDetail(code: string, serviceDate: string, dateOfDeath: string | null, benefitsFrom?: string): string {
  if (code === 'person-deceased') return `the person died on ${dateOfDeath}, before the service date ${serviceDate}`;
  if (code === 'waiting-period') return `the waiting period (等待期) runs until benefits start on ${benefitsFrom}; service date ${serviceDate}`;
  return `the person has no active enrollment covering ${serviceDate}`;
}

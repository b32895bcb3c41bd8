import type { EventData } from '../../../events/event-definition.js';
import type { ClaimSettled, InvoiceRegistered } from '../../../events/index.js';
import { coverageRefusal } from '../../enrollment/domain/enrollment-terms.js';
import { requireRegistered } from '../../person-stream/domain/person-decider.js';
import type { PersonEvent } from '../../person-stream/domain/person-events.js';
import {
  assistanceCategoryOn,
  enrollmentForYear,
  type PersonState,
  type RegisteredPerson,
} from '../../person-stream/domain/person-state.js';
import { emptyAnnualSums } from '../../policy/domain/annual-sums.js';
import {
  policyFits,
  type ClaimType,
  type InstitutionLevel,
  type PolicyEntry,
} from '../../policy/domain/catalogue.js';
import { settleClaim } from '../../policy/domain/settle-claim.js';
import { conflictWith, refuse } from '../../shared/domain/refusal.js';
import { claimPostings } from './claim-postings.js';
import { designatedLevel } from '../../institutions/domain/designation.js';
import type { Institution } from '../../institutions/domain/institution-registry.js';
import { claimSignals } from '../../alerts/domain/claim-signals.js';

// One-stop settlement of a claim against the person's stream (their coverage, category and the
// year's annual sums) and the invoice's stream (uniqueness). Pure: the policy entry and every id
// arrive in the command.

/** A claim's dates as the domain wants them: an inpatient stay, or the day of an outpatient service. */
export type ClaimDates =
  | {
      readonly claimType: 'inpatient';
      readonly admissionDate: string;
      readonly dischargeDate: string;
    }
  | { readonly claimType: Exclude<ClaimType, 'inpatient'>; readonly serviceDate: string };

/** A claim as submitted (API.md POST /claims), its dates decided at the HTTP edge. */
export type ClaimSubmission = ClaimDates & {
  readonly personId: string;
  readonly institutionId: string;
  /** as stated; null: not stated, the registry's level on the service date is used (API.md 1.1) */
  readonly institutionLevel: InstitutionLevel | null;
  readonly invoiceNo: string;
  readonly totalCostFen: number;
  readonly policyCostFen: number;
  readonly diagnosisCode: string | null;
};

export type InvoiceState =
  | { readonly status: 'free' }
  | {
      readonly status: 'taken';
      readonly invoice: EventData<typeof InvoiceRegistered>;
      readonly position: number;
    };

/** The command as decided: the claim's id and content hash, its invoice's state, the institution's registry record and the policy entry of claimPolicyKey. */
export type SettleClaim = ClaimSubmission & {
  readonly claimId: string;
  readonly contentHash: string;
  readonly invoice: InvoiceState;
  /** the registry's record of the institution (定点医疗机构), undefined when it is not registered */
  readonly institution: Institution | undefined;
  readonly policy: PolicyEntry | undefined;
};

export type PolicyLookup = (regionCode: string, coverageYear: number) => PolicyEntry | undefined;

/** The date the claim is covered on (and its coverage year): the admission for a stay. */
export function serviceDateOf(dates: ClaimDates): string {
  return dates.claimType === 'inpatient' ? dates.admissionDate : dates.serviceDate;
}

/** The date the claim is booked on: the discharge for a stay. */
export function businessDateOf(dates: ClaimDates): string {
  return dates.claimType === 'inpatient' ? dates.dischargeDate : dates.serviceDate;
}

/** The dates as ClaimSettled records them (and as the content hash has always read them). */
export function recordedDates(dates: ClaimDates): {
  admissionDate: string | null;
  dischargeDate: string | null;
  serviceDate: string | null;
} {
  return dates.claimType === 'inpatient'
    ? { admissionDate: dates.admissionDate, dischargeDate: dates.dischargeDate, serviceDate: null }
    : { admissionDate: null, dischargeDate: null, serviceDate: dates.serviceDate };
}

/** The region and year whose policy settles a claim: the region of the year's enrollment, if there is one. */
export function claimPolicyKey(
  person: RegisteredPerson,
  dates: ClaimDates,
): { regionCode: string; coverageYear: number } | undefined {
  const coverageYear = Number(serviceDateOf(dates).slice(0, 4));
  const enrollment = enrollmentForYear(person, coverageYear);
  return enrollment && { regionCode: enrollment.registered.regionCode, coverageYear };
}

/** [ClaimSettled], or none when the invoice was settled with this same content. */
export function decideSettleClaim(command: SettleClaim, person: PersonState): PersonEvent[] {
  const { invoice } = command;
  if (invoice.status === 'taken') {
    if (invoice.invoice.contentHash === command.contentHash) return [];
    throw conflictWith(
      'duplicate-invoice',
      `invoice ${command.invoiceNo} of institution ${command.institutionId} was settled with other content (${invoice.invoice.claimId})`,
    );
  }
  const registered = requireRegistered(person);
  const serviceDate = serviceDateOf(command);
  // only designated institutions are paid, at the registry's level on the service date
  const institutionLevel = designatedLevel(
    command.institutionId,
    command.institution,
    serviceDate,
    command.institutionLevel,
  );
  // No coverage can reach before birth, whatever an enrollment recorded earlier says (API.md 1.1).
  if (serviceDate < registered.birthDate) {
    throw refuse('not-covered', `the service date ${serviceDate} is before the person's birth`);
  }
  if (registered.dateOfDeath !== null && serviceDate > registered.dateOfDeath) {
    throw refuse(
      'person-deceased',
      refusalDetail('person-deceased', serviceDate, registered.dateOfDeath),
    );
  }
  const coverageYear = Number(serviceDate.slice(0, 4));
  const enrollment = enrollmentForYear(registered, coverageYear);
  const payment = enrollment?.payment;
  const refusal = coverageRefusal(payment, serviceDate, registered.dateOfDeath);
  if (refusal)
    throw refuse(
      refusal,
      refusalDetail(refusal, serviceDate, registered.dateOfDeath, payment?.benefitsFrom),
    );
  const { regionCode, enrollmentId } = enrollment!.registered;
  const { policy } = command;
  if (!policy)
    throw refuse(
      'no-policy',
      `no policy for region ${regionCode} and coverage year ${coverageYear}`,
    );
  // the command's builder looked it up by claimPolicyKey; another entry is a bug, never a settlement
  if (!policyFits(policy, regionCode, coverageYear))
    throw new Error(`policy ${policy.policyId} is not the one for ${regionCode} ${coverageYear}`);
  return [
    {
      type: 'ClaimSettled',
      data: settled({ ...command, institutionLevel }, registered, {
        regionCode,
        enrollmentId,
        coverageYear,
        serviceDate,
        policy,
      }),
    },
  ];
}

interface SettlementTerms {
  readonly regionCode: string;
  readonly enrollmentId: string;
  readonly coverageYear: number;
  readonly serviceDate: string;
  readonly policy: PolicyEntry;
}

function settled(
  command: SettleClaim & { readonly institutionLevel: InstitutionLevel },
  registered: RegisteredPerson,
  terms: SettlementTerms,
): EventData<typeof ClaimSettled> {
  const { regionCode, coverageYear, serviceDate, policy } = terms;
  const category = assistanceCategoryOn(registered, serviceDate);
  const before = registered.annualSums.get(coverageYear) ?? emptyAnnualSums();
  const settlement = settleClaim(policy, before, { ...command, category });
  const dates = { ...recordedDates(command), serviceDate };
  return {
    claimId: command.claimId,
    personId: command.personId,
    enrollmentId: terms.enrollmentId,
    regionCode,
    coverageYear,
    policyId: policy.policyId,
    assistanceCategory: category,
    institutionId: command.institutionId,
    institutionLevel: command.institutionLevel,
    claimType: command.claimType,
    invoiceNo: command.invoiceNo,
    ...dates,
    businessDate: businessDateOf(command),
    totalCostFen: command.totalCostFen,
    policyCostFen: command.policyCostFen,
    diagnosisCode: command.diagnosisCode,
    contentHash: command.contentHash,
    breakdown: { ...settlement.breakdown },
    signals: claimSignals(registered, {
      ...command,
      ...dates,
      coverageYear,
      personalFen: settlement.breakdown.personalFen,
      assistanceCategory: category,
    }),
    tiers: settlement.tiers,
    annualSumsBefore: before,
    annualSumsAfter: settlement.sumsAfter,
    postings: claimPostings(regionCode, coverageYear, command.institutionId, settlement.breakdown),
  };
}

/** The invoice's guard: which person's claim took it, and with which content. */
export function invoiceTaken(
  settled: EventData<typeof ClaimSettled>,
): EventData<typeof InvoiceRegistered> {
  return {
    claimId: settled.claimId,
    institutionId: settled.institutionId,
    invoiceNo: settled.invoiceNo,
    personId: settled.personId,
    contentHash: settled.contentHash,
  };
}

function refusalDetail(
  code: string,
  serviceDate: string,
  dateOfDeath: string | null,
  benefitsFrom?: string,
): string {
  if (code === 'person-deceased')
    return `the person died on ${dateOfDeath}, before the service date ${serviceDate}`;
  if (code === 'waiting-period')
    return `the waiting period (等待期) runs until benefits start on ${benefitsFrom}; service date ${serviceDate}`;
  return `the person has no active enrollment covering ${serviceDate}`;
}

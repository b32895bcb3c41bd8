import { addDays } from '../../shared/domain/local-date.js';
import {
  currentClaimSettlement,
  type ClaimRecord,
  type RegisteredPerson,
} from '../../person-stream/domain/person-state.js';

// Fraud and risk signals a settled claim raises against the person's own history (POLICY.md
// "Fraud and risk signals"). Pure: the person's state before the claim and the claim come in;
// the rules raised and the claims that are their evidence go out. Reversed claims are not evidence.

export const splitAdmissionDaysMax = 15; // 分解住院: readmission within 15 days of a discharge
export const frequentAdmissionsMin = 4; // 住院率畸高: 4 or more admissions ...
export const frequentAdmissionsWindowDays = 90; // ... within any 90 days
export const povertyRiskPersonalFen = 2_000_000; // 因病返贫致贫风险: personal payments over 20,000 yuan a year
/** evidence named per signal: the most recent claims, so a heavy claimant's alerts stay bounded */
export const evidenceClaimsMax = 20;

export type ClaimSignalRule =
  'overlapping-stays' | 'split-admission' | 'frequent-admissions' | 'poverty-risk';

export interface ClaimSignal {
  readonly rule: ClaimSignalRule;
  /** claim ids of the earlier claims that, with this one, make the signal */
  readonly evidenceClaimIds: string[];
}

export interface SettledClaimFacts {
  readonly claimId: string;
  readonly institutionId: string;
  readonly claimType: string;
  readonly admissionDate: string | null;
  readonly dischargeDate: string | null;
  readonly coverageYear: number;
  readonly personalFen: number;
  readonly assistanceCategory: string;
}

function stays(person: RegisteredPerson): ClaimRecord['settled'][] {
  return [...person.claims.values()]
    .filter((c) => !c.reversal && c.settled.claimType === 'inpatient')
    .map((c) => c.settled);
}

export function claimSignals(person: RegisteredPerson, claim: SettledClaimFacts): ClaimSignal[] {
  return detect(person, claim).map((s) => ({
    rule: s.rule,
    evidenceClaimIds: s.evidenceClaimIds.slice(-evidenceClaimsMax),
  }));
}

function detect(person: RegisteredPerson, claim: SettledClaimFacts): ClaimSignal[] {
  const signals: ClaimSignal[] = [];
  if (claim.claimType === 'inpatient') {
    const admission = claim.admissionDate!;
    const discharge = claim.dischargeDate!;
    const earlier = stays(person);
    // 假病人: two stays at different institutions whose date ranges overlap
    const overlapping = earlier.filter(
      (s) =>
        s.institutionId !== claim.institutionId &&
        s.admissionDate! < discharge &&
        admission < s.dischargeDate!,
    );
    if (overlapping.length > 0)
      signals.push({
        rule: 'overlapping-stays',
        evidenceClaimIds: overlapping.map((s) => s.claimId),
      });
    // 分解住院: readmitted to the same institution within 15 days after a discharge
    const split = earlier.filter(
      (s) =>
        s.institutionId === claim.institutionId &&
        s.dischargeDate! <= admission &&
        admission <= addDays(s.dischargeDate!, splitAdmissionDaysMax),
    );
    if (split.length > 0)
      signals.push({ rule: 'split-admission', evidenceClaimIds: split.map((s) => s.claimId) });
    const frequent = frequentWindow(earlier, admission);
    if (frequent) signals.push({ rule: 'frequent-admissions', evidenceClaimIds: frequent });
  }
  const poverty = povertyRisk(person, claim);
  if (poverty) signals.push(poverty);
  return signals;
}

/** 4 or more admissions, this one included, inside some 90-day window: the earlier ones in the fullest such window. */
function frequentWindow(
  earlier: ClaimRecord['settled'][],
  admission: string,
): string[] | undefined {
  const near = earlier.filter(
    (s) =>
      s.admissionDate! > addDays(admission, -frequentAdmissionsWindowDays) &&
      s.admissionDate! < addDays(admission, frequentAdmissionsWindowDays),
  );
  for (const start of [...near.map((s) => s.admissionDate!), admission]) {
    const end = addDays(start, frequentAdmissionsWindowDays - 1);
    if (admission < start || admission > end) continue;
    const inside = near.filter((s) => s.admissionDate! >= start && s.admissionDate! <= end);
    if (inside.length + 1 >= frequentAdmissionsMin) return inside.map((s) => s.claimId);
  }
  return undefined;
}

/** Outside every assistance category and this claim takes the year's personal payments over 20,000 yuan. */
function povertyRisk(person: RegisteredPerson, claim: SettledClaimFacts): ClaimSignal | undefined {
  if (claim.assistanceCategory !== 'none') return undefined;
  const sameYear = [...person.claims.values()].filter(
    (c) => !c.reversal && c.settled.coverageYear === claim.coverageYear,
  );
  // a re-adjudicated claim counts with its personal share as it now stands
  const before = sameYear.reduce(
    (sum, c) => sum + currentClaimSettlement(c).breakdown.personalFen,
    0,
  );
  if (before > povertyRiskPersonalFen || before + claim.personalFen <= povertyRiskPersonalFen)
    return undefined;
  return { rule: 'poverty-risk', evidenceClaimIds: sameYear.map((c) => c.settled.claimId) };
}

import { applyBpRounded, assertFen } from '../../policy/domain/money.js';

// Contributions (缴费), POLICY.md "Enrollment and contributions": the personal contribution
// (个人缴费) by category, the part the assistance fund pays for people in an assistance category
// on the enrollment date (资助参保), the rest due from the person, and the amounts that move with
// the payment: government subsidy (财政补助) and critical-illness funding (大病保险筹资).

export type ContributionCategory = 'adult' | 'student-child'; // 成年居民 | 学生儿童

/** 特困人员 | 低保对象 | 返贫致贫人口 | 监测人口 | none: the category in force on the enrollment date. */
export type EnrollmentAssistanceCategory =
  | 'extreme-poverty'
  | 'minimum-living-allowance'
  | 'poverty-relapse'
  | 'low-income-monitored'
  | 'illness-impoverished'
  | 'none';

/** The `funding` part of a catalogue policy entry (structural, so this file does not wait on the catalogue types). */
export interface Funding {
  readonly personalFen: Readonly<Record<ContributionCategory, number>>;
  readonly governmentSubsidyFen: number;
  readonly criticalIllnessFundingFen: number;
  readonly assistanceSubsidyBp: Readonly<Record<string, number>>;
}

function requireFen(value: number, name: string): number {
  assertFen(value, name);
  return value;
}

export interface Contribution {
  personalFen: number;
  assistanceSubsidyFen: number;
  dueFromPersonFen: number;
  governmentSubsidyFen: number;
  criticalIllnessFundingFen: number;
}

/**
 * personal = funding.personalFen[category];
 * assistanceSubsidy = round(personal * assistanceSubsidyBp[cat] / 10000), round half up, exact in
 * bigint (applyBpRounded); dueFromPerson = personal - assistanceSubsidy; the government subsidy and
 * the critical-illness funding are the policy's per-person amounts, whatever the category.
 * `none` gets no subsidy. A category that is not `none` and missing from the policy's table is a
 * catalogue error and throws (rather than silently charging the person in full).
 */
export function computeContribution(
  funding: Funding,
  category: ContributionCategory,
  assistanceCategory: EnrollmentAssistanceCategory,
): Contribution {
  const personalFen = requireFen(funding.personalFen[category], `personalFen[${category}]`);
  let bp = 0;
  if (assistanceCategory !== 'none') {
    if (!Object.hasOwn(funding.assistanceSubsidyBp, assistanceCategory)) {
      throw new RangeError(
        `no assistance subsidy rate for category ${JSON.stringify(assistanceCategory)}`,
      );
    }
    bp = funding.assistanceSubsidyBp[assistanceCategory];
    if (!Number.isSafeInteger(bp) || bp < 0 || bp > 10000)
      throw new RangeError(`assistance subsidy must be 0-10000 bp: ${bp}`);
  }
  const assistanceSubsidyFen = applyBpRounded(personalFen, bp);
  return {
    personalFen,
    assistanceSubsidyFen,
    dueFromPersonFen: personalFen - assistanceSubsidyFen,
    governmentSubsidyFen: requireFen(funding.governmentSubsidyFen, 'governmentSubsidyFen'),
    criticalIllnessFundingFen: requireFen(
      funding.criticalIllnessFundingFen,
      'criticalIllnessFundingFen',
    ),
  };
}

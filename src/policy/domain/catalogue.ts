import { policyRegionsOf } from '../../shared/domain/pooling-region.js';

// The settlement policy catalogue (catalogue.json): one entry per pooling region (regionCode,
// GB/T 2260) and coverage year. Money in integer fen, ratios in basis points (10000 = 100%).
// POLICY.md explains every field. validateCatalogue checks every field once, at start, and names
// the policy and the field path of the first problem it finds.

// 因病致贫重病患者 (illness-impoverished) is granted on application (依申请救助, issue 15 item 2);
// a person can hold it like the four identified groups.
export const assistanceCategories = [
  'extreme-poverty',
  'minimum-living-allowance',
  'poverty-relapse',
  'low-income-monitored',
  'illness-impoverished',
] as const;
// The catalogue's categories: the same list (it carried illness-impoverished first).
export const catalogueCategories = [
  'extreme-poverty',
  'minimum-living-allowance',
  'poverty-relapse',
  'low-income-monitored',
  'illness-impoverished',
] as const;
export const institutionLevels = ['grassroots', 'secondary', 'tertiary'] as const;
export const claimTypes = ['inpatient', 'outpatient-general', 'outpatient-chronic'] as const;
export const contributionCategories = ['adult', 'student-child'] as const;

/** 困难群众: 特困人员 | 低保对象 | 返贫致贫人口 | 脱贫不稳定/边缘易致贫/农村低收入监测人口 | 因病致贫重病患者 */
export type AssistanceCategory = (typeof assistanceCategories)[number];
/** An assistance category or 因病致贫重病患者 (illness-impoverished, on application) */
export type CatalogueCategory = (typeof catalogueCategories)[number];
/** 基层 | 二级 | 三级 */
export type InstitutionLevel = (typeof institutionLevels)[number];
/** 住院 | 普通门诊统筹 | 门诊慢特病 */
export type ClaimType = (typeof claimTypes)[number];
/** 成年居民 | 学生儿童 */
export type ContributionCategory = (typeof contributionCategories)[number];

export interface DateRange {
  readonly start: string;
  readonly end: string;
}

export interface Funding {
  readonly personalFen: Readonly<Record<ContributionCategory, number>>; // 个人缴费
  readonly governmentSubsidyFen: number; // 财政补助
  readonly criticalIllnessFundingFen: number; // 大病保险筹资
  readonly assistanceSubsidyBp: Readonly<Record<CatalogueCategory, number>>; // 资助参保
}

export interface EnrollmentRules {
  readonly centralizedDeadline: string; // 集中参保期 ends
  readonly newbornGraceMonths: number;
  readonly lateWaitingMonths: number; // 等待期
}

export interface InpatientLevelRule {
  readonly deductibleFen: number; // 起付线: deductible per admission
  readonly ratioBp: number; // 报销比例
}

export interface InpatientRules {
  readonly levels: Readonly<Record<InstitutionLevel, InpatientLevelRule>>;
  readonly annualCapFen: number; // 封顶线: per person per year
}

export interface OutpatientGeneralRules {
  readonly eligibleLevels: readonly InstitutionLevel[];
  readonly ratioBp: number;
  readonly annualLimitFen: number;
}

export interface OutpatientChronicRules {
  readonly ratioBp: number;
  readonly annualLimitFen: number;
}

export interface CriticalIllnessBand {
  readonly excessUpToFen: number | null; // upper bound of the band on the excess over the deductible; null: no bound
  readonly ratioBp: number;
}

export interface CriticalIllnessTilt {
  // 倾斜支付
  readonly categories: readonly CatalogueCategory[];
  readonly deductibleFactorBp: number;
  readonly ratioBonusBp: number;
  readonly removeCap: boolean;
}

export interface CriticalIllnessRules {
  // 大病保险
  readonly appliesTo: readonly ClaimType[];
  readonly deductibleFen: number;
  readonly bands: readonly CriticalIllnessBand[];
  readonly annualCapFen: number;
  readonly tilt: CriticalIllnessTilt;
}

export interface MedicalAssistanceTier {
  readonly categories: readonly CatalogueCategory[];
  readonly deductibleFen: number;
  readonly ratioBp: number;
  readonly annualCapFen: number;
}

export interface MedicalAssistanceRules {
  // 医疗救助
  readonly appliesTo: readonly ClaimType[];
  readonly tiers: readonly MedicalAssistanceTier[];
}

export interface ReAssistanceRules {
  // 再救助
  readonly appliesTo: readonly ClaimType[];
  readonly categories: readonly CatalogueCategory[];
  readonly thresholdFen: number;
  readonly ratioBp: number;
  readonly annualCapFen: number;
}

export interface ReserveRules {
  // 累计结余可支付月数 thresholds
  readonly criticalBelowMonths: number;
  readonly warningBelowMonths: number;
  readonly excessAboveMonths: number;
}

/** What a number or date rests on: a seed document quoted verbatim, or a stated assumption. */
export type Provenance =
  | {
      readonly kind: 'source';
      readonly document: string; // e.g. 济医保发〔2023〕15号
      readonly seedFile: string;
      readonly quote: string; // verbatim Chinese
      readonly note?: string;
    }
  | { readonly kind: 'assumption'; readonly why: string; readonly note?: string };

/**
 * Field path (dotted, array items as [i], e.g. `funding.personalFen.adult`,
 * `criticalIllness.bands[1]`) to the provenance of every number and date under it; a path may
 * name a subtree, and each number and date is covered by exactly one path.
 */
export type ProvenanceMap = Readonly<Record<string, Provenance>>;

export interface PolicyEntry {
  readonly policyId: string;
  readonly regionCode: string;
  readonly regionName: string;
  readonly coverageYear: number;
  readonly coverage: DateRange;
  readonly sources: readonly string[];
  readonly funding: Funding;
  readonly enrollment: EnrollmentRules;
  readonly inpatient: InpatientRules;
  readonly outpatientGeneral: OutpatientGeneralRules;
  readonly outpatientChronic: OutpatientChronicRules;
  readonly criticalIllness: CriticalIllnessRules;
  readonly medicalAssistance: MedicalAssistanceRules;
  readonly reAssistance: ReAssistanceRules;
  readonly reserve: ReserveRules;
  readonly provenance: ProvenanceMap;
}

export interface Catalogue {
  readonly schemaVersion: number;
  readonly about: string;
  readonly assistanceCategories: readonly CatalogueCategory[];
  readonly institutionLevels: readonly InstitutionLevel[];
  readonly claimTypes: readonly ClaimType[];
  readonly policies: readonly PolicyEntry[];
}

export class CatalogueError extends Error {
  /** the field path of the entry or catalogue the problem is in, when one field is to blame */
  readonly field?: string;
  constructor(message: string, field?: string) {
    super(message);
    if (field !== undefined) this.field = field;
    this.name = 'CatalogueError';
  }
}

/**
 * The entry that sets the policy of a region (a county pools in its city) for a coverage year:
 * the pooling city's entry, else its province's (POLICY.md "Pooling regions"), if the catalogue
 * has one.
 */
export function findPolicy(
  catalogue: Catalogue,
  regionCode: string,
  coverageYear: number,
): PolicyEntry | undefined {
  for (const region of policyRegionsOf(regionCode)) {
    const entry = catalogue.policies.find(
      (p) => p.regionCode === region && p.coverageYear === coverageYear,
    );
    if (entry) return entry;
  }
  return undefined;
}

/** Whether an entry is the one findPolicy gives for a region and year (a decider's sanity check). */
export function policyFits(policy: PolicyEntry, regionCode: string, coverageYear: number): boolean {
  return (
    policy.coverageYear === coverageYear && policyRegionsOf(regionCode).includes(policy.regionCode)
  );
}

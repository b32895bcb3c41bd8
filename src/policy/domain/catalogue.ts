// The settlement policy catalogue: one entry per pooling region and coverage year (catalogue.json).
// Money in integer fen, ratios in basis points.

export type AssistanceCategory = 'extreme-poverty' | 'minimum-living-allowance' | 'poverty-relapse' | 'low-income-monitored';
export type InstitutionLevel = 'grassroots' | 'secondary' | 'tertiary';
export type ClaimType = 'inpatient' | 'outpatient-general' | 'outpatient-chronic';

export interface PolicyEntry {
  readonly policyId: string;
  readonly regionCode: string;
  readonly regionName: string;
  readonly coverageYear: number;
  readonly coverage: { readonly start: string; readonly end: string };
  readonly sources: readonly string[];
  readonly funding: {
    readonly personalFen: Readonly<Record<'adult' | 'student-child', number>>;
    readonly governmentSubsidyFen: number;
    readonly criticalIllnessFundingFen: number;
    readonly assistanceSubsidyBp: Readonly<Record<AssistanceCategory, number>>;
  };
  readonly enrollment: { readonly centralizedDeadline: string; readonly newbornGraceMonths: number; readonly lateWaitingMonths: number };
  readonly inpatient: { readonly levels: Readonly<Record<InstitutionLevel, { readonly deductibleFen: number; readonly ratioBp: number }>>; readonly annualCapFen: number };
  readonly outpatientGeneral: { readonly eligibleLevels: readonly InstitutionLevel[]; readonly ratioBp: number; readonly annualLimitFen: number };
  readonly outpatientChronic: { readonly ratioBp: number; readonly annualLimitFen: number };
  readonly criticalIllness: {
    readonly appliesTo: readonly ClaimType[];
    readonly deductibleFen: number;
    readonly bands: ReadonlyArray<{ readonly excessUpToFen: number | null; readonly ratioBp: number }>;
    readonly annualCapFen: number;
    readonly tilt: { readonly categories: readonly AssistanceCategory[]; readonly deductibleFactorBp: number; readonly ratioBonusBp: number; readonly removeCap: boolean };
  };
  readonly medicalAssistance: {
    readonly appliesTo: readonly ClaimType[];
    readonly tiers: ReadonlyArray<{ readonly categories: readonly AssistanceCategory[]; readonly deductibleFen: number; readonly ratioBp: number; readonly annualCapFen: number }>;
  };
  readonly reAssistance: {
    readonly appliesTo: readonly ClaimType[];
    readonly categories: readonly AssistanceCategory[];
    readonly thresholdFen: number;
    readonly ratioBp: number;
    readonly annualCapFen: number;
  };
  readonly reserve: { readonly criticalBelowMonths: number; readonly warningBelowMonths: number; readonly excessAboveMonths: number };
}

export interface Catalogue {
  readonly schemaVersion: number;
  readonly assistanceCategories: readonly AssistanceCategory[];
  readonly institutionLevels: readonly InstitutionLevel[];
  readonly claimTypes: readonly ClaimType[];
  readonly policies: readonly PolicyEntry[];
}

export class CatalogueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CatalogueError';
  }
}

/** The entry for a region and coverage year. */
export function findPolicy(catalogue: Catalogue, regionCode: string, coverageYear: number): PolicyEntry | undefined {
  return catalogue.policies.find((p) => p.regionCode === regionCode && p.coverageYear === coverageYear);
}

/** Checks the shape of the catalogue; a fuller validation names every field (see validate-catalogue). */
export function validateCatalogue(raw: unknown): Catalogue {
  const catalogue = raw as Catalogue;
  if (typeof raw !== 'object' || raw === null || !Array.isArray(catalogue.policies)) throw new CatalogueError('catalogue: policies must be an array');
  return catalogue;
}

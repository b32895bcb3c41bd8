import { isRegionCode, regionCodeRule } from '../../shared/domain/region-code.js';
import {
  catalogueCategories,
  claimTypes,
  contributionCategories,
  institutionLevels,
  type CatalogueCategory,
  type Catalogue,
  type CriticalIllnessBand,
  type CriticalIllnessRules,
  type DateRange,
  type EnrollmentRules,
  type Funding,
  type InpatientRules,
  type MedicalAssistanceRules,
  type PolicyEntry,
  type ReAssistanceRules,
  type ReserveRules,
} from './catalogue.js';
import { readProvenance } from './validate-provenance.js';
import {
  type Owner,
  type Json,
  fail,
  join,
  readObject,
  readArray,
  readString,
  readInteger,
  readFen,
  readRatioBp,
  readBoolean,
  readMonths,
  readDate,
  readMembers,
  readRecord,
} from './catalogue-field-readers.js';

// Validation of the policy catalogue at start: every field of every entry is checked, and the
// first problem stops the service with a message naming the policy and the field path.

export const catalogueSchemaVersion = 2;
const policiesMax = 10000;

// ---- sections of a policy entry ----

function readFunding(owner: Owner, value: unknown): Funding {
  const o = readObject(owner, value, 'funding', [
    'personalFen',
    'governmentSubsidyFen',
    'criticalIllnessFundingFen',
    'assistanceSubsidyBp',
  ]);
  return {
    personalFen: readRecord(
      owner,
      o.personalFen,
      'funding.personalFen',
      contributionCategories,
      (v, p) => readFen(owner, v, p),
    ),
    governmentSubsidyFen: readFen(owner, o.governmentSubsidyFen, 'funding.governmentSubsidyFen'),
    criticalIllnessFundingFen: readFen(
      owner,
      o.criticalIllnessFundingFen,
      'funding.criticalIllnessFundingFen',
    ),
    assistanceSubsidyBp: readRecord(
      owner,
      o.assistanceSubsidyBp,
      'funding.assistanceSubsidyBp',
      catalogueCategories,
      (v, p) => readRatioBp(owner, v, p),
    ),
  };
}

function readEnrollment(owner: Owner, value: unknown): EnrollmentRules {
  const o = readObject(owner, value, 'enrollment', [
    'centralizedDeadline',
    'newbornGraceMonths',
    'lateWaitingMonths',
  ]);
  return {
    centralizedDeadline: readDate(owner, o.centralizedDeadline, 'enrollment.centralizedDeadline'),
    newbornGraceMonths: readInteger(
      owner,
      o.newbornGraceMonths,
      'enrollment.newbornGraceMonths',
      0,
      12,
    ),
    lateWaitingMonths: readInteger(
      owner,
      o.lateWaitingMonths,
      'enrollment.lateWaitingMonths',
      0,
      12,
    ),
  };
}

function readInpatient(owner: Owner, value: unknown): InpatientRules {
  const o = readObject(owner, value, 'inpatient', ['levels', 'annualCapFen']);
  const levels = readRecord(owner, o.levels, 'inpatient.levels', institutionLevels, (v, p) => {
    const level = readObject(owner, v, p, ['deductibleFen', 'ratioBp']);
    return {
      deductibleFen: readFen(owner, level.deductibleFen, `${p}.deductibleFen`),
      ratioBp: readRatioBp(owner, level.ratioBp, `${p}.ratioBp`),
    };
  });
  return { levels, annualCapFen: readFen(owner, o.annualCapFen, 'inpatient.annualCapFen') };
}

function readOutpatient(
  owner: Owner,
  general: unknown,
  chronic: unknown,
): Pick<PolicyEntry, 'outpatientGeneral' | 'outpatientChronic'> {
  const g = readObject(owner, general, 'outpatientGeneral', [
    'eligibleLevels',
    'ratioBp',
    'annualLimitFen',
  ]);
  const c = readObject(owner, chronic, 'outpatientChronic', ['ratioBp', 'annualLimitFen']);
  return {
    outpatientGeneral: {
      eligibleLevels: readMembers(
        owner,
        g.eligibleLevels,
        'outpatientGeneral.eligibleLevels',
        institutionLevels,
        false,
      ),
      ratioBp: readRatioBp(owner, g.ratioBp, 'outpatientGeneral.ratioBp'),
      annualLimitFen: readFen(owner, g.annualLimitFen, 'outpatientGeneral.annualLimitFen'),
    },
    outpatientChronic: {
      ratioBp: readRatioBp(owner, c.ratioBp, 'outpatientChronic.ratioBp'),
      annualLimitFen: readFen(owner, c.annualLimitFen, 'outpatientChronic.annualLimitFen'),
    },
  };
}

/** Bands ordered by a strictly increasing upper bound; only the last is open (null). */
function readBands(owner: Owner, value: unknown, path: string): CriticalIllnessBand[] {
  const items = readArray(owner, value, path, true);
  let previousUpTo = 0;
  return items.map((item, index) => {
    const p = join(path, index);
    const o = readObject(owner, item, p, ['excessUpToFen', 'ratioBp']);
    const isLast = index === items.length - 1;
    if (isLast && o.excessUpToFen !== null)
      fail(owner, `${p}.excessUpToFen`, 'must be null in the last band');
    if (!isLast && o.excessUpToFen === null)
      fail(owner, `${p}.excessUpToFen`, 'may be null only in the last band');
    const excessUpToFen =
      o.excessUpToFen === null ? null : readFen(owner, o.excessUpToFen, `${p}.excessUpToFen`);
    if (excessUpToFen !== null && excessUpToFen <= previousUpTo)
      fail(
        owner,
        `${p}.excessUpToFen`,
        `must be greater than the previous band's bound (${previousUpTo})`,
      );
    previousUpTo = excessUpToFen ?? previousUpTo;
    return { excessUpToFen, ratioBp: readRatioBp(owner, o.ratioBp, `${p}.ratioBp`) };
  });
}

function readCriticalIllness(owner: Owner, value: unknown): CriticalIllnessRules {
  const o = readObject(owner, value, 'criticalIllness', [
    'appliesTo',
    'deductibleFen',
    'bands',
    'annualCapFen',
    'tilt',
  ]);
  const bands = readBands(owner, o.bands, 'criticalIllness.bands');
  const t = readObject(owner, o.tilt, 'criticalIllness.tilt', [
    'categories',
    'deductibleFactorBp',
    'ratioBonusBp',
    'removeCap',
  ]);
  const ratioBonusBp = readRatioBp(owner, t.ratioBonusBp, 'criticalIllness.tilt.ratioBonusBp');
  // A tilted ratio above 100% would pay more than the burden it works on.
  bands.forEach((band, index) => {
    if (band.ratioBp + ratioBonusBp > 10000)
      fail(
        owner,
        `criticalIllness.bands[${index}].ratioBp`,
        'plus tilt.ratioBonusBp must not exceed 10000',
      );
  });
  return {
    appliesTo: readMembers(owner, o.appliesTo, 'criticalIllness.appliesTo', claimTypes, false),
    deductibleFen: readFen(owner, o.deductibleFen, 'criticalIllness.deductibleFen'),
    bands,
    annualCapFen: readFen(owner, o.annualCapFen, 'criticalIllness.annualCapFen'),
    tilt: {
      categories: readMembers(
        owner,
        t.categories,
        'criticalIllness.tilt.categories',
        catalogueCategories,
        false,
      ),
      deductibleFactorBp: readRatioBp(
        owner,
        t.deductibleFactorBp,
        'criticalIllness.tilt.deductibleFactorBp',
      ),
      ratioBonusBp,
      removeCap: readBoolean(owner, t.removeCap, 'criticalIllness.tilt.removeCap'),
    },
  };
}

function readMedicalAssistance(owner: Owner, value: unknown): MedicalAssistanceRules {
  const o = readObject(owner, value, 'medicalAssistance', ['appliesTo', 'tiers']);
  const covered = new Set<CatalogueCategory>();
  const tiers = readArray(owner, o.tiers, 'medicalAssistance.tiers', false).map((item, index) => {
    const p = `medicalAssistance.tiers[${index}]`;
    const t = readObject(owner, item, p, [
      'categories',
      'deductibleFen',
      'ratioBp',
      'annualCapFen',
    ]);
    const categories = readMembers(
      owner,
      t.categories,
      `${p}.categories`,
      catalogueCategories,
      true,
    );
    // One category, one tier: otherwise a person's assistance would depend on the tiers' order.
    for (const category of categories) {
      if (covered.has(category))
        fail(owner, `${p}.categories`, `repeats ${category}, already in an earlier tier`);
      covered.add(category);
    }
    return {
      categories,
      deductibleFen: readFen(owner, t.deductibleFen, `${p}.deductibleFen`),
      ratioBp: readRatioBp(owner, t.ratioBp, `${p}.ratioBp`),
      annualCapFen: readFen(owner, t.annualCapFen, `${p}.annualCapFen`),
    };
  });
  return {
    appliesTo: readMembers(owner, o.appliesTo, 'medicalAssistance.appliesTo', claimTypes, false),
    tiers,
  };
}

function readReAssistance(owner: Owner, value: unknown): ReAssistanceRules {
  const o = readObject(owner, value, 'reAssistance', [
    'appliesTo',
    'categories',
    'thresholdFen',
    'ratioBp',
    'annualCapFen',
  ]);
  return {
    appliesTo: readMembers(owner, o.appliesTo, 'reAssistance.appliesTo', claimTypes, false),
    categories: readMembers(
      owner,
      o.categories,
      'reAssistance.categories',
      catalogueCategories,
      false,
    ),
    thresholdFen: readFen(owner, o.thresholdFen, 'reAssistance.thresholdFen'),
    ratioBp: readRatioBp(owner, o.ratioBp, 'reAssistance.ratioBp'),
    annualCapFen: readFen(owner, o.annualCapFen, 'reAssistance.annualCapFen'),
  };
}

function readReserve(owner: Owner, value: unknown): ReserveRules {
  const o = readObject(owner, value, 'reserve', [
    'criticalBelowMonths',
    'warningBelowMonths',
    'excessAboveMonths',
  ]);
  const reserve = {
    criticalBelowMonths: readMonths(owner, o.criticalBelowMonths, 'reserve.criticalBelowMonths'),
    warningBelowMonths: readMonths(owner, o.warningBelowMonths, 'reserve.warningBelowMonths'),
    excessAboveMonths: readMonths(owner, o.excessAboveMonths, 'reserve.excessAboveMonths'),
  };
  if (reserve.warningBelowMonths < reserve.criticalBelowMonths)
    fail(owner, 'reserve.warningBelowMonths', 'must not be below reserve.criticalBelowMonths');
  if (reserve.excessAboveMonths < reserve.warningBelowMonths)
    fail(owner, 'reserve.excessAboveMonths', 'must not be below reserve.warningBelowMonths');
  return reserve;
}

const policyKeys = [
  'policyId',
  'regionCode',
  'regionName',
  'coverageYear',
  'coverage',
  'sources',
  'funding',
  'enrollment',
  'inpatient',
  'outpatientGeneral',
  'outpatientChronic',
  'criticalIllness',
  'medicalAssistance',
  'reAssistance',
  'reserve',
  'provenance',
] as const;

function readCoverage(owner: Owner, value: unknown, coverageYear: number): DateRange {
  const o = readObject(owner, value, 'coverage', ['start', 'end']);
  const coverage = {
    start: readDate(owner, o.start, 'coverage.start'),
    end: readDate(owner, o.end, 'coverage.end'),
  };
  const year = String(coverageYear);
  if (!coverage.start.startsWith(year))
    fail(owner, 'coverage.start', `must lie in coverage year ${year}`);
  if (!coverage.end.startsWith(year))
    fail(owner, 'coverage.end', `must lie in coverage year ${year}`);
  if (coverage.end < coverage.start)
    fail(owner, 'coverage.end', 'must not be before coverage.start');
  return coverage;
}

function readPolicy(value: unknown, index: number): PolicyEntry {
  const idValue =
    typeof value === 'object' && value !== null ? (value as Json).policyId : undefined;
  const owner: Owner = {
    name:
      typeof idValue === 'string' && idValue.trim() !== ''
        ? `policy ${idValue}`
        : `policy #${index}`,
  };
  const o = readObject(owner, value, '', policyKeys);
  const regionCode = readString(owner, o.regionCode, 'regionCode');
  if (!isRegionCode(regionCode)) fail(owner, 'regionCode', `must be ${regionCodeRule}`);
  const coverageYear = readInteger(owner, o.coverageYear, 'coverageYear', 1990, 2999);
  const entry = {
    policyId: readString(owner, o.policyId, 'policyId'),
    regionCode,
    regionName: readString(owner, o.regionName, 'regionName'),
    coverageYear,
    coverage: readCoverage(owner, o.coverage, coverageYear),
    sources: readArray(owner, o.sources, 'sources', true).map((s, i) =>
      readString(owner, s, `sources[${i}]`),
    ),
    funding: readFunding(owner, o.funding),
    enrollment: readEnrollment(owner, o.enrollment),
    inpatient: readInpatient(owner, o.inpatient),
    ...readOutpatient(owner, o.outpatientGeneral, o.outpatientChronic),
    criticalIllness: readCriticalIllness(owner, o.criticalIllness),
    medicalAssistance: readMedicalAssistance(owner, o.medicalAssistance),
    reAssistance: readReAssistance(owner, o.reAssistance),
    reserve: readReserve(owner, o.reserve),
  };
  return { ...entry, provenance: readProvenance(owner, o.provenance, entry) };
}

/** The catalogue's lists of names must be exactly the ones this code knows. */
function readVocabulary<T extends string>(
  owner: Owner,
  value: unknown,
  path: string,
  known: readonly T[],
): T[] {
  const members = readMembers(owner, value, path, known, true);
  if (members.length !== known.length) fail(owner, path, `must list exactly ${known.join(', ')}`);
  return members;
}

/** Parses an untrusted catalogue (parsed JSON). Throws a CatalogueError naming the policy and field. */
export function validateCatalogue(raw: unknown): Catalogue {
  const owner: Owner = { name: 'catalogue' };
  const o = readObject(owner, raw, '', [
    'schemaVersion',
    'about',
    'assistanceCategories',
    'institutionLevels',
    'claimTypes',
    'policies',
  ]);
  if (o.schemaVersion !== catalogueSchemaVersion)
    fail(owner, 'schemaVersion', `must be ${catalogueSchemaVersion}`);
  const about = readString(owner, o.about, 'about');
  const vocabulary = {
    assistanceCategories: readVocabulary(
      owner,
      o.assistanceCategories,
      'assistanceCategories',
      catalogueCategories,
    ),
    institutionLevels: readVocabulary(
      owner,
      o.institutionLevels,
      'institutionLevels',
      institutionLevels,
    ),
    claimTypes: readVocabulary(owner, o.claimTypes, 'claimTypes', claimTypes),
  };
  const entries = readArray(owner, o.policies, 'policies', true);
  if (entries.length > policiesMax)
    fail(owner, 'policies', `must hold at most ${policiesMax} entries`);
  const policies = entries.map(readPolicy);
  const ids = new Set<string>();
  const regionYears = new Set<string>();
  for (const policy of policies) {
    const policyOwner = { name: `policy ${policy.policyId}` };
    if (ids.has(policy.policyId)) fail(policyOwner, 'policyId', 'is used by an earlier entry');
    const regionYear = `${policy.regionCode}/${policy.coverageYear}`;
    if (regionYears.has(regionYear))
      fail(
        policyOwner,
        'regionCode',
        `and coverageYear ${policy.coverageYear} repeat an earlier entry`,
      );
    ids.add(policy.policyId);
    regionYears.add(regionYear);
  }
  return { schemaVersion: catalogueSchemaVersion, about, ...vocabulary, policies };
}

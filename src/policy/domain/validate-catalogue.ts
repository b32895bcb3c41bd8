import { isRegionCode, regionCodeRule } from '../../shared/domain/region-code.js';
import {
  catalogueCategories,
  claimTypes,
  contributionCategories,
  institutionLevels,
  CatalogueError,
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
  type Provenance,
  type ProvenanceMap,
  type ReAssistanceRules,
  type ReserveRules,
} from './catalogue.js';
import { covers, coveringKeys, policyNumbers } from './provenance.js';

// Validation of the policy catalogue at start: every field of every entry is checked, and the
// first problem stops the service with a message naming the policy and the field path.

export const catalogueSchemaVersion = 2;
const policiesMax = 10000;

// ---- field readers: each names the owner ("catalogue" or "policy <id>") and the field path ----

interface Owner {
  readonly name: string;
}
type Json = Record<string, unknown>;

function fail(owner: Owner, path: string, problem: string): never {
  throw new CatalogueError(`${owner.name}: ${path} ${problem}`);
}

function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}

function readObject(owner: Owner, value: unknown, path: string, keys: readonly string[]): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    fail(owner, path || 'entry', 'must be an object');
  const object = value as Json;
  for (const key of keys)
    if (!Object.hasOwn(object, key)) fail(owner, join(path, key), 'is missing');
  for (const key of Object.keys(object))
    if (!keys.includes(key)) fail(owner, join(path, key), 'is not a known field');
  return object;
}

function readArray(
  owner: Owner,
  value: unknown,
  path: string,
  nonEmpty: boolean,
): readonly unknown[] {
  if (!Array.isArray(value)) fail(owner, path, 'must be an array');
  if (nonEmpty && value.length === 0) fail(owner, path, 'must not be empty');
  return value;
}

function readString(owner: Owner, value: unknown, path: string): string {
  if (typeof value !== 'string' || value.trim() === '')
    fail(owner, path, 'must be a non-empty string');
  return value;
}

function readInteger(owner: Owner, value: unknown, path: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    fail(owner, path, `must be an integer from ${min} to ${max}`);
  }
  return value;
}

function readFen(owner: Owner, value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
    fail(owner, path, 'must be a non-negative safe integer of fen');
  return value;
}

/** A ratio in basis points: 0..10000. */
function readRatioBp(owner: Owner, value: unknown, path: string): number {
  return readInteger(owner, value, path, 0, 10000);
}

function readBoolean(owner: Owner, value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') fail(owner, path, 'must be true or false');
  return value;
}

function readMonths(owner: Owner, value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
    fail(owner, path, 'must be a non-negative number of months');
  return value;
}

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date written YYYY-MM-DD. */
function readDate(owner: Owner, value: unknown, path: string): string {
  const match = typeof value === 'string' ? datePattern.exec(value) : null;
  if (match === null) fail(owner, path, 'must be a date written YYYY-MM-DD');
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth)
    fail(owner, path, `is not a calendar date: ${match[0]}`);
  return match[0];
}

/** A list of distinct members of `allowed`. */
function readMembers<T extends string>(
  owner: Owner,
  value: unknown,
  path: string,
  allowed: readonly T[],
  nonEmpty: boolean,
): T[] {
  const items = readArray(owner, value, path, nonEmpty);
  const seen = new Set<string>();
  items.forEach((item, index) => {
    if (typeof item !== 'string' || !(allowed as readonly string[]).includes(item)) {
      fail(owner, join(path, index), `must be one of ${allowed.join(', ')}`);
    }
    if (seen.has(item)) fail(owner, join(path, index), `repeats ${item}`);
    seen.add(item);
  });
  return items as T[];
}

/** An object with exactly one key per member of `keys`, each read by `read`. */
function readRecord<K extends string, V>(
  owner: Owner,
  value: unknown,
  path: string,
  keys: readonly K[],
  read: (v: unknown, p: string) => V,
): Record<K, V> {
  const object = readObject(owner, value, path, keys);
  const result = {} as Record<K, V>;
  for (const key of keys) result[key] = read(object[key], join(path, key));
  return result;
}

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

const provenanceFields = {
  source: ['kind', 'document', 'seedFile', 'quote'],
  assumption: ['kind', 'why'],
} as const;

/** One provenance entry: a quoted source or a stated assumption, either with an optional note. */
function readProvenanceEntry(owner: Owner, value: unknown, path: string): Provenance {
  const kind = typeof value === 'object' && value !== null ? (value as Json).kind : undefined;
  if (kind !== 'source' && kind !== 'assumption')
    fail(owner, `${path}.kind`, 'must be source or assumption');
  const required = provenanceFields[kind];
  const o = readObject(
    owner,
    value,
    path,
    Object.hasOwn(value as Json, 'note') ? [...required, 'note'] : required,
  );
  const texts: Record<string, string> = {};
  for (const key of Object.keys(o))
    if (key !== 'kind') texts[key] = readString(owner, o[key], `${path}.${key}`);
  return { kind, ...texts } as Provenance;
}

/**
 * The provenance map: every number and date of the entry covered by exactly one key, and every
 * key covering at least one, so no figure reaches a settlement without saying what it rests on.
 */
function readProvenance(
  owner: Owner,
  value: unknown,
  entry: Omit<PolicyEntry, 'provenance'>,
): ProvenanceMap {
  const o = readObject(owner, value, 'provenance', Object.keys(value ?? {}));
  const map: Record<string, Provenance> = {};
  for (const key of Object.keys(o))
    map[key] = readProvenanceEntry(owner, o[key], `provenance[${JSON.stringify(key)}]`);
  const numbers = policyNumbers(entry);
  for (const { field } of numbers) {
    const keys = coveringKeys(map, field);
    if (keys.length === 0) fail(owner, field, 'has no provenance entry');
    if (keys.length > 1)
      fail(owner, field, `has more than one provenance entry: ${keys.join(', ')}`);
  }
  for (const key of Object.keys(map))
    if (!numbers.some(({ field }) => covers(key, field)))
      fail(owner, `provenance[${JSON.stringify(key)}]`, 'names no number or date of the policy');
  return map;
}

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

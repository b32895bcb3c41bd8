import { createHash } from 'node:crypto';
import { randomId } from '../../shared/domain/opaque-id.js';

// A person id is random (API.md 1.1): it cannot be computed from the resident ID. One person per
// resident ID is kept by a lookup stream named by a keyed MAC of the ID (residentLookupStreamId),
// created with the person's stream in one atomic append. Ids written before 1.1 were an unsalted
// hash of the ID (legacyPersonIdFor); those logs stay readable and their persons stay unique.
// An enrollment id is random too; a lookup stream enrollment-{enrollmentId}, created with the
// enrollment, names its person. Before 1.1 an enrollment id was enr_{person hash}_{year}, and the
// person is read from such an id (personOfLegacyEnrollment).

const personIdPattern = /^per_[0-9a-f]{24}$/;
const legacyEnrollmentIdPattern = /^enr_([0-9a-f]{24})_(\d{4})$/;
const enrollmentIdPattern = /^enr_[0-9a-f]{24}$/;

export function newPersonId(): string {
  return randomId('per');
}

/** The id a person registered before 1.1 got: looked up only, never given to a new person. */
export function legacyPersonIdFor(nationalId: string): string {
  return `per_${createHash('sm3').update(`person:${nationalId}`).digest('hex').slice(0, 24)}`;
}

/** `mac`: OpaqueIds.residentLookup(nationalId), a keyed MAC nobody without the id key can invert. */
export const residentLookupStreamId = (mac: string): string => `resident-${mac}`;

export function isPersonId(value: string): boolean {
  return personIdPattern.test(value);
}

export function newEnrollmentId(): string {
  return randomId('enr');
}

export function isEnrollmentId(value: string): boolean {
  return enrollmentIdPattern.test(value);
}

export const enrollmentLookupStreamId = (enrollmentId: string): string =>
  `enrollment-${enrollmentId}`;

/** The id an enrollment got before 1.1 (for the synthetic bench log, which needs no lookup streams). */
export function legacyEnrollmentIdFor(personId: string, coverageYear: number): string {
  return `enr_${personId.slice(4)}_${coverageYear}`;
}

/** The person of an enrollment recorded before 1.1, read from its id. */
export function personOfLegacyEnrollment(enrollmentId: string): string | undefined {
  const match = legacyEnrollmentIdPattern.exec(enrollmentId);
  return match ? `per_${match[1]}` : undefined;
}

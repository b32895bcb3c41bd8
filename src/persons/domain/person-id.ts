import { createHash } from 'node:crypto';

// One person, one record, nationwide: the person id is derived from the resident ID, so two
// racing registrations of one ID land on one stream and exactly one of them creates it.
// Enrollment ids name the person and the coverage year (one enrollment per person and year).

const personIdPattern = /^per_[0-9a-f]{24}$/;
const enrollmentIdPattern = /^enr_([0-9a-f]{24})_(\d{4})$/;

export function personIdFor(nationalId: string): string {
  return `per_${createHash('sm3').update(`person:${nationalId}`).digest('hex').slice(0, 24)}`;
}

export function isPersonId(value: string): boolean {
  return personIdPattern.test(value);
}

export function enrollmentIdFor(personId: string, coverageYear: number): string {
  return `enr_${personId.slice(4)}_${coverageYear}`;
}

export function personOfEnrollment(enrollmentId: string): string | undefined {
  const match = enrollmentIdPattern.exec(enrollmentId);
  return match ? `per_${match[1]}` : undefined;
}

import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { eventSubjectSql, subjectOf } from './event-subject.js';

describe('what an event is about', () => {
  it('is, in SQL, exactly the expression the events_subject index is built on (else PostgreSQL scans the log)', () => {
    const migration = readFileSync(
      'src/database/migrations/1763800000002-event-subject-index.ts',
      'utf8',
    );
    expect(migration).toContain(
      `CREATE INDEX events_subject ON events ((${eventSubjectSql}), position)`,
    );
  });

  it('is the first of claimId, grantId, appropriationId, enrollmentId an event carries', () => {
    expect(subjectOf({ enrollmentId: 'enr-1', claimId: 'clm-1' })).toBe('clm-1');
    expect(subjectOf({ enrollmentId: 'enr-1', grantId: null })).toBe('enr-1');
    expect(subjectOf({ appropriationId: 'apr-1' })).toBe('apr-1');
    expect(subjectOf({ personId: 'p-1' })).toBe('');
  });
});

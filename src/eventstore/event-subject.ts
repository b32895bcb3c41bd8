// What an event is about: the claim, relief grant, appropriation or enrollment it concerns, the
// first of these fields it carries. One list, spelled here only: the SQL expression below is the
// one the events_subject index is built on (migration 1763800000002), and PostgreSQL uses that
// index only for this exact expression; subjectOf is the same rule for an event in memory.

const subjectFields = ['claimId', 'grantId', 'appropriationId', 'enrollmentId'] as const;

/** The subject of an event in SQL over the `events` table (for the log reader only). */
export const eventSubjectSql = `coalesce(${subjectFields.map((f) => `data->>'${f}'`).join(', ')})`;

/** The subject of an event's data; '' when it has none. */
export function subjectOf(data: Readonly<Record<string, unknown>>): string {
  for (const field of subjectFields) {
    const value = data[field];
    if (value !== undefined && value !== null) return String(value);
  }
  return '';
}

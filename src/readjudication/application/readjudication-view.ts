import type { PersonEvent } from '../../person-stream/domain/person-events.js';
import type { RegisteredPerson } from '../../person-stream/domain/person-state.js';

/**
 * API.md 1.1's answer to a re-adjudication: per claim its shares before and after, per tier the
 * difference, the money owed to or by the person. Relief grants of the year are listed apart
 * (`grants`, an addition). Nothing recorded: `claims: []` and zero differences.
 */
export function readjudicationView(
  person: RegisteredPerson,
  coverageYear: number,
  decided: { readonly events: readonly PersonEvent[] },
): Record<string, unknown> {
  const event = decided.events.find((e) => e.type === 'PersonYearReadjudicated');
  if (!event || event.type !== 'PersonYearReadjudicated')
    return {
      personId: person.personId,
      coverageYear,
      claims: [],
      grants: [],
      differenceFen: { basicFen: 0, criticalIllnessFen: 0, assistanceFen: 0, reAssistanceFen: 0 },
      owedToPersonFen: 0,
      owedByPersonFen: 0,
    };
  const d = event.data;
  return {
    personId: person.personId,
    coverageYear,
    claims: d.items
      .filter((i) => i.kind === 'claim')
      .map((i) => ({ claimId: i.id, before: i.before, after: i.after })),
    grants: d.items
      .filter((i) => i.kind === 'relief')
      .map((i) => ({
        grantId: i.id,
        before: {
          assistanceFen: i.before.assistanceFen,
          reAssistanceFen: i.before.reAssistanceFen,
        },
        after: { assistanceFen: i.after.assistanceFen, reAssistanceFen: i.after.reAssistanceFen },
      })),
    differenceFen: d.differenceFen,
    owedToPersonFen: d.owedToPersonFen,
    owedByPersonFen: d.owedByPersonFen,
  };
}

import {
  assistanceCategoryOn,
  currentClaimSettlement,
  currentGrantSettlement,
  type RegisteredPerson,
} from '../../person-stream/domain/person-state.js';

/**
 * The coverage years a status change from `effectiveFrom` reaches back into (API.md 1.1
 * `readjudicationNeeded`): years with a settled, unreversed claim or a relief grant dated on or
 * after it whose category, as now recorded, differs from the one it stands settled with. A
 * change that alters no settled item's category needs no re-adjudication.
 */
export function readjudicationNeeded(person: RegisteredPerson, effectiveFrom: string): number[] {
  const years = new Set<number>();
  for (const claim of person.claims.values()) {
    const s = claim.settled;
    if (claim.reversal || s.serviceDate < effectiveFrom) continue;
    if (
      assistanceCategoryOn(person, s.serviceDate) !==
      currentClaimSettlement(claim).assistanceCategory
    )
      years.add(s.coverageYear);
  }
  for (const grant of person.grants.values()) {
    const g = grant.granted;
    if (g.onDate < effectiveFrom) continue;
    if (assistanceCategoryOn(person, g.onDate) !== currentGrantSettlement(grant).assistanceCategory)
      years.add(g.coverageYear);
  }
  return [...years].sort((a, b) => a - b);
}

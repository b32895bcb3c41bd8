import type { InstitutionLevel } from '../../policy/domain/catalogue.js';
import { refuse } from '../../shared/domain/refusal.js';
import {
  levelOn,
  suspensionOn,
  withinAgreement,
  type Institution,
} from './institution-registry.js';

// Whether an institution may be paid for a service on a date, and at which level (POLICY.md
// "Designated institutions"): registered, the date inside its agreement and outside every
// suspension; the level is the registry's on that date, and a claim that states another level is
// refused (a self-declared level is how 低套高 upcoding starts).

/** The registry's level on the service date, or a refusal: institution-not-designated, institution-level-mismatch. */
export function designatedLevel(
  institutionId: string,
  institution: Institution | undefined,
  serviceDate: string,
  statedLevel: InstitutionLevel | null,
): InstitutionLevel {
  if (!institution)
    throw refuse(
      'institution-not-designated',
      `institution ${institutionId} is not in the registry of designated institutions`,
    );
  if (!withinAgreement(institution, serviceDate)) {
    const { from, to } = institution.agreement;
    throw refuse(
      'institution-not-designated',
      `the service date ${serviceDate} is outside the agreement of institution ${institutionId} (from ${from}${to ? ` to ${to}` : ''})`,
    );
  }
  const suspension = suspensionOn(institution, serviceDate);
  if (suspension)
    throw refuse(
      'institution-not-designated',
      `the agreement of institution ${institutionId} is suspended from ${suspension.from}${suspension.to ? ` to ${suspension.to}` : ''} (${suspension.reason}); service date ${serviceDate}`,
    );
  const level = levelOn(institution, serviceDate);
  if (statedLevel !== null && statedLevel !== level)
    throw refuse(
      'institution-level-mismatch',
      `institution ${institutionId} is ${level} on ${serviceDate} in the registry, not ${statedLevel}`,
    );
  return level;
}

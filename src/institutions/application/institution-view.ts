import type { Institution } from '../domain/institution-registry.js';

/** GET /institutions/{id} (API.md 1.1): the registry record. */
export function institutionView(institution: Institution): Record<string, unknown> {
  return {
    institutionId: institution.institutionId,
    name: institution.name,
    regionCode: institution.regionCode,
    levels: institution.levels.map((l) => ({ level: l.level, effectiveFrom: l.effectiveFrom })),
    agreement: { from: institution.agreement.from, to: institution.agreement.to },
    suspensions: institution.suspensions.map((s) => ({ from: s.from, to: s.to, reason: s.reason })),
  };
}

import type { TestApp } from './test-app.js';
import {
  institutionOf,
  type Institution,
} from '../../src/institutions/domain/institution-registry.js';

// Designated institutions (定点医疗机构) for tests: a claim names an institution the registry
// knows (API.md 1.1). Every test that posts claims registers its institutions through here.

export interface TestInstitution {
  readonly institutionId: string;
  readonly level: 'grassroots' | 'secondary' | 'tertiary';
  /** default 370800 (Jining), the region of the covered-person fixtures */
  readonly regionCode?: string;
  /** default 2000-01-01 */
  readonly agreementFrom?: string;
}

/** One institution per level, in Jining: the tertiary one is the default of claims.ts's inpatient(). */
export const institutionAt = {
  grassroots: 'H370800G01',
  secondary: 'H370800S01',
  tertiary: 'H370800001',
} as const;

/** The three institutions of institutionAt, each at its level. */
export const institutionsAtEachLevel: readonly TestInstitution[] = (
  ['grassroots', 'secondary', 'tertiary'] as const
).map((level) => ({ institutionId: institutionAt[level], level }));

/** Registers each institution (same data again is 200, so calling it twice is harmless). */
export async function registerInstitutions(
  t: TestApp,
  ...institutions: readonly TestInstitution[]
): Promise<void> {
  for (const i of institutions) {
    const res = await t.post('/institutions', {
      institutionId: i.institutionId,
      name: `医院 ${i.institutionId}`,
      level: i.level,
      regionCode: i.regionCode ?? '370800',
      agreementFrom: i.agreementFrom ?? '2000-01-01',
    });
    if (res.status !== 201 && res.status !== 200)
      throw new Error(`registering ${i.institutionId}: ${res.status} ${JSON.stringify(res.body)}`);
  }
}

/** A registry record for deciders' unit specs: registered at `level`, agreement from 2000-01-01 (or as given), open-ended. */
export function designatedInstitution(
  institutionId: string,
  level: TestInstitution['level'],
  agreement: { from?: string; to?: string } = {},
): Institution {
  return institutionOf({
    type: 'InstitutionRegistered',
    data: {
      institutionId,
      name: `医院 ${institutionId}`,
      level,
      regionCode: '370800',
      agreementFrom: agreement.from ?? '2000-01-01',
      agreementTo: agreement.to ?? null,
    },
  })!;
}

import type { TestApp } from './test-app.js';

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

/**
 * Registers each institution (same data again is 200, so calling it twice is harmless).
 * Until the registry lands (issue 13), the route answers 404 and this registers nothing.
 */
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
    if (res.status === 404) continue; // TRANSITIONAL: removed when POST /institutions exists
    if (res.status !== 201 && res.status !== 200)
      throw new Error(`registering ${i.institutionId}: ${res.status} ${JSON.stringify(res.body)}`);
  }
}

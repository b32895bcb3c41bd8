import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { coveredPerson, inpatient } from '../support/claims.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { registerInstitutions } from '../support/institutions.js';

// institution-cost-outlier: mean inpatient total cost more than 3 SD above the mean of the region
// and level peers (each with 30+ claims). Grassroots peers average 100,000 / 100,500 / 99,500 fen
// (SD 408); an institution averaging 300,000 is an outlier, one averaging 101,000 is a near miss
// (threshold 100,000 + 3 x 408 = 101,225).

async function claims(
  t: TestApp,
  persons: string[],
  institutionId: string,
  costs: number[],
): Promise<void> {
  await Promise.all(
    persons.map(async (personId, p) => {
      for (let i = p; i < costs.length; i += persons.length) {
        await t
          .post(
            '/claims',
            inpatient(personId, {
              institutionId,
              institutionLevel: 'grassroots',
              totalCostFen: costs[i],
              policyCostFen: 0,
            }),
            'institution',
          )
          .expect(201);
      }
    }),
  );
}

const around = (mean: number, n = 30) =>
  Array.from({ length: n }, (_, i) => mean + (i % 2 === 0 ? 1000 : -1000));

describe('institution cost outliers', () => {
  let t: TestApp;
  let persons: string[];
  beforeAll(async () => {
    t = await startTestApp();
    await registerInstitutions(
      t,
      ...['G1', 'G2', 'G3', 'NEAR', 'HIGH'].map((institutionId) => ({
        institutionId,
        level: 'grassroots' as const,
      })),
    );
    persons = await Promise.all(Array.from({ length: 6 }, () => coveredPerson(t)));
    await claims(t, persons, 'G1', around(100000));
    await claims(t, persons, 'G2', around(100500));
    await claims(t, persons, 'G3', around(99500));
  }, 120000);
  afterAll(async () => t.close());

  it('raises it for an institution far above its peers and not for one just inside, nor before 30 claims', async () => {
    await claims(t, persons, 'NEAR', around(101000));
    await claims(t, persons, 'HIGH', around(300000, 29));
    const outliers = () =>
      t.get('/alerts?rule=institution-cost-outlier', 'investigator').expect(200);
    expect((await outliers()).body.alerts).toEqual([]);
    await claims(t, persons, 'HIGH', [300000]);
    const raised = (await outliers()).body.alerts;
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({
      rule: 'institution-cost-outlier',
      institutionId: 'HIGH',
      personId: null,
      status: 'open',
    });
    expect(raised[0].evidence).toHaveLength(30);
    await claims(t, persons, 'HIGH', [300000]);
    expect((await outliers()).body.alerts).toHaveLength(1);
  }, 120000);
});

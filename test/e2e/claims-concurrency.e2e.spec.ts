import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadCatalogue } from '../../src/policy/load-catalogue.js';
import { findPolicy } from '../../src/policy/domain/catalogue.js';
import { emptyAnnualSums, type AnnualSums } from '../../src/policy/domain/annual-sums.js';
import { settleClaim } from '../../src/policy/domain/settle-claim.js';
import { coveredPerson, inpatient } from '../support/claims.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import {
  institutionAt,
  institutionsAtEachLevel,
  registerInstitutions,
} from '../support/institutions.js';

// 50 claims for one person at once, sent to two service instances on one database: the in-process
// queue serialises each instance's claims, the expected version decides between the instances.
// Caps (370800-2023, category low-income-monitored, no tilt): inpatient basic 20,000,000 fen,
// critical illness 40,000,000, assistance 500,000, re-assistance 2,000,000.

const policy = findPolicy(loadCatalogue(), '370800', 2023)!;

describe('annual caps under concurrency', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    a = await startTestApp();
    b = await startTestApp({ databaseUrl: a.databaseUrl });
    await registerInstitutions(a, ...institutionsAtEachLevel);
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  it('never pays a capped tier past its cap, and the sums equal a sequential re-settlement in recorded order', async () => {
    const personId = await coveredPerson(a, 'low-income-monitored');
    const claims = Array.from({ length: 50 }, (_, i) =>
      inpatient(personId, {
        institutionId: institutionAt[(['grassroots', 'secondary', 'tertiary'] as const)[i % 3]!],
        institutionLevel: (['grassroots', 'secondary', 'tertiary'] as const)[i % 3],
        totalCostFen: 3000000 + i * 117,
        policyCostFen: 2500000 + i * 101,
      }),
    );
    const responses = await Promise.all(
      claims.map((claim, i) => (i % 2 === 0 ? a : b).post('/claims', claim, 'institution')),
    );
    const accepted = responses.filter((r) => r.status === 201);
    // no client did anything wrong, so none sees a conflict (issue 11 finding 11)
    expect(responses.filter((r) => r.status !== 201).map((r) => r.body)).toEqual([]);

    const { rows } = await a.db.query(
      "SELECT data FROM events WHERE type = 'ClaimSettled' AND data->>'personId' = $1 ORDER BY position",
      [personId],
    );
    expect(rows).toHaveLength(accepted.length);
    let sums: AnnualSums = emptyAnnualSums();
    for (const { data } of rows) {
      const again = settleClaim(policy, sums, {
        claimType: data.claimType,
        institutionLevel: data.institutionLevel,
        totalCostFen: data.totalCostFen,
        policyCostFen: data.policyCostFen,
        category: 'low-income-monitored',
      });
      expect(again.breakdown).toEqual(data.breakdown);
      sums = again.sumsAfter;
    }
    const usage = await a.get(`/persons/${personId}/usage?year=2023`, 'auditor').expect(200);
    expect(usage.body).toMatchObject({
      inpatientBasicFen: sums.inpatientBasicPaidFen,
      criticalIllness: sums.criticalIllness,
      assistance: sums.assistance,
      reAssistance: sums.reAssistance,
    });
    expect(usage.body.inpatientBasicFen).toBeLessThanOrEqual(20000000);
    expect(usage.body.criticalIllness.paidFen).toBeLessThanOrEqual(40000000);
    expect(usage.body.assistance.paidFen).toBe(500000);
    expect(usage.body.reAssistance.paidFen).toBeLessThanOrEqual(2000000);
    expect(usage.body.inpatientBasicFen).toBe(20000000);
  }, 60000);
});

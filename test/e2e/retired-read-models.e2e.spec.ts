import { projectionNames } from '../../projections/index.js';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { coveredPerson, inpatient } from '../support/claims.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { registerInstitutions } from '../support/institutions.js';

// person_usage and enrollments_view were folded live, by workers, in rebuilds and in drift checks,
// yet nothing read them: usage and enrollments are folded from the person stream. Issue 12 retires
// them: the migration drops their tables and checkpoints, and the answers they never gave stay the same.

describe('retired read models (person_usage, enrollments_view)', () => {
  let t: TestApp;
  let personId: string;
  beforeAll(async () => {
    // a configuration written before the retirement still starts: the retired names are skipped
    t = await startTestApp({ env: { LEDGER_WORKER_PROJECTIONS: 'person-usage,enrollments' } });
    await registerInstitutions(t, { institutionId: 'H370800001', level: 'tertiary' });
    personId = await coveredPerson(t);
    await t.post('/claims', inpatient(personId), 'institution').expect(201);
  });
  afterAll(async () => t.close());

  it('leaves no table and no checkpoint of them after the migrations', async () => {
    const tables = await t.db.query(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name IN ('person_usage', 'enrollments_view')",
    );
    expect(tables.rows).toEqual([]);
    const checkpoints = await t.db.query<{ name: string }>(
      'SELECT name FROM projection_checkpoints ORDER BY name',
    );
    // the live read models' checkpoints, and none of the retired ones
    const names = checkpoints.rows.map((r) => r.name);
    expect(names).toEqual([...projectionNames].sort());
    expect(names).not.toContain('person-usage');
    expect(names).not.toContain('enrollments');
  });

  it("still answers a person's usage right after a settlement, folded from the person stream", async () => {
    const usage = await t.get(`/persons/${personId}/usage?year=2023`, 'auditor').expect(200);
    expect(usage.body.inpatientBasicFen).toBeGreaterThan(0);
    const funds = await t.get('/funds?regionCode=370800&year=2023', 'finance').expect(200);
    expect(funds.body.funds.length).toBeGreaterThan(0);
  });
});

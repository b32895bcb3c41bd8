import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { eventStoreToken, type EventStore } from '../../src/eventstore/event-store.port.js';
import { inpatient } from '../support/claims.js';
import { registerInstitutions } from '../support/institutions.js';
import { residentId } from '../support/people.js';
import { runCli } from '../support/run-cli.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { enrollFor2023 } from '../support/enrollments.js';

// Issue 14 item 5: personal data is sealed per person from the moment it is recorded (the log,
// read as its owner, holds no clear resident ID, name or birth date of a person registered now);
// erasure destroys the person's key, reads say erased, their money stays, and the chain, a
// rebuild of every projection and the drift check all still pass. Needs the built CLI (npm run build).

const birthDate = '1963-09-17';
const name = '欧阳秀英';
const legalBasis = '《个人信息保护法》第四十七条, request 2026-118';

describe('personal data sealed per person, and erasure that keeps the chain', () => {
  let t: TestApp;
  let personId: string;
  let nationalId: string;
  let claimId: string;
  let usageBefore: Record<string, unknown>;

  beforeAll(async () => {
    t = await startTestApp();
    await registerInstitutions(t, { institutionId: 'H370800001', level: 'tertiary' });
    nationalId = residentId(birthDate);
    personId = (
      await t
        .post('/persons', { nationalId, name, birthDate, regionCode: '370800' }, 'clerk')
        .expect(201)
    ).body.personId as string;
    const enrolled = await enrollFor2023(t, personId);
    await t
      .post(
        `/enrollments/${enrolled.body.enrollmentId}/payments`,
        {
          receiptNo: `R-${personId}`,
          paidOn: '2022-12-01',
          amountFen: enrolled.body.contribution.dueFromPersonFen,
        },
        'clerk',
      )
      .expect(201);
    claimId = (await t.post('/claims', inpatient(personId), 'institution').expect(201)).body
      .claimId as string;
    usageBefore = (await t.get(`/persons/${personId}/usage?year=2023`, 'auditor').expect(200)).body;
  });
  afterAll(async () => t.close());

  it('stores only ciphertext: no event of the log holds the clear resident ID, name or birth date', async () => {
    const { rows } = await t.db.query<{
      type: string;
      text: string;
      data: Record<string, unknown>;
    }>('SELECT type, data, data::text || metadata::text AS text FROM events ORDER BY position');
    expect(rows.map((r) => r.type)).toContain('PersonRegisteredSealed');
    expect(rows.map((r) => r.type)).not.toContain('PersonRegistered');
    for (const { text } of rows) {
      expect(text).not.toContain(nationalId);
      expect(text).not.toContain(name);
      expect(text).not.toContain(birthDate);
      expect(text).not.toContain(birthDate.replaceAll('-', ''));
    }
    expect(rows.find((r) => r.type === 'PersonRegisteredSealed')!.data).toMatchObject({
      personId,
      regionCode: '370800',
      sealed: { algorithm: 'SM4-CTR+HMAC-SM3' },
    });
    // and the person's key is stored wrapped, not in clear
    const keys = await t.db.query<{ wrapped_key: string }>(
      'SELECT wrapped_key FROM person_keys WHERE person_id = $1',
      [personId],
    );
    expect(keys.rows).toHaveLength(1);
    expect(JSON.parse(keys.rows[0]!.wrapped_key)).toMatchObject({ algorithm: 'SM4-CTR+HMAC-SM3' });
  });

  it('reads the sealed data back in clear for a clear role, and answers the same data again with 200', async () => {
    const read = await t.get(`/persons/${personId}`, 'investigator').expect(200);
    expect(read.body).toMatchObject({ personId, nationalId, name, birthDate, erased: false });
    const again = await t
      .post('/persons', { nationalId, name, birthDate, regionCode: '370800' }, 'clerk')
      .expect(200);
    expect(again.body.personId).toBe(personId);
    const other = await t
      .post('/persons', { nationalId, name: '别人', birthDate, regionCode: '370800' }, 'clerk')
      .expect(409);
    expect(other.body.code).toBe('person-conflict');
  });

  it('erases: 201, the key is destroyed, reads say erased with nulls, the money stays', async () => {
    expect((await t.post(`/persons/${personId}/erasure`, { legalBasis }, 'clerk')).status).toBe(
      403,
    );
    const erased = await t
      .post(`/persons/${personId}/erasure`, { legalBasis }, 'admin')
      .expect(201);
    expect(erased.body).toMatchObject({ personId, erased: true, legalBasis });
    expect(typeof erased.body.position).toBe('number');
    const recorded = await t.db.query<{ type: string; data: Record<string, unknown> }>(
      'SELECT type, data FROM events WHERE position = $1',
      [erased.body.position],
    );
    expect(recorded.rows[0]).toEqual({ type: 'PersonErased', data: { personId, legalBasis } });
    expect(
      (await t.db.query('SELECT 1 FROM person_keys WHERE person_id = $1', [personId])).rowCount,
    ).toBe(0);

    for (const role of ['investigator', 'clerk', 'auditor'] as const) {
      const read = await t.get(`/persons/${personId}`, role).expect(200);
      expect(read.body).toMatchObject({
        personId,
        nationalId: null,
        name: null,
        birthDate: null,
        regionCode: '370800',
        erased: true,
      });
      expect(read.body.enrollments).toHaveLength(1);
    }
    // asked as it stood before the erasure: still unreadable
    const before = await t
      .get(`/persons/${personId}?asOfPosition=${erased.body.position - 1}`, 'investigator')
      .expect(200);
    expect(before.body).toMatchObject({
      nationalId: null,
      name: null,
      birthDate: null,
      erased: true,
    });
    const history = await t.get(`/persons/${personId}/history`, 'investigator').expect(200);
    expect(history.body.events[0]).toMatchObject({
      type: 'PersonRegisteredSealed',
      data: { personId, nationalId: null, name: null, birthDate: null, erased: true },
    });
    expect(history.body.events.at(-1)).toMatchObject({
      type: 'PersonErased',
      data: { personId, legalBasis },
    });
    expect(JSON.stringify(history.body)).not.toContain(nationalId);

    expect(
      (await t.get(`/persons/${personId}/usage?year=2023`, 'auditor').expect(200)).body,
    ).toEqual(usageBefore);
    const claim = await t.get(`/claims/${claimId}`, 'auditor').expect(200);
    expect(claim.body.personId).toBe(personId);
  });

  it('repeats: 200 with the recorded legal basis, nothing appended', async () => {
    const before = await t.eventCount();
    const again = await t
      .post(`/persons/${personId}/erasure`, { legalBasis: 'another request' }, 'admin')
      .expect(200);
    expect(again.body).toMatchObject({ personId, erased: true, legalBasis });
    expect(await t.eventCount()).toBe(before);
  });

  it('records nothing more for an erased person: enrollment, claim, status and registration are 422 person-erased', async () => {
    const before = await t.stateEventCount();
    const refusals = [
      await t.post(
        '/enrollments',
        {
          personId,
          regionCode: '370800',
          coverageYear: 2024,
          category: 'adult',
          channel: 'centralized',
          enrolledOn: '2023-11-15',
        },
        'clerk',
      ),
      await t.post(
        '/claims',
        inpatient(personId, { admissionDate: '2023-05-01', dischargeDate: '2023-05-03' }),
        'institution',
      ),
      await t.post(
        `/persons/${personId}/assistance-status`,
        { category: 'minimum-living-allowance', effectiveFrom: '2023-01-01' },
        'clerk',
      ),
      await t.post('/persons', { nationalId, name, birthDate, regionCode: '370800' }, 'clerk'),
    ];
    expect(refusals.map((r) => [r.status, r.body.code])).toEqual(
      Array(4).fill([422, 'person-erased']),
    );
    expect(await t.stateEventCount()).toBe(before);
  });

  it('still verifies: the chain over the ciphertext, a rebuild of every projection, the drift check', async () => {
    const verify = await t.get('/ledger/verify', 'auditor').expect(200);
    expect(verify.body).toMatchObject({ ok: true, firstBadPosition: null });
    expect(verify.body.eventsChecked).toBe(await t.eventCount());
    const cliVerify = await runCli(t.databaseUrl, ['verify']);
    expect(cliVerify.stdout).toContain(`chain ok: ${await t.eventCount()} events`);
    expect(cliVerify.code).toBe(0);
    const rebuilt = await runCli(t.databaseUrl, ['projections', 'rebuild', 'all']);
    expect(rebuilt.code).toBe(0);
    const check = await runCli(t.databaseUrl, ['projections', 'check', 'all']);
    expect(check.stdout).not.toContain('DRIFT');
    expect(check.code).toBe(0);
    // and the person still reads as erased, with their money, after the rebuild
    const read = await t.get(`/persons/${personId}`, 'investigator').expect(200);
    expect(read.body.erased).toBe(true);
    expect(
      (await t.get(`/persons/${personId}/usage?year=2023`, 'auditor').expect(200)).body,
    ).toEqual(usageBefore);
  });

  it('is refused (422 erasure-not-possible) for a person whose registration is not sealed, and for no person 404', async () => {
    await t
      .post('/persons/per_000000000000000000000000/erasure', { legalBasis }, 'admin')
      .expect(404);
    // a person recorded before sealing (a clear PersonRegistered, as a log of before this change holds)
    const legacyId = 'per_0000000000000000000000aa';
    const clearId = residentId('1950-02-03');
    await t.app.get<EventStore>(eventStoreToken).append({
      streams: [
        {
          streamId: `person-${legacyId}`,
          expectedVersion: 'no-stream',
          events: [
            {
              eventId: randomUUID(),
              type: 'PersonRegistered',
              schemaVersion: 1,
              data: {
                personId: legacyId,
                nationalId: clearId,
                name: '旧',
                birthDate: '1950-02-03',
                regionCode: '370800',
              },
              metadata: { actor: 'key:legacy', correlationId: 'legacy' },
            },
          ],
        },
      ],
    });
    const before = await t.eventCount();
    const legacy = await t
      .post(`/persons/${legacyId}/erasure`, { legalBasis }, 'admin')
      .expect(422);
    expect(legacy.body.code).toBe('erasure-not-possible');
    expect(await t.eventCount()).toBe(before);
    expect((await t.get(`/persons/${legacyId}`, 'investigator').expect(200)).body).toMatchObject({
      nationalId: clearId,
      erased: false,
    });
    const refused = await t.post(`/persons/not-an-id/erasure`, { legalBasis: ' ' }, 'admin');
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].field).toBe('legalBasis');
  });
});

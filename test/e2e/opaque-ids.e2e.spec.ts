import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash, randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { eventStoreToken, type EventStore } from '../../src/eventstore/event-store.port.js';
import { legacyEnrollmentIdFor, legacyPersonIdFor } from '../../src/persons/domain/person-id.js';
import { claimContentHash, legacyClaimIdFor } from '../../src/claims/application/claim-hashes.js';
import { coveredPerson, inpatient } from '../support/claims.js';
import { residentId } from '../support/people.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { registerInstitutions } from '../support/institutions.js';
import { enrollFor2023 } from '../support/enrollments.js';

// API.md 1.1: ids are opaque (random, or keyed with the id key), one person per resident ID holds
// under races, and logs written before 1.1 (ids = unsalted hashes) stay readable and unique.

const person = (nationalId: string, birthDate: string) => ({
  nationalId,
  name: '王芳',
  birthDate,
  regionCode: '370800',
});

describe('opaque ids', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await registerInstitutions(t, { institutionId: 'H370800001', level: 'tertiary' });
  });
  afterAll(async () => t.close());

  it('gives a person an id that is not the unsalted hash of the resident ID, and the same id for the same data again', async () => {
    const nationalId = residentId('1975-02-03');
    const first = await t.post('/persons', person(nationalId, '1975-02-03'), 'clerk').expect(201);
    expect(first.body.personId).toMatch(/^per_[0-9a-f]{24}$/);
    expect(first.body.personId).not.toBe(legacyPersonIdFor(nationalId));
    const again = await t.post('/persons', person(nationalId, '1975-02-03'), 'clerk').expect(200);
    expect(again.body.personId).toBe(first.body.personId);
    const other = await t
      .post('/persons', { ...person(nationalId, '1975-02-03'), name: '王芬' }, 'clerk')
      .expect(409);
    expect(other.body.code).toBe('person-conflict');
  });

  it('keeps one person per resident ID when 12 registrations of it race', async () => {
    const nationalId = residentId('1980-07-08');
    const before = await t.stateEventCount();
    const answers = await Promise.all(
      Array.from({ length: 12 }, () =>
        t.post('/persons', person(nationalId, '1980-07-08'), 'clerk'),
      ),
    );
    const ids = new Set(answers.map((a) => a.body.personId));
    expect(ids.size).toBe(1);
    expect(answers.map((a) => a.status).sort()).toEqual([...Array(11).fill(200), 201]);
    const types = await t.db.query<{ type: string }>(
      'SELECT type FROM events WHERE position > (SELECT coalesce(max(position), 0) FROM events) - 2 ORDER BY position',
    );
    expect(types.rows.map((r) => r.type).sort()).toEqual([
      'PersonIdAssigned',
      'PersonRegisteredSealed',
    ]);
    expect(await t.stateEventCount()).toBe(before + 2);
  });

  it('names the lookup stream by a keyed MAC: the log holds neither the resident ID nor its unsalted hash outside PersonRegistered', async () => {
    const nationalId = residentId('1966-11-12');
    const { body } = await t
      .post('/persons', person(nationalId, '1966-11-12'), 'clerk')
      .expect(201);
    const sm3 = createHash('sm3').update(nationalId).digest('hex');
    const legacy = legacyPersonIdFor(nationalId).slice(4);
    const { rows } = await t.db.query<{ stream_id: string; type: string; text: string }>(
      "SELECT stream_id, type, data::text AS text FROM events WHERE stream_id LIKE 'resident-%' OR data->>'personId' = $1",
      [body.personId],
    );
    const link = rows.find((r) => r.type === 'PersonIdAssigned')!;
    expect(link.stream_id).toMatch(/^resident-[0-9a-f]{64}$/);
    for (const r of rows) {
      expect(r.stream_id).not.toContain(sm3.slice(0, 24));
      expect(r.stream_id + r.text).not.toContain(legacy);
      if (r.type !== 'PersonRegistered') expect(r.text).not.toContain(nationalId);
    }
  });

  it('makes a claim id no hospital can compute from an institution and invoice number', async () => {
    const personId = await coveredPerson(t);
    const claim = inpatient(personId);
    const { body } = await t.post('/claims', claim, 'institution').expect(201);
    expect(body.claimId).toMatch(/^clm_[0-9a-f]{24}$/);
    expect(body.claimId).not.toBe(
      legacyClaimIdFor(claim.institutionId as string, claim.invoiceNo as string),
    );
    expect((await t.post('/claims', claim, 'institution').expect(201)).body.claimId).toBe(
      body.claimId,
    );
  });

  it('keys appropriation and relief grant ids too: neither is the unkeyed hash of its natural key', async () => {
    const appropriation = await t
      .post(
        '/assistance-funds/370800/appropriations',
        { amountFen: 100000000, source: 'fiscal', receivedOn: '2023-01-05', reference: 'OI-1' },
        'clerk',
      )
      .expect(201);
    expect(appropriation.body.appropriationId).toMatch(/^apr_[0-9a-f]{24}$/);
    expect(appropriation.body.appropriationId).not.toBe(
      `apr_${createHash('sm3').update('370800:OI-1').digest('hex').slice(0, 24)}`,
    );
    const personId = await coveredPerson(t, 'minimum-living-allowance');
    const grant = await t
      .post(
        '/relief-grants',
        { personId, onDate: '2023-04-01', burdenFen: 300000, reference: 'OI-G1' },
        'clerk',
      )
      .expect(201);
    expect(grant.body.grantId).toMatch(/^grt_[0-9a-f]{24}$/);
    expect(grant.body.grantId).not.toBe(
      `grt_${createHash('sm3').update(`${personId}\nOI-G1`).digest('hex').slice(0, 24)}`,
    );
    expect(
      (
        await t
          .post(
            '/relief-grants',
            { personId, onDate: '2023-04-01', burdenFen: 300000, reference: 'OI-G1' },
            'clerk',
          )
          .expect(200)
      ).body.grantId,
    ).toBe(grant.body.grantId);
  });

  it('gives an enrollment a random id that names neither person nor year, and finds its person for payments through the lookup stream', async () => {
    const personId = (
      await t.post('/persons', person(residentId('1971-01-02'), '1971-01-02'), 'clerk').expect(201)
    ).body.personId as string;
    const enrolled = await enrollFor2023(t, personId);
    const enrollmentId = enrolled.body.enrollmentId as string;
    expect(enrollmentId).toMatch(/^enr_[0-9a-f]{24}$/);
    expect(enrollmentId).not.toContain(personId.slice(4));
    const link = await t.db.query<{ data: { personId: string } }>(
      'SELECT data FROM events WHERE stream_id = $1',
      [`enrollment-${enrollmentId}`],
    );
    expect(link.rows.map((r) => r.data)).toEqual([{ personId }]);
    await t
      .post(
        `/enrollments/${enrollmentId}/payments`,
        {
          receiptNo: `OI-${enrollmentId}`,
          paidOn: '2022-12-01',
          amountFen: enrolled.body.contribution.dueFromPersonFen,
        },
        'clerk',
      )
      .expect(201);
    await t
      .post(
        '/enrollments/enr_000000000000000000000000/payments',
        { receiptNo: 'OI-none', paidOn: '2022-12-01', amountFen: 38000 },
        'clerk',
      )
      .expect(404);
  });

  it('created the id key file with mode 0600', () => {
    const path = `${tmpdir()}/ledger-test-id-keys/${new URL(t.databaseUrl).pathname.slice(1)}.key`;
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });
});

describe('a log written before 1.1 (ids were unsalted hashes)', () => {
  let t: TestApp;
  let store: EventStore;
  beforeAll(async () => {
    t = await startTestApp();
    await registerInstitutions(t, { institutionId: 'H370800001', level: 'tertiary' });
    store = t.app.get(eventStoreToken);
  });
  afterAll(async () => t.close());

  const metadata = { actor: 'key:legacy', correlationId: 'legacy' };

  it('still finds its persons by resident ID (no second person) and still reads them by their old id', async () => {
    const nationalId = residentId('1955-04-05');
    const personId = legacyPersonIdFor(nationalId);
    await store.append({
      streams: [
        {
          streamId: `person-${personId}`,
          expectedVersion: 'no-stream',
          events: [
            {
              eventId: randomUUID(),
              type: 'PersonRegistered',
              schemaVersion: 1,
              data: { personId, ...person(nationalId, '1955-04-05') },
              metadata,
            },
          ],
        },
      ],
    });
    expect(
      (await t.post('/persons', person(nationalId, '1955-04-05'), 'clerk').expect(200)).body
        .personId,
    ).toBe(personId);
    expect(
      (
        await t
          .post('/persons', { ...person(nationalId, '1955-04-05'), name: '别人' }, 'clerk')
          .expect(409)
      ).body.code,
    ).toBe('person-conflict');
    expect((await t.get(`/persons/${personId}`, 'investigator').expect(200)).body.nationalId).toBe(
      nationalId,
    );
  });

  it('still takes payments for an enrollment recorded under its old id (enr_{person hash}_{year}), which has no lookup stream', async () => {
    const nationalId = residentId('1958-06-07');
    const personId = legacyPersonIdFor(nationalId);
    const enrollmentId = legacyEnrollmentIdFor(personId, 2023);
    const template = (
      await t.post('/persons', person(residentId('1958-06-07'), '1958-06-07'), 'clerk').expect(201)
    ).body.personId as string;
    const enrolled = await enrollFor2023(t, template);
    const { rows } = await t.db.query<{ data: Record<string, unknown> }>(
      "SELECT data FROM events WHERE type = 'EnrollmentRegistered' AND data->>'enrollmentId' = $1",
      [enrolled.body.enrollmentId],
    );
    await store.append({
      streams: [
        {
          streamId: `person-${personId}`,
          expectedVersion: 'no-stream',
          events: [
            {
              eventId: randomUUID(),
              type: 'PersonRegistered',
              schemaVersion: 1,
              data: { personId, ...person(nationalId, '1958-06-07') },
              metadata,
            },
            {
              eventId: randomUUID(),
              type: 'EnrollmentRegistered',
              schemaVersion: 1,
              data: { ...rows[0]!.data, enrollmentId, personId },
              metadata,
            },
          ],
        },
      ],
    });
    const paid = await t
      .post(
        `/enrollments/${enrollmentId}/payments`,
        {
          receiptNo: `OLD-${enrollmentId}`,
          paidOn: '2022-12-01',
          amountFen: enrolled.body.contribution.dueFromPersonFen,
        },
        'clerk',
      )
      .expect(201);
    expect(paid.body).toMatchObject({ enrollmentId, status: 'active' });
  });

  it('finds a relief grant recorded under its old id by its reference: the same grant again replays it, other content conflicts', async () => {
    const personId = await coveredPerson(t, 'minimum-living-allowance');
    const legacyId = `grt_${createHash('sm3').update(`${personId}\nOLD-G1`).digest('hex').slice(0, 24)}`;
    const template = await t
      .post(
        '/relief-grants',
        { personId, onDate: '2023-04-01', burdenFen: 300000, reference: 'NEW-G1' },
        'clerk',
      )
      .expect(201);
    const { rows } = await t.db.query<{ data: Record<string, unknown>; v: string }>(
      "SELECT data, stream_version::text AS v FROM events WHERE type = 'ReliefGranted' AND data->>'grantId' = $1",
      [template.body.grantId],
    );
    await store.append({
      streams: [
        {
          streamId: `person-${personId}`,
          expectedVersion: Number(rows[0]!.v),
          events: [
            {
              eventId: randomUUID(),
              type: 'ReliefGranted',
              schemaVersion: 1,
              data: {
                ...rows[0]!.data,
                grantId: legacyId,
                reference: 'OLD-G1',
                onDate: '2023-04-02',
              },
              metadata,
            },
          ],
        },
      ],
    });
    const before = await t.stateEventCount();
    expect(
      (
        await t
          .post(
            '/relief-grants',
            { personId, onDate: '2023-04-02', burdenFen: 300000, reference: 'OLD-G1' },
            'clerk',
          )
          .expect(200)
      ).body.grantId,
    ).toBe(legacyId);
    expect(
      (
        await t
          .post(
            '/relief-grants',
            { personId, onDate: '2023-04-02', burdenFen: 300001, reference: 'OLD-G1' },
            'clerk',
          )
          .expect(409)
      ).body.code,
    ).toBe('reference-reused');
    expect(await t.stateEventCount()).toBe(before);
  });

  it('keeps an invoice settled under its old claim id taken: the same invoice again replays that claim, other content is a duplicate', async () => {
    // A claim as 1.0 recorded it: a settled claim's events, copied under another invoice number and its legacy id onto another covered person.
    const template = await t
      .post('/claims', inpatient(await coveredPerson(t)), 'institution')
      .expect(201);
    const personId = await coveredPerson(t);
    const claim = inpatient(personId, { invoiceNo: `LEGACY-${randomUUID()}` });
    const legacyId = legacyClaimIdFor(claim.institutionId as string, claim.invoiceNo as string);
    const { rows } = await t.db.query<{ type: string; data: Record<string, unknown> }>(
      "SELECT type, data FROM events WHERE data->>'claimId' = $1 ORDER BY position",
      [template.body.claimId],
    );
    const contentHash = claimContentHash({ ...claim, serviceDate: null, diagnosisCode: null });
    const copy = (type: string) => {
      const data = rows.find((r) => r.type === type)!.data;
      const moved = JSON.parse(
        JSON.stringify(data)
          .replaceAll(template.body.claimId, legacyId)
          .replaceAll(data.personId as string, personId),
      );
      return {
        ...moved,
        invoiceNo: claim.invoiceNo,
        ...(type === 'InvoiceRegistered' ? { contentHash } : {}),
      };
    };
    const version = Number(
      (
        await t.db.query<{ v: string }>(
          'SELECT max(stream_version)::text AS v FROM events WHERE stream_id = $1',
          [`person-${personId}`],
        )
      ).rows[0]!.v,
    );
    await store.append({
      streams: [
        {
          streamId: `person-${personId}`,
          expectedVersion: version,
          events: [
            {
              eventId: randomUUID(),
              type: 'ClaimSettled',
              schemaVersion: 1,
              data: copy('ClaimSettled'),
              metadata,
            },
          ],
        },
        {
          streamId: `invoice-${legacyId}`,
          expectedVersion: 'no-stream',
          events: [
            {
              eventId: randomUUID(),
              type: 'InvoiceRegistered',
              schemaVersion: 1,
              data: copy('InvoiceRegistered'),
              metadata,
            },
          ],
        },
      ],
    });
    const before = await t.stateEventCount();
    const replay = await t.post('/claims', claim, 'institution').expect(201);
    expect(replay.body.claimId).toBe(legacyId);
    expect(await t.stateEventCount()).toBe(before);
    expect((await t.get(`/claims/${legacyId}`, 'auditor').expect(200)).body.personId).toBe(
      personId,
    );
    const duplicate = await t
      .post(
        '/claims',
        { ...claim, totalCostFen: 1 + (claim.totalCostFen as number) },
        'institution',
      )
      .expect(409);
    expect(duplicate.body.code).toBe('duplicate-invoice');
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../src/eventstore/tamper-evidence.js';
import { inpatient } from '../support/claims.js';
import { registerInstitutions } from '../support/institutions.js';
import {
  operations,
  plausibleBody,
  realParameter,
  seedLedger,
  type Operation,
  type Seeded,
} from '../support/openapi-requests.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// In every request body, an optional field sent as null is absent (the fuzz found a 500 where one
// reached an event schema as null), and a required field sent as null is a 400 naming it. For
// EVERY write of the committed openapi.json with a body, deterministically: each optional property
// is sent once absent (the control, which must succeed) and once as null; the null one must answer
// as the absent one did and record the same value under that name (nothing where the control
// records nothing; the event's own null where its schema records "none" as null, e.g. an
// institution's open-ended agreementTo). Each required property sent as null is 400
// validation-failed naming it, and records nothing.

const writes = operations.filter((o) => o.method === 'post' && o.body);

const sentAs = (op: Operation) => `${op.method.toUpperCase()} ${op.path.replace('/api/v1', '')}`;

/** The optional properties of an operation's body: in its schema, not in `required`. */
const optionalOf = (op: Operation) =>
  Object.keys(op.body!.properties ?? {}).filter((n) => !(op.body!.required ?? []).includes(n));
const requiredOf = (op: Operation) => op.body!.required ?? [];

let seeded: Seeded;
let serial = 0;

/**
 * A request the service accepts: the fuzz suite's plausible body (sampled with a fixed seed), with
 * what the plausible values leave to chance (a business rule, a natural key) set so that the
 * request succeeds and records something new each time. `field` is the optional field under test.
 */
async function validRequest(
  t: TestApp,
  op: Operation,
  field: string,
): Promise<{ url: string; body: Record<string, unknown> }> {
  serial += 1;
  const n = serial;
  const body = fc.sample(plausibleBody(op.body!, seeded), { seed: 1700 + n, numRuns: 1 })[0]!;
  const path: Record<string, string> = {};
  const route = op.path.replace('/api/v1', '');
  if (route === '/persons/{personId}/assistance-status') {
    // a different category on a later date each time, so each request records a change
    const categories = op.body!.properties!.category!.enum!;
    Object.assign(body, {
      category: categories[n % categories.length],
      effectiveFrom: `2023-01-${String(1 + (n % 28)).padStart(2, '0')}`,
    });
  } else if (route === '/claims') {
    // the dates of the other claim type are the optional ones: an inpatient claim needs
    // admission and discharge, an outpatient one its service date
    const outpatient = field === 'admissionDate' || field === 'dischargeDate';
    const claim = inpatient(seeded.personId, { invoiceNo: `NULL-${process.pid}-${n}` });
    Object.assign(body, claim, { diagnosisCode: 'J18.9' });
    if (outpatient) {
      Object.assign(body, {
        claimType: 'outpatient-general',
        serviceDate: '2023-05-10',
        totalCostFen: 20000,
        policyCostFen: 15000,
      });
      delete body.admissionDate;
      delete body.dischargeDate;
    } else delete body.serviceDate;
  } else if (route === '/alerts/{alertId}/resolution') {
    // an open alert of its own: a claim dated after the death of the seeded dead person
    await t
      .post(
        '/claims',
        inpatient(seeded.erasablePersonId, {
          invoiceNo: `DEAD-${process.pid}-${n}`,
          admissionDate: '2023-04-02',
          dischargeDate: '2023-04-03',
        }),
        'institution',
      )
      .expect(422);
    const open = await t
      .get(`/alerts?personId=${seeded.erasablePersonId}&status=open`, 'investigator')
      .expect(200);
    path.alertId = open.body.alerts[0].alertId as string;
    Object.assign(body, { outcome: 'dismissed', note: '核查无误' });
  } else if (route === '/institutions') {
    Object.assign(body, {
      institutionId: `HN${process.pid}-${n}`,
      regionCode: '370800',
      agreementFrom: '2020-01-01',
      agreementTo: '2030-12-31',
    });
  } else if (route === '/institutions/{institutionId}/suspension') {
    path.institutionId = `HS${process.pid}-${n}`;
    await registerInstitutions(t, { institutionId: path.institutionId, level: 'secondary' });
    Object.assign(body, { from: '2023-05-01', to: '2023-05-31' });
  }
  const url = route.replace(
    /\{(\w+)\}/g,
    (_, name: string) =>
      path[name] ??
      realParameter(
        name === 'personId' && route.endsWith('/erasure') ? 'erasablePersonId' : name,
        seeded,
      ),
  );
  return { url, body };
}

/** Every value recorded under the name `key`, at any depth of the events' data. */
function valuesUnder(value: unknown, key: string): unknown[] {
  if (Array.isArray(value)) return value.flatMap((v) => valuesUnder(v, key));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => [
    ...(k === key ? [v] : []),
    ...valuesUnder(v, key),
  ]);
}

describe('an optional body field sent as null is absent; a required one sent as null is refused naming it', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    seeded = await seedLedger(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  async function head(): Promise<number> {
    return Number(
      (await t.db.query<{ h: string | null }>('SELECT max(position)::text AS h FROM events'))
        .rows[0]!.h ?? 0,
    );
  }

  /** Sends the request; answers its status and body, and the data of the events it recorded. */
  async function send(url: string, body: Record<string, unknown>) {
    const before = await head();
    const res = await t.post(url, body);
    const { rows } = await t.db.query<{ type: string; data: unknown }>(
      "SELECT type, data FROM events WHERE position > $1 AND type <> 'RequestRefused' ORDER BY position",
      [before],
    );
    return { status: res.status, body: res.body as Record<string, unknown>, events: rows };
  }

  it('reads the writes from the committed openapi.json, optional fields among them', () => {
    expect(writes.length).toBeGreaterThanOrEqual(20);
    expect(writes.flatMap(optionalOf).length).toBeGreaterThanOrEqual(9);
  });

  for (const op of writes) {
    for (const field of optionalOf(op)) {
      it(`${sentAs(op)}: ${field} sent as null is as if absent`, async () => {
        const absent = await validRequest(t, op, field);
        delete absent.body[field];
        const control = await send(absent.url, absent.body);
        // the control is a request the service takes: otherwise this case would prove nothing
        expect({ status: control.status, body: control.body }).toMatchObject({ status: 201 });
        expect(control.events.length).toBeGreaterThan(0);

        const asNull = await validRequest(t, op, field);
        asNull.body[field] = null;
        const sent = await send(asNull.url, asNull.body);
        expect({ status: sent.status, body: sent.body }).toMatchObject({
          status: control.status,
        });
        expect(sent.events.map((e) => e.type)).toEqual(control.events.map((e) => e.type));
        expect(valuesUnder(sent.events, field)).toEqual(valuesUnder(control.events, field));
      });
    }
    for (const field of requiredOf(op)) {
      it(`${sentAs(op)}: ${field} sent as null is 400 validation-failed naming it`, async () => {
        const { url, body } = await validRequest(t, op, field);
        body[field] = null;
        const res = await send(url, body);
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('validation-failed');
        expect((res.body.errors as Array<{ field: string }>).map((e) => e.field)).toContain(field);
        expect(res.events).toEqual([]);
      });
    }
  }

  it('replays an Idempotency-Key whether an optional field came as null or absent: the same request', async () => {
    const url = `/persons/${seeded.personId}/assistance-status`;
    const body = { category: 'poverty-relapse', effectiveFrom: '2023-02-15' };
    const key = `null-as-absent-${process.pid}`;
    const keyed = await t.post(url, { ...body, applicationRef: null }, 'admin', key).expect(201);
    const before = await head();
    for (const again of [{ ...body, applicationRef: null }, body]) {
      const res = await t.post(url, again, 'admin', key);
      expect({ status: res.status, body: res.body }).toEqual({
        status: 201,
        body: keyed.body,
      });
    }
    expect(await head()).toBe(before);
    // a different body under the same key is still refused
    const other = await t.post(url, { ...body, applicationRef: 'APP-2' }, 'admin', key);
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('idempotency-key-reused');
  });

  it('still replays a key recorded before null was absent, whose hash kept the null', async () => {
    const url = `/persons/${seeded.personId}/assistance-status`;
    const body = {
      category: 'minimum-living-allowance',
      effectiveFrom: '2023-02-20',
      applicationRef: null,
    };
    // a key recorded now, for the answer and for how the service scopes a key to its client
    const now = `recorded-now-${process.pid}`;
    const recorded = await t.post(url, body, 'admin', now).expect(201);
    const { rows } = await t.db.query<{
      key: string;
      status_code: number;
      body: unknown;
      position: string;
    }>('SELECT key, status_code, body, position FROM idempotency_keys WHERE key LIKE $1', [
      `%:${now}`,
    ]);
    expect(rows).toHaveLength(1);
    // the same answer under another key, as the service wrote it before: the hash of the body
    // with its null (method, path and body, canonical JSON, SM3)
    const earlier = `recorded-before-${process.pid}`;
    const formerHash = createHash('sm3')
      .update(canonicalJson({ method: 'POST', path: `/api/v1${url}`, body }))
      .digest('hex');
    await t.db.query(
      'INSERT INTO idempotency_keys (key, request_hash, status_code, body, position) VALUES ($1, $2, $3, $4, $5)',
      [
        rows[0]!.key.replace(now, earlier),
        formerHash,
        rows[0]!.status_code,
        JSON.stringify(rows[0]!.body),
        rows[0]!.position,
      ],
    );
    const before = await head();
    const res = await t.post(url, body, 'admin', earlier);
    expect({ status: res.status, body: res.body }).toEqual({ status: 201, body: recorded.body });
    expect(await head()).toBe(before);
    const other = await t.post(url, { ...body, applicationRef: 'APP-3' }, 'admin', earlier);
    expect(other.body.code).toBe('idempotency-key-reused');
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { LoggerService } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import request from 'supertest';
import { legacyPersonIdFor } from '../../src/persons/domain/person-id.js';
import { maskResidentId } from '../../src/persons/domain/resident-id.js';
import { inpatient } from '../support/claims.js';
import { residentId } from '../support/people.js';
import { startTestApp, testKeys, type TestApp } from '../support/test-app.js';
import { registerInstitutions } from '../support/institutions.js';
import { enrollFor2023 } from '../support/enrollments.js';

// The guide: nothing from which a resident ID can be recomputed in front of a role that sees it
// masked, and every read in clear logged. For auditor, finance and institution keys (scoped and
// not), every read, export (CSV, XLSX) and error body, and every log line of the whole run, must
// hold neither the resident ID, nor the full birth date (either spelling), nor the unsalted hashes
// the ids used to be (from which the ID falls out in milliseconds).

/** Captures the service's log lines as the JSON a ConsoleLogger would print. */
class CapturingLogger implements LoggerService {
  readonly lines: string[] = [];
  private keep(level: string, message: unknown, rest: unknown[]) {
    this.lines.push(JSON.stringify({ level, message, context: rest }));
  }
  log(message: unknown, ...rest: unknown[]) {
    this.keep('log', message, rest);
  }
  error(message: unknown, ...rest: unknown[]) {
    this.keep('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]) {
    this.keep('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]) {
    this.keep('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]) {
    this.keep('verbose', message, rest);
  }
}

const scopedKey = 'scoped-h001-key-0123456789';
const birthDate = '1963-09-17';

async function body(req: request.Test, statuses: number[] = []): Promise<string> {
  const res = await req.buffer(true).parse((r, done) => {
    const chunks: Buffer[] = [];
    r.on('data', (c: Buffer) => chunks.push(c));
    r.on('end', () => done(null, Buffer.concat(chunks)));
  });
  statuses.push(res.status);
  const raw = res.body as Buffer;
  if (!String(res.headers['content-type']).includes('spreadsheetml')) return raw.toString('utf8');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(raw as never); // exceljs declares an older Buffer type
  return JSON.stringify(workbook.worksheets.map((w) => w.getSheetValues()));
}

describe('no resident ID, full birth date or ID hash in front of a role that sees IDs masked', () => {
  const logger = new CapturingLogger();
  let t: TestApp;
  let nationalId: string;
  let personId: string;
  const paths: string[] = [];
  beforeAll(async () => {
    t = await startTestApp({
      logger,
      apiKeys: { [scopedKey]: { roles: ['institution'], institutions: ['H001'] } },
    });
    nationalId = residentId(birthDate);
    await t
      .post(
        '/assistance-funds/370800/appropriations',
        { amountFen: 100000000, source: 'fiscal', receivedOn: '2023-01-05', reference: 'NL-1' },
        'clerk',
      )
      .expect(201);
    personId = (
      await t
        .post('/persons', { nationalId, name: '李明', birthDate, regionCode: '370800' }, 'clerk')
        .expect(201)
    ).body.personId;
    await t
      .post(
        `/persons/${personId}/assistance-status`,
        { category: 'minimum-living-allowance', effectiveFrom: '2022-01-01' },
        'clerk',
      )
      .expect(201);
    const enrolled = await enrollFor2023(t, personId);
    // the institutions after the person, so that position 3 is still the person's history
    await registerInstitutions(
      t,
      { institutionId: 'H001', level: 'tertiary' },
      { institutionId: 'H370800001', level: 'tertiary' },
    );
    const claim = (
      await t
        .post(
          '/claims',
          inpatient(personId, {
            institutionId: 'H001',
            admissionDate: '2023-03-01',
            dischargeDate: '2023-03-10',
          }),
          'institution',
        )
        .expect(201)
    ).body.claimId;
    // a readmission 10 days later raises split-admission: an alert with the person's evidence
    await t
      .post(
        '/claims',
        inpatient(personId, {
          institutionId: 'H001',
          admissionDate: '2023-03-20',
          dischargeDate: '2023-03-28',
        }),
        'institution',
      )
      .expect(201);
    const grant = (
      await t
        .post(
          '/relief-grants',
          { personId, onDate: '2023-04-01', burdenFen: 300000, reference: 'NL-G1' },
          'clerk',
        )
        .expect(201)
    ).body.grantId;
    await t.post(`/persons/${personId}/death`, { dateOfDeath: '2023-06-01' }, 'clerk').expect(201);
    await t
      .post(
        '/reconciliations/institution',
        { institutionId: 'H001', month: '2023-03', claims: [] },
        'finance',
      )
      .expect(201);
    paths.push(
      `/persons/${personId}`,
      `/persons/${personId}/history`,
      `/persons/${personId}/history?asOfPosition=3`,
      `/persons/${personId}/usage?year=2023`,
      `/claims/${claim}`,
      `/ledger/trace/${claim}`,
      `/ledger/trace/${enrolled.body.enrollmentId}`,
      `/ledger/trace/${grant}`,
      `/alerts`,
      `/alerts?personId=${personId}`,
      '/institutions/H001/history',
      '/institutions/H001',
      '/funds',
      '/ledger/postings?limit=1000',
      '/ledger/verify',
      '/funds/statements?regionCode=370800&year=2023',
      '/funds/statements?regionCode=370800&year=2023&format=csv',
      '/funds/statements?regionCode=370800&year=2023&format=xlsx',
      '/budget?regionCode=370800&year=2023&asOfDate=2023-06-30',
      '/reconciliations',
      `/persons/${personId}/usage?year=20x3`,
      '/claims/clm_000000000000000000000000',
      `/access-log?personId=${personId}`,
    );
  });
  afterAll(async () => t.close());

  const forbidden = () => {
    const compact = birthDate.replaceAll('-', '');
    return {
      'resident ID': nationalId,
      'full birth date': birthDate,
      'birth date as in the ID': compact,
      'region and birth date': nationalId.slice(0, 14),
      'unsalted SM3 of the ID': createHash('sm3').update(nationalId).digest('hex').slice(0, 24),
      'the pre-1.1 person id': legacyPersonIdFor(nationalId).slice(4),
    };
  };
  const leaks = (text: string) =>
    Object.entries(forbidden())
      .filter(([, value]) => text.includes(value))
      .map(([what]) => what);

  // how many of the reads answer 200 for the role (the rest are its 403s and the deliberate 400 and 404)
  it.each([
    ['auditor', testKeys.auditor, 20],
    ['finance', testKeys.finance, 9],
    ['institution', testKeys.institution, 3],
    ['institution scoped to H001', scopedKey, 3],
  ] as const)(
    'shows the %s key every read, export and error body without any of them',
    async (_, key, answered) => {
      const found: string[] = [];
      const statuses: number[] = [];
      for (const path of paths) {
        const text = await body(
          request(t.baseUrl).get(`/api/v1${path}`).set('Authorization', `Bearer ${key}`),
          statuses,
        );
        found.push(...leaks(text).map((what) => `${path}: ${what}`));
      }
      const refused = await body(
        request(t.baseUrl)
          .post('/api/v1/claims')
          .set('Authorization', `Bearer ${key}`)
          .send(
            inpatient(personId, {
              institutionId: 'H001',
              admissionDate: '2023-07-01',
              dischargeDate: '2023-07-02',
            }),
          ),
      );
      found.push(...leaks(refused).map((what) => `POST /claims: ${what}`));
      const simulated = await body(
        request(t.baseUrl)
          .post('/api/v1/policy-simulations')
          .set('Authorization', `Bearer ${key}`)
          .send({ regionCode: '370800', coverageYear: 2023, changes: {} }),
      );
      found.push(...leaks(simulated).map((what) => `POST /policy-simulations: ${what}`));
      expect(found).toEqual([]);
      expect(statuses.filter((s) => s === 200)).toHaveLength(answered);
    },
  );

  it('shows an auditor the ID masked and the birth date as the year, and an investigator both in clear', async () => {
    const masked = await t.get(`/persons/${personId}`, 'auditor').expect(200);
    expect(masked.body).toMatchObject({
      nationalId: maskResidentId(nationalId),
      birthDate: '1963',
    });
    const history = await t.get(`/persons/${personId}/history`, 'auditor').expect(200);
    expect(history.body.events[0].data).toMatchObject({
      nationalId: maskResidentId(nationalId),
      birthDate: '1963',
      name: '李明',
    });
    const clear = await t.get(`/persons/${personId}`, 'investigator').expect(200);
    expect(clear.body).toMatchObject({ nationalId, birthDate });
  });

  it('records every read in clear in the access log (who, role, when, which person, which endpoint), and no read masked', async () => {
    const accessRows = async () =>
      (
        await t.db.query<Record<string, string>>(
          'SELECT actor, role, person_id, endpoint, at FROM access_log ORDER BY seq',
        )
      ).rows;
    const before = (await accessRows()).length;
    await t.get(`/persons/${personId}`, 'auditor').expect(200);
    await t.get(`/persons/${personId}/history`, 'auditor').expect(200);
    expect(await accessRows()).toHaveLength(before);
    await t.get(`/persons/${personId}/history`, 'investigator').expect(200);
    const [row] = (await accessRows()).slice(before);
    expect(row).toMatchObject({
      person_id: personId,
      endpoint: 'GET /persons/{personId}/history',
      role: 'investigator',
    });
    expect(row!.actor).toMatch(/^key:[0-9a-f]{16}$/);
    expect(Date.now() - Date.parse(row!.at)).toBeLessThan(60_000);
  });

  it('shows no role, investigator and admin included, the resident ID, name or birth date of an erased person', async () => {
    const erasedId = residentId('1959-10-21');
    const erased = (
      await t
        .post(
          '/persons',
          { nationalId: erasedId, name: '周某某', birthDate: '1959-10-21', regionCode: '370800' },
          'clerk',
        )
        .expect(201)
    ).body.personId as string;
    await t.post(`/persons/${erased}/erasure`, { legalBasis: 'PIPL art. 47' }, 'admin').expect(201);
    const found: string[] = [];
    for (const key of Object.values(testKeys))
      for (const path of [`/persons/${erased}`, `/persons/${erased}/history`]) {
        const text = await body(
          request(t.baseUrl).get(`/api/v1${path}`).set('Authorization', `Bearer ${key}`),
        );
        for (const value of [erasedId, '周某某', '1959-10-21', '19591021'])
          if (text.includes(value)) found.push(`${path}: ${value}`);
      }
    expect(found).toEqual([]);
  });

  it('writes no log line, for any role, that holds the resident ID, the full birth date or an ID hash', () => {
    expect(logger.lines.length).toBeGreaterThan(50);
    const found = logger.lines.flatMap((line) =>
      leaks(line).map((what) => `${what}: ${line.slice(0, 200)}`),
    );
    expect(found).toEqual([]);
  });

  it('says where it created the id key file, and never logs the key', () => {
    const path = `${tmpdir()}/ledger-test-id-keys/${new URL(t.databaseUrl).pathname.slice(1)}.key`;
    const key = readFileSync(path, 'utf8').trim();
    expect(
      logger.lines.filter((l) => l.includes('created the id key file') && l.includes(path)),
    ).toHaveLength(1);
    expect(logger.lines.filter((l) => l.includes(key) || l.includes(key.slice(0, 16)))).toEqual([]);
  });

  it('says where it created the personal-data master key file (mode 0600), and never logs the key', () => {
    const path = `${tmpdir()}/ledger-test-id-keys/${new URL(t.databaseUrl).pathname.slice(1)}.key.personal-data`;
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const key = readFileSync(path, 'utf8').trim();
    expect(
      logger.lines.filter(
        (l) => l.includes('created the personal-data master key file') && l.includes(path),
      ),
    ).toHaveLength(1);
    expect(logger.lines.filter((l) => l.includes(key) || l.includes(key.slice(0, 16)))).toEqual([]);
  });
});

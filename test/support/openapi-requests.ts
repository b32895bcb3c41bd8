import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { coveredPerson, inpatient } from './claims.js';
import { registerInstitutions } from './institutions.js';
import { registerPerson, residentId } from './people.js';
import type { TestApp } from './test-app.js';
import { enrollFor2023 } from './enrollments.js';

// Requests built from the committed OpenAPI document (openapi.json): its operations, and plausible
// values for their path parameters and body fields, drawn from a seeded ledger (seedLedger). The
// fuzz suite (test/fuzz) breaks one thing of such a request at a time; the null-as-absent e2e
// suite sends each body field as null.

export interface Schema {
  type?: string;
  enum?: string[];
  description?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  $ref?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
}
export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: Schema;
}
export interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  body?: Schema;
}

const document = JSON.parse(
  readFileSync(new URL('../../openapi.json', import.meta.url), 'utf8'),
) as {
  paths: Record<
    string,
    Record<
      string,
      { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: Schema }> } }
    >
  >;
  components: { schemas: Record<string, Schema> };
};

/** A schema, or the component schema its $ref names. */
export const resolve = (s: Schema): Schema =>
  s.$ref ? document.components.schemas[s.$ref.split('/').pop()!]! : s;

/** Every operation of openapi.json, with its JSON body schema resolved. */
export const operations: Operation[] = Object.entries(document.paths).flatMap(([path, byMethod]) =>
  Object.entries(byMethod).map(([method, op]) => {
    const body = op.requestBody?.content['application/json']?.schema;
    return {
      method,
      path,
      parameters: op.parameters ?? [],
      body: body ? resolve(body) : undefined,
    };
  }),
);

/** Real ids of the ledger seedLedger made. */
export interface Seeded {
  personId: string;
  /** the person the erasure route erases: not personId, whose writes every other route uses */
  erasablePersonId: string;
  enrollmentId: string;
  claimId: string;
  alertId: string;
}

/**
 * A ledger to send requests against: institutions H370800001 (tertiary) and H370800002
 * (secondary), an appropriation to Jining's assistance fund, a covered person on minimum living
 * allowance with a settled claim, an enrollment awaiting payment, and a dead person with an open
 * claim-after-death alert.
 */
export async function seedLedger(t: TestApp): Promise<Seeded> {
  await registerInstitutions(
    t,
    { institutionId: 'H370800001', level: 'tertiary' },
    { institutionId: 'H370800002', level: 'secondary' },
  );
  await t
    .post(
      '/assistance-funds/370800/appropriations',
      { amountFen: 500000000, source: 'fiscal', receivedOn: '2023-01-05', reference: 'SEED-1' },
      'clerk',
    )
    .expect(201);
  const personId = await coveredPerson(t, 'minimum-living-allowance');
  const claimId = (await t.post('/claims', inpatient(personId), 'institution').expect(201)).body
    .claimId as string;
  const other = await registerPerson(t);
  const enrollmentId = (await enrollFor2023(t, other)).body.enrollmentId as string;
  const dead = await coveredPerson(t);
  await t.post(`/persons/${dead}/death`, { dateOfDeath: '2023-04-01' }, 'clerk').expect(201);
  await t
    .post(
      '/claims',
      inpatient(dead, { admissionDate: '2023-04-02', dischargeDate: '2023-04-03' }),
      'institution',
    )
    .expect(422);
  const alertId = (await t.get(`/alerts?personId=${dead}`, 'investigator').expect(200)).body
    .alerts[0].alertId as string;
  return { personId, erasablePersonId: dead, enrollmentId, claimId, alertId };
}

/** A plausible value of a body field, by its name and schema. */
export function plausible(name: string, schema: Schema, seeded: Seeded): fc.Arbitrary<unknown> {
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (name === 'personId') return fc.constant(seeded.personId);
  if (name === 'regionCode') return fc.constantFrom('370800', '370100');
  if (name === 'nationalId') return fc.constant(null).map(() => residentId('1980-01-02'));
  if (name === 'institutionId') return fc.constantFrom('H370800001', 'H370800002');
  if (name === 'coverageYear') return fc.constantFrom(2023, 2024);
  if (/(Date|On|From|dateOfDeath)$/.test(name))
    return fc.constantFrom('2023-03-01', '2023-05-10', '2022-11-15', '1980-01-02');
  if (name.endsWith('Fen')) return fc.integer({ min: 1, max: 50_000_000 });
  if (schema.type === 'number' || schema.type === 'integer')
    return fc.integer({ min: 0, max: 3000 });
  return fc.stringMatching(/^[A-Za-z0-9-]{1,16}$/);
}

/** A plausible body: every property of the schema with a plausible value. */
export function plausibleBody(
  schema: Schema,
  seeded: Seeded,
): fc.Arbitrary<Record<string, unknown>> {
  return fc.record(
    Object.fromEntries(
      Object.entries(schema.properties ?? {}).map(([name, s]) => [
        name,
        plausible(name, s, seeded),
      ]),
    ),
  ) as fc.Arbitrary<Record<string, unknown>>;
}

/** A real value of a path or query parameter, from the seeded ledger ('x' for one it has none of). */
export function realParameter(name: string, seeded: Seeded): string {
  const real: Record<string, string> = {
    personId: seeded.personId,
    erasablePersonId: seeded.erasablePersonId,
    enrollmentId: seeded.enrollmentId,
    claimId: seeded.claimId,
    id: seeded.claimId,
    alertId: seeded.alertId,
    regionCode: '370800',
    institutionId: 'H370800001',
    year: '2023',
    asOfPosition: '3',
    asOf: '2023-06-01T00:00:00Z',
    account: 'fund:assistance:370800',
    after: '0',
    limit: '10',
    format: 'csv',
    rule: 'claim-after-death',
    status: 'open',
    asOfDate: '2023-06-30',
    costGrowthBp: '100',
    headcountChangeBp: '-100',
  };
  return real[name] ?? 'x';
}

import type { TestApp } from '../support/test-app.js';
import { residentId } from '../support/people.js';
import { registerInstitutions } from '../support/institutions.js';

// A realistic small county for the console's browser tests, written only through the public API:
// Jining (370800), coverage year 2023; six residents (two with assistance categories), three
// institutions of three levels, an appropriation to the assistance fund, inpatient and outpatient
// claims, one reversal (a clawback) and the alerts the claims raise (overlapping stays, poverty risk).

export const seedRegion = '370800';
export const seedYear = 2023;

export interface Seed {
  readonly persons: readonly string[];
  /** the person with overlapping stays at two hospitals (an overlapping-stays alert) */
  readonly suspect: string;
  readonly claims: readonly string[];
  readonly reversedClaim: string;
  readonly appropriationId: string;
}

const residents = [
  { name: '张伟', birthDate: '1958-03-14', category: 'none' },
  { name: '王芳', birthDate: '1962-07-02', category: 'minimum-living-allowance' },
  { name: '李娜', birthDate: '1975-11-23', category: 'none' },
  { name: '刘洋', birthDate: '1949-01-30', category: 'extreme-poverty' },
  { name: '陈静', birthDate: '1988-05-09', category: 'none' },
  { name: '杨磊', birthDate: '1969-09-17', category: 'none' },
] as const;

async function enrol(t: TestApp, r: (typeof residents)[number], i: number): Promise<string> {
  const person = await t
    .post(
      '/persons',
      {
        nationalId: residentId(r.birthDate),
        name: r.name,
        birthDate: r.birthDate,
        regionCode: seedRegion,
      },
      'clerk',
    )
    .expect(201);
  const personId = person.body.personId as string;
  if (r.category !== 'none')
    await t
      .post(
        `/persons/${personId}/assistance-status`,
        { category: r.category, effectiveFrom: '2022-01-01' },
        'clerk',
      )
      .expect(201);
  const enrolled = await t
    .post(
      '/enrollments',
      {
        personId,
        regionCode: seedRegion,
        coverageYear: seedYear,
        category: 'adult',
        channel: 'centralized',
        enrolledOn: '2022-11-15',
      },
      'clerk',
    )
    .expect(201);
  const due = enrolled.body.contribution.dueFromPersonFen as number;
  if (due > 0)
    await t
      .post(
        `/enrollments/${enrolled.body.enrollmentId}/payments`,
        { receiptNo: `SJ-2022-${1000 + i}`, paidOn: '2022-12-01', amountFen: due },
        'clerk',
      )
      .expect(201);
  return personId;
}

let invoice = 0;
async function claim(t: TestApp, body: Record<string, unknown>): Promise<string> {
  invoice += 1;
  const res = await t
    .post('/claims', { invoiceNo: `FP-${process.pid}-${invoice}`, ...body }, 'institution')
    .expect(201);
  return res.body.claimId as string;
}

function stay(
  personId: string,
  institutionId: string,
  institutionLevel: string,
  admissionDate: string,
  dischargeDate: string,
  totalCostFen: number,
  policyCostFen: number,
) {
  return {
    personId,
    institutionId,
    institutionLevel,
    claimType: 'inpatient',
    admissionDate,
    dischargeDate,
    totalCostFen,
    policyCostFen,
  };
}

export async function seedCounty(t: TestApp): Promise<Seed> {
  await registerInstitutions(
    t,
    { institutionId: 'H370800001', level: 'tertiary' },
    { institutionId: 'H370800002', level: 'secondary' },
    { institutionId: 'H370800003', level: 'grassroots' },
  );
  // the registry's history of one hospital: a suspension after an inspection (no claim falls in it)
  await t
    .post(
      '/institutions/H370800003/suspension',
      { from: '2023-09-01', to: '2023-09-30', reason: '飞行检查发现违规，暂停医保服务协议' },
      'clerk',
    )
    .expect(201);
  const persons: string[] = [];
  for (const [i, r] of residents.entries()) persons.push(await enrol(t, r, i));
  const appropriation = await t
    .post(
      `/assistance-funds/${seedRegion}/appropriations`,
      {
        amountFen: 50_000_000,
        source: 'fiscal',
        receivedOn: '2023-01-10',
        reference: 'JCZ-2023-001',
      },
      'clerk',
    )
    .expect(201);
  const [zhang, wang, li, liu, chen, yang] = persons as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const claims = [
    await claim(
      t,
      stay(zhang, 'H370800001', 'tertiary', '2023-02-06', '2023-02-20', 9_800_000, 8_600_000),
    ),
    await claim(
      t,
      stay(wang, 'H370800002', 'secondary', '2023-03-01', '2023-03-12', 4_200_000, 3_900_000),
    ),
    await claim(
      t,
      stay(liu, 'H370800001', 'tertiary', '2023-04-03', '2023-04-25', 32_000_000, 28_000_000),
    ),
    await claim(
      t,
      stay(li, 'H370800003', 'grassroots', '2023-05-08', '2023-05-13', 680_000, 640_000),
    ),
    await claim(t, {
      personId: chen,
      institutionId: 'H370800003',
      institutionLevel: 'grassroots',
      claimType: 'outpatient-general',
      serviceDate: '2023-06-02',
      totalCostFen: 32_000,
      policyCostFen: 30_000,
    }),
    // overlapping stays at two hospitals: raises an alert with both claims as evidence
    await claim(
      t,
      stay(yang, 'H370800002', 'secondary', '2023-07-03', '2023-07-14', 2_600_000, 2_400_000),
    ),
    await claim(
      t,
      stay(yang, 'H370800001', 'tertiary', '2023-07-10', '2023-07-20', 5_400_000, 4_800_000),
    ),
  ];
  // a hospital billed a stay twice: the second is clawed back by reversal
  const reversedClaim = await claim(
    t,
    stay(li, 'H370800002', 'secondary', '2023-08-01', '2023-08-09', 1_500_000, 1_400_000),
  );
  await t
    .post(`/claims/${reversedClaim}/reversal`, { reason: '重复结算' }, 'investigator')
    .expect(201);
  return {
    persons,
    suspect: yang,
    claims: [...claims, reversedClaim],
    reversedClaim,
    appropriationId: appropriation.body.appropriationId as string,
  };
}

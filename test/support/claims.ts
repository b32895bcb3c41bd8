import type { TestApp } from './test-app.js';
import { registerPerson } from './people.js';
import { enrollFor2023 } from './enrollments.js';

/** A person covered in Jining (370800) for 2023 from 1 January, in the given assistance category. */
export async function coveredPerson(
  t: TestApp,
  category = 'none',
  birthDate = '1970-05-06',
): Promise<string> {
  const personId = await registerPerson(t, birthDate);
  if (category !== 'none') {
    await t
      .post(
        `/persons/${personId}/assistance-status`,
        { category, effectiveFrom: '2022-01-01' },
        'clerk',
      )
      .expect(201);
  }
  const enrolled = await enrollFor2023(t, personId);
  const due = enrolled.body.contribution.dueFromPersonFen as number;
  if (due > 0) {
    await t
      .post(
        `/enrollments/${enrolled.body.enrollmentId}/payments`,
        { receiptNo: `R-${personId}`, paidOn: '2022-12-01', amountFen: due },
        'clerk',
      )
      .expect(201);
  }
  return personId;
}

let invoice = 0;
export function inpatient(
  personId: string,
  over: Record<string, unknown> = {},
): Record<string, unknown> {
  invoice += 1;
  return {
    personId,
    institutionId: 'H370800001',
    institutionLevel: 'tertiary',
    claimType: 'inpatient',
    invoiceNo: `INV-${process.pid}-${invoice}`,
    admissionDate: '2023-03-01',
    dischargeDate: '2023-03-20',
    totalCostFen: 12000000,
    policyCostFen: 10000000,
    ...over,
  };
}

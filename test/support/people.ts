import { residentIdWithCheck } from '../../src/persons/domain/resident-id.js';
import type { TestApp } from './test-app.js';

let serial = 0;

/** A valid resident ID for a birth date, unique within the test run. */
export function residentId(birthDate: string, region = '370802'): string {
  serial += 1;
  const sequence = String((serial * 7 + (process.pid % 100)) % 1000).padStart(3, '0');
  return residentIdWithCheck(`${region}${birthDate.replaceAll('-', '')}${sequence}`);
}

export async function registerPerson(
  t: TestApp,
  birthDate = '1970-05-06',
  regionCode = '370800',
): Promise<string> {
  const res = await t
    .post(
      '/persons',
      { nationalId: residentId(birthDate), name: '测试', birthDate, regionCode },
      'clerk',
    )
    .expect(201);
  return res.body.personId as string;
}

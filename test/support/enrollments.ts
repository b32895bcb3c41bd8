import type request from 'supertest';
import type { TestApp } from './test-app.js';

/**
 * Enrolls a person (by a clerk) in Jining (370800) for 2023: an adult, in the centralized period,
 * on 2022-11-15. Expects 201 and answers the response (its body has the enrollmentId and the
 * contribution due).
 */
export async function enrollFor2023(t: TestApp, personId: string): Promise<request.Response> {
  return t
    .post(
      '/enrollments',
      {
        personId,
        regionCode: '370800',
        coverageYear: 2023,
        category: 'adult',
        channel: 'centralized',
        enrolledOn: '2022-11-15',
      },
      'clerk',
    )
    .expect(201);
}

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { openApiDocument } from '../src/app.factory.js';
import { startTestApp, type TestApp } from './support/test-app.js';

// The OpenAPI document is generated from the code and committed as openapi.json; this test fails
// when they drift. Regenerate with: LEDGER_WRITE_OPENAPI=1 npm test -- test/openapi

describe('OpenAPI document', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());

  it('matches the committed openapi.json', () => {
    const generated = JSON.stringify(openApiDocument(t.app), null, 2) + '\n';
    if (process.env.LEDGER_WRITE_OPENAPI === '1') writeFileSync('openapi.json', generated);
    expect(generated).toBe(readFileSync('openapi.json', 'utf8'));
    const paths = Object.keys(JSON.parse(generated).paths);
    for (const path of [
      '/api/v1/persons',
      '/api/v1/enrollments',
      '/api/v1/claims',
      '/api/v1/claims/{claimId}/reversal',
      '/api/v1/relief-grants',
      '/api/v1/funds',
      '/api/v1/budget',
      '/api/v1/ledger/verify',
    ]) {
      expect(paths).toContain(path);
    }
  });
});

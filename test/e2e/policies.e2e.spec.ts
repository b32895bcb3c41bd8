import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { startTestApp, type TestApp } from '../support/test-app.js';

// GET /policies and GET /policies/{policyId} (API.md 1.1, issue 15): the catalogue entries, each
// number and date beside its provenance, a quoted source or a stated assumption.

const shipped = JSON.parse(readFileSync('src/policy/catalogue.json', 'utf8'));

describe('the policy catalogue over HTTP, each number beside its provenance', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());

  it('lists every entry as the catalogue has it, with 235 numbers and dates of which 58 are quoted (POLICY.md)', async () => {
    const res = await t.get('/policies', 'finance').expect(200);
    expect(res.body.schemaVersion).toBe(2);
    expect(res.body.policies).toHaveLength(shipped.policies.length);
    res.body.policies.forEach((view: any, i: number) => {
      const { numbers: _numbers, numberCount: _count, ...entry } = view;
      expect(entry).toEqual(shipped.policies[i]);
    });
    const all = res.body.policies.flatMap((p: any) => p.numbers);
    expect(all).toHaveLength(235);
    expect(all.filter((n: any) => !n.assumption)).toHaveLength(58);
    expect(res.body.policies.map((p: any) => p.numberCount.sourced)).toEqual(
      res.body.policies.map((p: any) => p.numbers.filter((n: any) => !n.assumption).length),
    );
  });

  it('shows one entry: a quoted number with its document and quote, an assumed one with its reason', async () => {
    const res = await t.get('/policies/370800-2023', 'auditor').expect(200);
    expect(res.body.policyId).toBe('370800-2023');
    const byField = new Map(res.body.numbers.map((n: any) => [n.field, n]));
    expect(byField.get('funding.personalFen.adult')).toEqual({
      field: 'funding.personalFen.adult',
      value: 38000,
      assumption: false,
      coveredBy: 'funding.personalFen.adult',
      provenance: {
        kind: 'source',
        document: '济医保发〔2023〕15号',
        seedFile: '002_de5b30f4a20bf086.txt',
        quote: '个人缴费标准为每人每年 380 元',
      },
    });
    expect(byField.get('inpatient.levels.tertiary.deductibleFen')).toMatchObject({
      value: 100000,
      assumption: true,
      coveredBy: 'inpatient.levels.tertiary',
      provenance: { kind: 'assumption' },
    });
    expect(byField.get('coverage.end')).toMatchObject({ value: '2023-12-31', assumption: true });
    expect(res.body.numberCount.total).toBe(res.body.numbers.length);
  });

  it('answers an unknown policyId with 404 not-found as problem+json', async () => {
    const res = await t.get('/policies/370800-2099', 'investigator').expect(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({ code: 'not-found', status: 404 });
  });
});

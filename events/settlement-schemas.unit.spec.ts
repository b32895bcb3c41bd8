import { describe, expect, it } from '@jest/globals';
import { ledgerEventCatalogue } from './index.js';
import { decider } from '../test/support/decider.js';
import { loadCatalogue } from '../src/policy/load-catalogue.js';
import { findPolicy } from '../src/policy/domain/catalogue.js';
import { decideSettleClaim, type SettleClaim } from '../src/claims/domain/settle-claim.decider.js';
import { coveredAdultHistory } from '../test/support/covered-history.js';
import { designatedInstitution } from '../test/support/institutions.js';

// The tiers and annual sums a settlement records are typed: the catalogue refuses, on append,
// a ClaimSettled whose sums (the state the annual caps are folded from) or tier explanations are
// not what the domain folds; events recorded before the schemas existed still match.

const history = coveredAdultHistory;
const command: SettleClaim = {
  claimId: 'clm_1',
  personId: 'per_1',
  institutionId: 'H1',
  institutionLevel: 'tertiary',
  claimType: 'inpatient',
  invoiceNo: 'I1',
  admissionDate: '2023-03-01',
  dischargeDate: '2023-03-05',
  totalCostFen: 1000000,
  policyCostFen: 800000,
  diagnosisCode: null,
  contentHash: 'a'.repeat(64),
  invoice: { status: 'free' },
  institution: designatedInstitution('H1', 'tertiary'),
  policy: findPolicy(loadCatalogue(), '370800', 2023),
};
const [settled] = decider(decideSettleClaim)
  .given(...history)
  .when(command)
  .events();
const data = settled!.data as Record<string, unknown> & {
  tiers: Record<string, unknown>;
  annualSumsAfter: Record<string, unknown>;
};
const check = (d: Record<string, unknown>) => () =>
  ledgerEventCatalogue.validate({ type: 'ClaimSettled', schemaVersion: 1, data: d });

describe('settlement schemas', () => {
  it('accepts the ClaimSettled the decider records', () => {
    expect(check(data)).not.toThrow();
  });

  it('refuses annual sums without a tier or with a negative amount: the caps are folded from them', () => {
    const { reAssistance: _, ...missingTier } = data.annualSumsAfter;
    expect(check({ ...data, annualSumsAfter: missingTier })).toThrow(/annualSumsAfter/);
    expect(
      check({ ...data, annualSumsAfter: { ...data.annualSumsAfter, inpatientBasicPaidFen: -1 } }),
    ).toThrow(/annualSumsAfter/);
    expect(check({ ...data, annualSumsBefore: {} })).toThrow(/annualSumsBefore/);
  });

  it('refuses tiers that are not an explanation of the four tiers', () => {
    expect(check({ ...data, tiers: {} })).toThrow(/tiers/);
    expect(
      check({
        ...data,
        tiers: { ...data.tiers, basic: { ...(data.tiers.basic as object), payFen: 1.5 } },
      }),
    ).toThrow(/tiers/);
  });

  it('still accepts a settlement recorded before the schemas, with fields they do not name', () => {
    expect(
      check({
        ...data,
        tiers: { ...data.tiers, note: 'older field' },
        annualSumsAfter: { ...data.annualSumsAfter, legacy: 0 },
      }),
    ).not.toThrow();
  });
});

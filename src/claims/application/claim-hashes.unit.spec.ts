import { describe, expect, it } from '@jest/globals';
import { submittedClaimHash } from './claim-hashes.js';

// A claim's content hash decides replay (same content) against duplicate-invoice (other content)
// for every claim ever settled, so it must not move when the claim's shape in code does. The
// values below are the hashes of these claims as the controller of API.md 1.0 shaped them
// (serviceDate null for a stay, admission and discharge null for an outpatient claim).

const base = {
  personId: 'per_0123456789abcdef01234567',
  institutionId: 'H1',
  institutionLevel: 'tertiary',
  invoiceNo: 'I1',
  totalCostFen: 100,
  policyCostFen: 80,
  diagnosisCode: null,
} as const;

describe('submitted claim hash', () => {
  it('hashes an inpatient claim as it was hashed before its dates were a union', () => {
    expect(
      submittedClaimHash({
        ...base,
        claimType: 'inpatient',
        admissionDate: '2023-03-01',
        dischargeDate: '2023-03-05',
      }),
    ).toBe('e13bf74aa9f2378bd20e7ffa5fc130971c6f05bf24e9a9922d9f7689a23a8357');
  });

  it('hashes an outpatient claim as it was hashed before its dates were a union', () => {
    expect(
      submittedClaimHash({ ...base, claimType: 'outpatient-general', serviceDate: '2023-03-01' }),
    ).toBe('be6ec400a7b77a6e26c80881ef260d10b73b2383ac4aa617490dd7c8c5a29345');
  });
});

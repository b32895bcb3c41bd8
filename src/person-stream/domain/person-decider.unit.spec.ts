import { describe, it } from '@jest/globals';
import { decider, refused } from '../../../test/support/decider.js';
import type { PersonDecider } from './person-decider.js';
import { decidePerson } from '../../persons/domain/person.decider.js';
import { decideEnrollment } from '../../enrollment/domain/enrollment.decider.js';
import { decideSettleClaim, type SettleClaim } from '../../claims/domain/settle-claim.decider.js';
import {
  decideReverseClaim,
  type ReverseClaim,
} from '../../claims/domain/reverse-claim.decider.js';
import {
  decideGrantRelief,
  type GrantReliefCommand,
} from '../../relief/domain/grant-relief.decider.js';
import { designatedInstitution } from '../../../test/support/institutions.js';

// Every decider on the person stream has the one contract decide(command, state): PersonEvent[]
// (checked by the compiler below), and each refuses a person never registered as not-found.

const settle: SettleClaim = {
  claimId: 'clm_1',
  personId: 'per_1',
  institutionId: 'H1',
  institutionLevel: 'tertiary',
  claimType: 'outpatient-general',
  serviceDate: '2023-03-01',
  invoiceNo: 'I1',
  totalCostFen: 100,
  policyCostFen: 100,
  diagnosisCode: null,
  contentHash: 'a'.repeat(64),
  invoice: { status: 'free' },
  institution: designatedInstitution('H1', 'tertiary'),
  policy: undefined,
};
const reverse: ReverseClaim = { claimId: 'clm_1', reason: 'x', reversedOn: '2023-03-02' };
const grant: GrantReliefCommand = {
  onDate: '2023-03-01',
  burdenFen: 100,
  reference: 'r',
  grantId: 'grt_1',
  holder: undefined,
  policy: undefined,
};

describe('person stream deciders', () => {
  it('refuses every command but a registration for a person never registered as not-found', () => {
    const cases: Array<[PersonDecider<never>, unknown]> = [
      [
        decidePerson satisfies PersonDecider<Parameters<typeof decidePerson>[0]>,
        { type: 'RecordDeath', data: { dateOfDeath: '2023-01-01' } },
      ],
      [
        decideEnrollment satisfies PersonDecider<Parameters<typeof decideEnrollment>[0]>,
        {
          type: 'RefundEnrollment',
          data: { enrollmentId: 'e', refundedOn: '2023-01-01', reason: 'x' },
        },
      ],
      [decideSettleClaim satisfies PersonDecider<SettleClaim>, settle],
      [decideReverseClaim satisfies PersonDecider<ReverseClaim>, reverse],
      [decideGrantRelief satisfies PersonDecider<GrantReliefCommand>, grant],
    ];
    for (const [decide, command] of cases) {
      decider(decide as PersonDecider<unknown>)
        .given()
        .when(command)
        .then(refused({ kind: 'not-found' }));
    }
  });
});

import { describe, it } from '@jest/globals';
import { decider, refused } from '../../../test/support/decider.js';
import { coveredAdultHistory } from '../../../test/support/covered-history.js';
import { designatedInstitution } from '../../../test/support/institutions.js';
import { loadCatalogue } from '../../policy/load-catalogue.js';
import { findPolicy } from '../../policy/domain/catalogue.js';
import {
  evolveInstitution,
  initialInstitutionState,
  type Institution,
  type InstitutionEvent,
} from '../../institutions/domain/institution-registry.js';
import { decideSettleClaim, type SettleClaim } from './settle-claim.decider.js';

// POLICY.md "Designated institutions": a claim is refused with institution-not-designated when
// the institution is not registered, or the service date is outside its agreement or inside a
// suspension; the level used is the registry's on the service date, and a claim that states
// another is refused with institution-level-mismatch. The service date of a stay is its admission.

const policy = findPolicy(loadCatalogue(), '370800', 2023);
const settle = decider(decideSettleClaim);
const history = coveredAdultHistory;

let n = 0;
/** A tertiary inpatient claim of per_1 at H1, admitted 2023-03-01, discharged 2023-03-05. */
function claim(over: Partial<SettleClaim> = {}): SettleClaim {
  n += 1;
  return {
    claimId: `clm_d${n}`,
    personId: 'per_1',
    institutionId: 'H1',
    institutionLevel: 'tertiary',
    claimType: 'inpatient',
    invoiceNo: `D${n}`,
    admissionDate: '2023-03-01',
    dischargeDate: '2023-03-05',
    totalCostFen: 1000000,
    policyCostFen: 800000,
    diagnosisCode: null,
    contentHash: 'a'.repeat(64),
    invoice: { status: 'free' },
    institution: designatedInstitution('H1', 'tertiary'),
    policy,
    ...over,
  } as SettleClaim;
}

/** H1 registered tertiary from 2023-01-01 (agreement to 2023-12-31), then these registry events. */
function h1(...later: InstitutionEvent[]): Institution {
  const registered: InstitutionEvent = {
    type: 'InstitutionRegistered',
    data: {
      institutionId: 'H1',
      name: '医院 H1',
      level: 'tertiary',
      regionCode: '370800',
      agreementFrom: '2023-01-01',
      agreementTo: '2023-12-31',
    },
  };
  return [registered, ...later].reduce(evolveInstitution, initialInstitutionState).institution!;
}
const suspended = (from: string, to: string | null): InstitutionEvent => ({
  type: 'InstitutionSuspended',
  data: { institutionId: 'H1', from, to, reason: '违规' },
});
const levelFrom = (
  level: 'grassroots' | 'secondary' | 'tertiary',
  effectiveFrom: string,
): InstitutionEvent => ({
  type: 'InstitutionLevelChanged',
  data: { institutionId: 'H1', level, effectiveFrom },
});
const admitted = (admissionDate: string) => ({
  admissionDate,
  dischargeDate: admissionDate < '2023-12-20' ? '2023-12-20' : admissionDate,
});

describe('settle claim: designated institutions', () => {
  it('refuses a claim at an institution the registry does not know as institution-not-designated', () => {
    settle
      .given(...history)
      .when(claim({ institution: undefined }))
      .then(refused({ kind: 'refused', code: 'institution-not-designated' }));
  });

  it('refuses a service date outside the agreement (before its first day, after its last); both ends are inside', () => {
    settle
      .given(...history)
      .when(claim({ institution: h1(), ...admitted('2023-01-01') }))
      .then([{ type: 'ClaimSettled', data: { institutionLevel: 'tertiary' } }]);
    // an agreement that ended on 2023-06-30: a stay admitted 2023-07-01 is refused, 2023-06-30 is paid
    const ended = designatedInstitution('H1', 'tertiary', { from: '2023-01-01', to: '2023-06-30' });
    settle
      .given(...history)
      .when(claim({ institution: ended, ...admitted('2023-07-01') }))
      .then(refused({ code: 'institution-not-designated' }));
    settle
      .given(...history)
      .when(claim({ institution: ended, ...admitted('2023-06-30') }))
      .then([{ type: 'ClaimSettled' }]);
    const later = designatedInstitution('H1', 'tertiary', { from: '2023-03-02' });
    settle
      .given(...history)
      .when(claim({ institution: later, ...admitted('2023-03-01') }))
      .then(refused({ code: 'institution-not-designated' }));
  });

  it('refuses a service date inside a suspension, both ends included, and pays the day after it ends', () => {
    const institution = h1(suspended('2023-05-01', '2023-05-31'));
    for (const date of ['2023-05-01', '2023-05-15', '2023-05-31'])
      settle
        .given(...history)
        .when(claim({ institution, ...admitted(date) }))
        .then(refused({ code: 'institution-not-designated' }));
    for (const date of ['2023-04-30', '2023-06-01'])
      settle
        .given(...history)
        .when(claim({ institution, ...admitted(date) }))
        .then([{ type: 'ClaimSettled' }]);
  });

  it('refuses every date from an open-ended suspension on, until a suspension with its from date sets an end', () => {
    const open = h1(suspended('2023-05-01', null));
    settle
      .given(...history)
      .when(claim({ institution: open, ...admitted('2023-11-20') }))
      .then(refused({ code: 'institution-not-designated' }));
    const ended = h1(suspended('2023-05-01', null), suspended('2023-05-01', '2023-05-10'));
    settle
      .given(...history)
      .when(claim({ institution: ended, ...admitted('2023-05-11') }))
      .then([{ type: 'ClaimSettled' }]);
  });

  it("refuses a stated level other than the registry's on the service date as institution-level-mismatch", () => {
    settle
      .given(...history)
      .when(claim({ institution: h1(), institutionLevel: 'grassroots' }))
      .then(refused({ kind: 'refused', code: 'institution-level-mismatch' }));
  });

  it('uses the level in force on the service date: tertiary before a change to secondary from 2023-07-01, secondary from that day', () => {
    const institution = h1(levelFrom('secondary', '2023-07-01'));
    settle
      .given(...history)
      .when(claim({ institution, institutionLevel: 'tertiary', ...admitted('2023-06-30') }))
      .then([{ type: 'ClaimSettled', data: { institutionLevel: 'tertiary' } }]);
    settle
      .given(...history)
      .when(claim({ institution, institutionLevel: 'tertiary', ...admitted('2023-07-01') }))
      .then(refused({ code: 'institution-level-mismatch' }));
    settle
      .given(...history)
      .when(claim({ institution, institutionLevel: 'secondary', ...admitted('2023-07-01') }))
      .then([{ type: 'ClaimSettled', data: { institutionLevel: 'secondary' } }]);
  });

  it("settles a claim that states no level at the registry's level: grassroots 2023-03-01, total 8,000 yuan, policy-range 7,000: basic (7,000 - 200) x 85% = 5,780 yuan", () => {
    const institution = h1(levelFrom('grassroots', '2023-02-01'));
    settle
      .given(...history)
      .when(
        claim({
          institution,
          institutionLevel: null,
          totalCostFen: 800000,
          policyCostFen: 700000,
        }),
      )
      .then([
        {
          type: 'ClaimSettled',
          data: { institutionLevel: 'grassroots', breakdown: { basicFen: 578000 } },
        },
      ]);
  });

  it('replays a taken invoice with the same content even after the institution was suspended', () => {
    const c = claim({ institution: h1(suspended('2023-01-01', null)) });
    const invoice = {
      status: 'taken' as const,
      position: 9,
      invoice: {
        claimId: c.claimId,
        institutionId: 'H1',
        invoiceNo: c.invoiceNo,
        personId: 'per_1',
        contentHash: c.contentHash,
      },
    };
    settle
      .given(...history)
      .when({ ...c, invoice })
      .thenExactly([]);
  });
});

import { describe, expect, it } from '@jest/globals';
import { refusalOf } from '../../../test/support/decider.js';
import { checkOutcome } from './alert-outcomes.js';

describe('alert outcomes by rule', () => {
  it('poverty-risk takes assistance-granted (with statusPosition) or not-eligible', () => {
    expect(() => checkOutcome('poverty-risk', 'assistance-granted', 12)).not.toThrow();
    expect(() => checkOutcome('poverty-risk', 'not-eligible', undefined)).not.toThrow();
  });

  it('poverty-risk refuses confirmed and dismissed, naming outcome', () => {
    for (const outcome of ['confirmed', 'dismissed'] as const)
      expect(refusalOf(() => checkOutcome('poverty-risk', outcome, undefined))).toMatchObject({
        kind: 'invalid',
        field: 'outcome',
      });
  });

  it('assistance-granted without statusPosition, or another outcome with one, names statusPosition', () => {
    expect(
      refusalOf(() => checkOutcome('poverty-risk', 'assistance-granted', undefined)),
    ).toMatchObject({ kind: 'invalid', field: 'statusPosition' });
    expect(refusalOf(() => checkOutcome('poverty-risk', 'not-eligible', 3))).toMatchObject({
      field: 'statusPosition',
    });
    expect(refusalOf(() => checkOutcome('split-admission', 'confirmed', 3))).toMatchObject({
      field: 'statusPosition',
    });
  });

  it('fraud rules refuse the poverty-risk outcomes, naming outcome', () => {
    expect(refusalOf(() => checkOutcome('split-admission', 'assistance-granted', 3))).toMatchObject(
      {
        kind: 'invalid',
        field: 'outcome',
      },
    );
    expect(
      refusalOf(() => checkOutcome('duplicate-invoice', 'not-eligible', undefined)),
    ).toMatchObject({ field: 'outcome' });
    expect(() => checkOutcome('overlapping-stays', 'dismissed', undefined)).not.toThrow();
  });
});

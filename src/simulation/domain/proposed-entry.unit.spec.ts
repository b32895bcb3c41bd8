import { describe, expect, it } from '@jest/globals';
import { loadCatalogue } from '../../policy/load-catalogue.js';
import { findPolicy } from '../../policy/domain/index.js';
import { proposeEntry } from './proposed-entry.js';

const catalogue = loadCatalogue();
const inForce = findPolicy(catalogue, '370800', 2023)!;

describe('a proposed policy: the changes deep-merged into the entry in force, validated like the catalogue', () => {
  it('merges one number and leaves every other as in force, naming the number changed', () => {
    const proposal = proposeEntry(catalogue, inForce, {
      inpatient: { levels: { tertiary: { ratioBp: 6500 } } },
    });
    if (!proposal.ok) throw new Error(proposal.message);
    expect(proposal.entry.inpatient.levels.tertiary).toEqual({
      deductibleFen: 100000,
      ratioBp: 6500,
    });
    expect(proposal.entry.inpatient.levels.secondary).toEqual(inForce.inpatient.levels.secondary);
    expect({ ...proposal.entry, inpatient: inForce.inpatient }).toEqual(inForce);
    expect(proposal.changed).toEqual([
      { field: 'inpatient.levels.tertiary.ratioBp', inForce: 6000, proposed: 6500 },
    ]);
  });

  it('with no changes is the entry in force, nothing changed', () => {
    const proposal = proposeEntry(catalogue, inForce, {});
    expect(proposal).toEqual({ ok: true, entry: inForce, changed: [] });
  });

  it('replaces an array whole: the critical-illness bands', () => {
    const bands = [
      { excessUpToFen: 10000000, ratioBp: 6500 },
      { excessUpToFen: null, ratioBp: 7500 },
    ];
    const proposal = proposeEntry(catalogue, inForce, { criticalIllness: { bands } });
    if (!proposal.ok) throw new Error(proposal.message);
    expect(proposal.entry.criticalIllness.bands).toEqual(bands);
  });

  it('refuses a ratio above 100% naming changes.<field>', () => {
    expect(
      proposeEntry(catalogue, inForce, { inpatient: { levels: { tertiary: { ratioBp: 10001 } } } }),
    ).toMatchObject({ ok: false, field: 'changes.inpatient.levels.tertiary.ratioBp' });
  });

  it('refuses a field the catalogue does not know, naming it', () => {
    expect(
      proposeEntry(catalogue, inForce, { inpatient: { levels: { tertiary: { ratio: 6500 } } } }),
    ).toMatchObject({
      ok: false,
      field: 'changes.inpatient.levels.tertiary.ratio',
      message: 'is not a known field',
    });
  });

  it('refuses a wrong type naming the field', () => {
    expect(
      proposeEntry(catalogue, inForce, { inpatient: { annualCapFen: '200000' } }),
    ).toMatchObject({ ok: false, field: 'changes.inpatient.annualCapFen' });
  });

  it('refuses a cross-field rule: a tilted critical-illness ratio above 100%', () => {
    expect(
      proposeEntry(catalogue, inForce, { criticalIllness: { tilt: { ratioBonusBp: 5000 } } }),
    ).toMatchObject({ ok: false, field: 'changes.criticalIllness.bands[0].ratioBp' });
  });

  it('refuses a new number without provenance (a fourth band), naming it', () => {
    const bands = [
      ...inForce.criticalIllness.bands.slice(0, 2),
      { excessUpToFen: 30000000, ratioBp: 7000 },
      { excessUpToFen: null, ratioBp: 8000 },
    ];
    const proposal = proposeEntry(catalogue, inForce, { criticalIllness: { bands } });
    expect(proposal.ok).toBe(false);
    if (!proposal.ok) expect(proposal.field).toMatch(/^changes\.criticalIllness\.bands\[3\]/);
  });

  it('refuses a change of who the entry is for', () => {
    for (const key of ['policyId', 'regionCode', 'regionName', 'coverageYear'])
      expect(proposeEntry(catalogue, inForce, { [key]: 'x' })).toMatchObject({
        ok: false,
        field: `changes.${key}`,
      });
  });

  it('refuses __proto__ and leaves Object.prototype alone', () => {
    const changes = JSON.parse('{"inpatient": {"__proto__": {"polluted": 1}}}');
    expect(proposeEntry(catalogue, inForce, changes)).toMatchObject({
      ok: false,
      field: 'changes.inpatient.__proto__',
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

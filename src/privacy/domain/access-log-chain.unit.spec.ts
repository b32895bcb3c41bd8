import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  accessEntryHash,
  accessLogGenesis,
  checkAccessRows,
  type AccessEntry,
} from './access-log-chain.js';

const chained = (entries: Omit<AccessEntry, 'seq'>[]) => {
  let previous = accessLogGenesis;
  return entries.map((e, i) => {
    const entry = { ...e, seq: i + 1 };
    previous = accessEntryHash(previous, entry);
    return { ...entry, hash: previous };
  });
};
const entry = fc.record({
  at: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  actor: fc.string({ maxLength: 20 }),
  role: fc.constantFrom('investigator', 'clerk', 'admin'),
  personId: fc.string({ maxLength: 28 }),
  endpoint: fc.constantFrom('GET /persons/{personId}', 'GET /persons/{personId}/history'),
});
const fresh = () => ({ previousHash: accessLogGenesis, expectedSeq: 1 });

describe("the access log's SM3 chain", () => {
  it('accepts any log it chained, and names the first row after any one field of any row is changed', () => {
    fc.assert(
      fc.property(
        fc.array(entry, { minLength: 1, maxLength: 20 }),
        fc.nat(),
        fc.constantFrom('at', 'actor', 'role', 'personId', 'endpoint'),
        (entries, pick, field) => {
          const rows = chained(entries);
          expect(checkAccessRows(fresh(), rows)).toBeUndefined();
          const at = pick % rows.length;
          const edited = rows.map((r, i) => (i === at ? { ...r, [field]: `${r[field]}x` } : r));
          expect(checkAccessRows(fresh(), edited)).toMatchObject({
            ok: false,
            firstBadSeq: at + 1,
            rowsChecked: at,
          });
        },
      ),
    );
  });

  it('names a removed row, and a swap of two rows', () => {
    const rows = chained(
      ['a', 'b', 'c'].map((actor) => ({
        at: '2026-12-03T03:00:00.000Z',
        actor,
        role: 'investigator',
        personId: 'per_1',
        endpoint: 'GET /persons/{personId}',
      })),
    );
    expect(checkAccessRows(fresh(), [rows[0]!, rows[2]!])).toEqual({
      ok: false,
      rowsChecked: 1,
      firstBadSeq: 2,
      problem: 'access-log row 2 is missing (next stored is 3)',
    });
    expect(
      checkAccessRows(fresh(), [rows[0]!, { ...rows[2]!, seq: 2 }, { ...rows[1]!, seq: 3 }]),
    ).toMatchObject({ ok: false, firstBadSeq: 2 });
  });
});

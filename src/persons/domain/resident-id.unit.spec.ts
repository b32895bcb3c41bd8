import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { daysInMonth } from '../../shared/domain/local-date.js';
import {
  makeResidentId,
  maskResidentId,
  residentIdWithCheck,
  validateResidentId,
} from './resident-id.js';

// GB 11643 resident ID (居民身份证号): 6-digit region, 8-digit birth date, 3-digit sequence, and an
// ISO 7064 MOD 11-2 check character: sum of digit x weight (7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2),
// mod 11, indexes '10X98765432'.

describe('resident ID (居民身份证号)', () => {
  it('accepts a valid ID whose check character is X and reads its birth date', () => {
    // 11010519491231002: 7+9+0+5+0+20+2+9+24+27+7+18+30+5+0+0+4 = 167 = 15 x 11 + 2 -> 'X'
    expect(validateResidentId('11010519491231002X')).toEqual({ ok: true, birthDate: '1949-12-31' });
  });

  it('accepts a valid ID whose check character is a digit', () => {
    // 44030819900307123: 28+36+0+15+0+32+2+9+54+0+0+27+0+35+8+8+6 = 260 = 23 x 11 + 7 -> '5'
    expect(validateResidentId('440308199003071235')).toEqual({ ok: true, birthDate: '1990-03-07' });
    // 11010519491231003: 167 + 2 (last digit 3 instead of 2, weight 2) = 169 = 15 x 11 + 4 -> '8'
    expect(validateResidentId('110105194912310038')).toEqual({ ok: true, birthDate: '1949-12-31' });
    // a birth date on 29 February of a leap year; 34010420000229001: sum 167 -> 'X'
    expect(validateResidentId('34010420000229001X')).toEqual({ ok: true, birthDate: '2000-02-29' });
  });

  it('makes test IDs by appending the right check character', () => {
    expect(makeResidentId('11010519491231002')).toBe('11010519491231002X');
    expect(makeResidentId('44030819900307123')).toBe('440308199003071235');
    expect(residentIdWithCheck('11010519491231003')).toBe('110105194912310038');
    expect(() => makeResidentId('1101051949123100')).toThrow(RangeError);
    expect(() => makeResidentId('1101051949123100X')).toThrow(RangeError);
  });

  it('refuses a wrong check character', () => {
    expect(validateResidentId('110105194912310021')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('check character'),
    });
    expect(validateResidentId('440308199003071234').ok).toBe(false);
    expect(validateResidentId('11010519491231003X').ok).toBe(false);
  });

  it('refuses a lowercase x: only the uppercase spelling exists, so one person cannot register twice', () => {
    expect(validateResidentId('11010519491231002x')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('uppercase'),
    });
  });

  it('refuses a wrong length, a non-digit in the first 17 characters and an X anywhere but last', () => {
    expect(validateResidentId('11010519491231002').ok).toBe(false); // 17
    expect(validateResidentId('11010519491231002X0').ok).toBe(false); // 19
    expect(validateResidentId('').ok).toBe(false);
    expect(validateResidentId('1101051949123100X2').ok).toBe(false);
    expect(validateResidentId('11010519491231002Y').ok).toBe(false);
    expect(validateResidentId('１１010519491231002X').ok).toBe(false); // full-width digits
  });

  it('refuses an impossible embedded birth date even with a correct check character', () => {
    expect(validateResidentId(makeResidentId('11010519490230002'))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('19490230'),
    });
    expect(validateResidentId(makeResidentId('11010519000229002')).ok).toBe(false); // 1900 is not a leap year
    expect(validateResidentId(makeResidentId('11010519491301002')).ok).toBe(false); // month 13
  });

  it('masks all but the first 6 and the last 4 characters: 110105********002X', () => {
    expect(maskResidentId('11010519491231002X')).toBe('110105********002X');
    expect(maskResidentId('440308199003071235')).toBe('440308********1235');
    expect(maskResidentId('123')).toBe('***');
  });

  it('accepts every generated ID and detects every single-digit substitution (property)', () => {
    const first17 = fc
      .record({
        region: fc.integer({ min: 110000, max: 659999 }),
        y: fc.integer({ min: 1900, max: 2030 }),
        m: fc.integer({ min: 1, max: 12 }),
        d: fc.integer({ min: 1, max: 31 }),
        seq: fc.integer({ min: 0, max: 999 }),
      })
      .map(
        ({ region, y, m, d, seq }) =>
          `${region}${y}${String(m).padStart(2, '0')}${String(Math.min(d, daysInMonth(y, m))).padStart(2, '0')}${String(seq).padStart(3, '0')}`,
      );
    fc.assert(
      fc.property(
        first17,
        fc.integer({ min: 0, max: 16 }),
        fc.integer({ min: 1, max: 9 }),
        (digits, at, delta) => {
          const id = makeResidentId(digits);
          expect(validateResidentId(id)).toEqual({
            ok: true,
            birthDate: `${digits.slice(6, 10)}-${digits.slice(10, 12)}-${digits.slice(12, 14)}`,
          });
          const changed = String((Number(id[at]) + delta) % 10);
          expect(validateResidentId(id.slice(0, at) + changed + id.slice(at + 1)).ok).toBe(false);
        },
      ),
    );
  });
});

import { describe, expect, it } from '@jest/globals';
import { maskResidentId, residentIdWithCheck, validateResidentId } from './resident-id.js';

// GB 11643 resident ID: 6-digit region, 8-digit birth date, 3-digit sequence, ISO 7064 MOD 11-2 check.

describe('resident ID (居民身份证号)', () => {
  it('accepts a valid ID and reads its birth date', () => {
    // weights 7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2 over 11010519491231002: sum mod 11 = 2 -> check 'X'
    expect(validateResidentId('11010519491231002X')).toEqual({ ok: true, birthDate: '1949-12-31' });
    expect(residentIdWithCheck('11010519491231002')).toBe('11010519491231002X');
  });

  it('refuses a wrong check character, a lower-case x, a bad length and an impossible birth date', () => {
    expect(validateResidentId('110105194912310021').ok).toBe(false);
    expect(validateResidentId('11010519491231002x').ok).toBe(false);
    expect(validateResidentId('11010519491231002').ok).toBe(false);
    const feb30 = residentIdWithCheck('11010519490230002');
    expect(validateResidentId(feb30).ok).toBe(false);
  });

  it('masks all but the first 6 and the last 4 characters', () => {
    expect(maskResidentId('11010519491231002X')).toBe('110105********002X');
  });
});

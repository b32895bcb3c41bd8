import { describe, expect, it } from '@jest/globals';
import { isRegionCode } from './region-code.js';

describe('GB/T 2260 region codes', () => {
  it('accepts real codes of a province, a prefecture and a county', () => {
    for (const code of ['370000', '370800', '370811', '110105', '650100', '820000'])
      expect(isRegionCode(code)).toBe(true);
  });

  it('refuses codes of no province (999999, 000000) and counties under no prefecture', () => {
    for (const code of [
      '999999',
      '000000',
      '100000',
      '990800',
      '370012',
      '37080',
      '3708001',
      ' 370800',
      370800,
    ])
      expect(isRegionCode(code)).toBe(false);
  });
});

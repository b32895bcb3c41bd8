import { describe, expect, it } from '@jest/globals';
import { stringifyExact } from './exact-json.js';

describe('JSON with sums of fen beyond 2^53', () => {
  it('writes a bigint as an exact JSON integer with all its digits, never a string or a rounded double', () => {
    const sum = 2n * 9007199254740991n; // 18014398509481982; as a double it would be ...984
    expect(
      stringifyExact({ balanceFen: sum, nested: [{ debitFen: -sum }], name: '张三', n: 1 }),
    ).toBe(
      '{"balanceFen":18014398509481982,"nested":[{"debitFen":-18014398509481982}],"name":"张三","n":1}',
    );
  });

  it('leaves strings that look like numbers alone', () => {
    expect(stringifyExact({ reference: '18014398509481982' })).toBe(
      '{"reference":"18014398509481982"}',
    );
  });
});

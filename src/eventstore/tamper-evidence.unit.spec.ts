import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { canonicalJson, chainHash, genesisHash } from './tamper-evidence.js';

describe('tamper evidence', () => {
  it('writes canonical JSON with sorted keys and no white space, whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 'x'], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,"x"]},"b":1}',
    );
    expect(canonicalJson({ a: { c: null, d: [2, 'x'] }, b: 1 })).toBe(
      canonicalJson({ b: 1, a: { d: [2, 'x'], c: null } }),
    );
  });

  it('chains: the same event after another predecessor, or with any field changed, hashes differently', () => {
    const event = {
      eventId: '00000000-0000-4000-8000-000000000001',
      type: 'T',
      schemaVersion: 1,
      data: { amountFen: 100 },
      metadata: {},
      streamId: 's',
      streamVersion: 1,
      position: 1,
      recordedAt: '2023-01-01T00:00:00.000Z',
    };
    const hash = chainHash(genesisHash, event);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(chainHash('ab'.repeat(32), event)).not.toBe(hash);
    expect(chainHash(genesisHash, { ...event, data: { amountFen: 101 } })).not.toBe(hash);
    expect(chainHash(genesisHash, { ...event, position: 2 })).not.toBe(hash);
  });

  it('writes the very bytes of the first, declarative canonical JSON for any JSON value', () => {
    // the reference: the implementation before issue 17 made it a loop
    const reference = (value: unknown): string => {
      if (value === null || typeof value !== 'object') return JSON.stringify(value);
      if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${reference(v)}`).join(',')}}`;
    };
    fc.assert(
      fc.property(fc.jsonValue({ noUnicodeString: false }), (value) => {
        expect(canonicalJson(value)).toBe(reference(value));
      }),
      { numRuns: 500 },
    );
    const odd = { z: undefined, é: 1, É: [undefined, 2], a: { y: 1, b: [{ d: 1, c: 2 }] } };
    expect(canonicalJson(odd)).toBe(reference(odd));
    expect(canonicalJson(odd)).toBe('{"a":{"b":[{"c":2,"d":1}],"y":1},"É":[,2],"é":1}');
  });
});

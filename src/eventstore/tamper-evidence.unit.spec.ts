import { describe, expect, it } from '@jest/globals';
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
});

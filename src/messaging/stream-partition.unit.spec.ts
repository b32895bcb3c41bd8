import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { partitionOf } from './stream-partition.js';

describe('partitionOf', () => {
  it("is Kafka's Java-compatible murmur2 partitioner (hashes from Kafka's own UtilsTest.testMurmur2)", () => {
    // Java: Utils.toPositive(Utils.murmur2(key.getBytes(UTF_8))) % numPartitions
    const javaMurmur2: Array<[string, number]> = [
      ['21', -973932308],
      ['foobar', -790332482],
      ['a-little-bit-long-string', -985981536],
      ['abc', 479470107],
    ];
    for (const [key, hash] of javaMurmur2) {
      for (const n of [1, 7, 12, 100])
        expect(partitionOf(key, n, 'ledger.events')).toBe((hash & 0x7fffffff) % n);
    }
  });

  it('is deterministic and within range, so every event of a stream lands on one partition', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: 64 }),
        (streamId, n) => {
          const p = partitionOf(streamId, n, 'ledger.events');
          return (
            Number.isInteger(p) &&
            p >= 0 &&
            p < n &&
            p === partitionOf(streamId, n, 'ledger.events')
          );
        },
      ),
    );
  });

  it('spreads person streams over the partitions', () => {
    const counts = new Array(12).fill(0);
    for (let i = 0; i < 12_000; i += 1)
      counts[partitionOf(`person-per_${i.toString(16).padStart(24, '0')}`, 12, 'ledger.events')] +=
        1;
    expect(Math.min(...counts)).toBeGreaterThan(800);
    expect(Math.max(...counts)).toBeLessThan(1200);
  });

  it('refuses a partition count that is not a positive integer', () => {
    expect(() => partitionOf('s', 0, 't')).toThrow(RangeError);
  });
});

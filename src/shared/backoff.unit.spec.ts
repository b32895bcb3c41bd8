import { describe, expect, it } from '@jest/globals';
import { backoffMs } from './backoff.js';

describe('back-off', () => {
  it('doubles the ceiling per attempt up to the maximum, and jitters below it', () => {
    const ceiling = (attempt: number) => backoffMs(attempt, 4, 250, () => 0.999999);
    expect([0, 1, 2, 3, 4, 5, 6, 7, 40].map(ceiling)).toEqual([
      3, 7, 15, 31, 63, 127, 249, 249, 249,
    ]);
    expect(backoffMs(5, 4, 250, () => 0)).toBe(0);
    expect(backoffMs(5, 4, 250, () => 0.5)).toBe(64);
  });
});

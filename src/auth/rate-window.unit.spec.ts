import { describe, expect, it } from '@jest/globals';
import { countRequest, type RateWindow } from './rate-window.js';

const limit = { requests: 3, windowSeconds: 10 };

function run(times: number[]): Array<ReturnType<typeof countRequest>> {
  let window: RateWindow | undefined;
  return times.map((t) => {
    const verdict = countRequest(window, limit, t);
    window = verdict.window;
    return verdict;
  });
}

describe('rate window', () => {
  it('allows the limit within a window and refuses the next with the seconds until the window ends', () => {
    const verdicts = run([0, 1000, 2000, 2500]);
    expect(verdicts.slice(0, 3).map((v) => v.allowed)).toEqual([true, true, true]);
    expect(verdicts[3]).toMatchObject({ allowed: false, retryAfterSeconds: 8 });
  });

  it('opens a new window once the last has ended, and a refused request does not extend it', () => {
    const verdicts = run([0, 1, 2, 9999, 10000, 10001]);
    expect(verdicts.map((v) => v.allowed)).toEqual([true, true, true, false, true, true]);
    expect(verdicts[3]).toMatchObject({ retryAfterSeconds: 1 });
    expect(verdicts[5]).toMatchObject({ remaining: 1 });
  });
});

import { describe, expect, it } from '@jest/globals';
import { progressBar } from './progress-bar.js';

function stream(isTTY: boolean) {
  const written: string[] = [];
  return { isTTY, written, write: (text: string) => written.push(text) };
}

describe('the progress of a long command on stderr', () => {
  it('draws a bar in place on a terminal, and ends its line when finished', () => {
    const tty = stream(true);
    const bar = progressBar(tty);
    bar.update('reading', 50, 200);
    bar.update('reading', 200, 200);
    bar.finish();
    expect(tty.written).toEqual([
      `\rreading    [########----------------------]  25% 50/200`,
      `\rreading    [##############################] 100% 200/200`,
      '\n',
    ]);
  });

  it('writes plain lines when not a terminal: the first, then at most one every 2 s, and always the last', () => {
    const pipe = stream(false);
    const bar = progressBar(pipe);
    bar.update('settling', 1, 4);
    bar.update('settling', 2, 4); // within 2 s of the first: skipped
    bar.update('settling', 4, 4);
    bar.finish();
    expect(pipe.written).toEqual(['settling 1/4 (25%)\n', 'settling 4/4 (100%)\n']);
  });
});

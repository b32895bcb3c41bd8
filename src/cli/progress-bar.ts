// Progress on stderr for long commands: on a terminal a bar redrawn in place (\r); elsewhere (a
// pipe, a log file, CI) a plain line now and then, so logs stay readable.

export interface Progress {
  update(label: string, done: number, total: number): void;
  finish(): void;
}

const barWidth = 30;
const plainEveryMs = 2000;

export function progressBar(
  stream: { isTTY?: boolean; write(text: string): unknown } = process.stderr,
): Progress {
  let lastPlain = 0;
  let drawn = false;
  return {
    update(label, done, total) {
      const fraction = total > 0 ? Math.min(1, done / total) : 1;
      if (stream.isTTY) {
        const filled = Math.round(fraction * barWidth);
        stream.write(
          `\r${label.padEnd(10)} [${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}% ${done}/${total}`,
        );
        drawn = true;
        return;
      }
      const now = Date.now();
      if (now - lastPlain < plainEveryMs && done < total) return;
      lastPlain = now;
      stream.write(`${label} ${done}/${total} (${(fraction * 100).toFixed(0)}%)\n`);
    },
    finish() {
      if (drawn) stream.write('\n');
      drawn = false;
    },
  };
}

// The one back-off of the service: whoever retries (the write service after losing a race on a
// stream, the Kafka relay after a broker error) waits this long, so that retries spread out.

/** Exponential backoff with full jitter: attempt 0 waits up to baseMs, never more than maxMs. */
export function backoffMs(
  attempt: number,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling);
}

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));

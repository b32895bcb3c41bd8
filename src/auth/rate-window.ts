// Counting requests per API key in fixed windows: pure, the clock arrives as an argument.
// A fixed window lets a key send up to twice its limit across a window boundary; that is enough
// to stop one client system from starving the others, which is all this is for.

export interface RateLimit {
  readonly requests: number;
  readonly windowSeconds: number;
}

export interface RateWindow {
  readonly startedAtMs: number;
  readonly count: number;
}

export type RateVerdict =
  | { readonly allowed: true; readonly remaining: number; readonly window: RateWindow }
  | { readonly allowed: false; readonly retryAfterSeconds: number; readonly window: RateWindow };

/** Counts one request into the key's window (a new one when the last has ended). */
export function countRequest(
  previous: RateWindow | undefined,
  limit: RateLimit,
  nowMs: number,
): RateVerdict {
  const windowMs = limit.windowSeconds * 1000;
  const current =
    previous && nowMs - previous.startedAtMs < windowMs
      ? previous
      : { startedAtMs: nowMs, count: 0 };
  if (current.count >= limit.requests) {
    const retryAfterSeconds = Math.max(
      1,
      Math.ceil((current.startedAtMs + windowMs - nowMs) / 1000),
    );
    return { allowed: false, retryAfterSeconds, window: current };
  }
  const window = { startedAtMs: current.startedAtMs, count: current.count + 1 };
  return { allowed: true, remaining: limit.requests - window.count, window };
}

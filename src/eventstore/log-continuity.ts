import type { RecordedEvent } from './event-store.port.js';
import { chainHash } from './tamper-evidence.js';

// When events recorded by one store are copied into another (KurrentDB, the log of record, into
// the PostgreSQL log the read side queries), the copy takes nothing on trust: each event must sit
// at the next position and its hash must chain on its predecessor's. A copy that would fork or
// skip the log stops at the first bad position.

export interface LogHead {
  readonly position: number;
  readonly hash: string;
}

export class LogDivergedError extends Error {
  constructor(
    readonly position: number,
    readonly problem: string,
  ) {
    super(`the copied log diverges at position ${position}: ${problem}`);
    this.name = 'LogDivergedError';
  }
}

/** Checks that `events` continue the log at `head`; returns the new head. */
export function continueLog(head: LogHead, events: readonly RecordedEvent[]): LogHead {
  let current = head;
  for (const event of events) {
    if (event.position !== current.position + 1) {
      throw new LogDivergedError(event.position, `expected position ${current.position + 1}`);
    }
    const { hash, ...fields } = event;
    if (hash !== chainHash(current.hash, fields)) {
      throw new LogDivergedError(event.position, 'its hash does not chain on the previous event');
    }
    current = { position: event.position, hash };
  }
  return current;
}

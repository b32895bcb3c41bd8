import type { ExpectedVersion } from './event-store.port.js';

export class WrongExpectedVersionError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    readonly actual: number,
  ) {
    super(`stream ${streamId}: expected version ${String(expected)}, actual ${actual}`);
    this.name = 'WrongExpectedVersionError';
  }
}

export class DuplicateEventError extends Error {
  constructor(readonly eventIds: readonly string[]) {
    super(`events already recorded: ${eventIds.join(', ')}`);
    this.name = 'DuplicateEventError';
  }
}

/** The idempotency key was taken by another append (a concurrent retry of the same request). */
export class IdempotencyKeyTakenError extends Error {
  constructor(readonly key: string) {
    super(`idempotency key already recorded: ${key}`);
    this.name = 'IdempotencyKeyTakenError';
  }
}

export class InvalidAppendError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidAppendError';
  }
}

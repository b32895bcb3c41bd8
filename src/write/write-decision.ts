import type { ExpectedVersion } from '../eventstore/event-store.port.js';

// What a decision asks the write service to do: append events (and answer with this body), or
// nothing, because the request repeats one already recorded (a natural-key replay).

export interface DecidedEvent {
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
}

export interface DecidedStream {
  readonly streamId: string;
  readonly expectedVersion: ExpectedVersion;
  readonly events: readonly DecidedEvent[];
}

export interface WriteResponse {
  readonly statusCode: number;
  readonly body: Readonly<Record<string, unknown>>;
}

export type WriteDecision =
  | {
      readonly kind: 'append';
      readonly streams: readonly DecidedStream[];
      readonly policyId?: string;
      readonly response: WriteResponse;
    }
  | { readonly kind: 'unchanged'; readonly position: number; readonly response: WriteResponse };

import { createHash } from 'node:crypto';

// Natural keys unique ledger-wide (a payment receipt, a relief reference): each key has a guard
// stream whose first event names its holder. A write that takes a key appends to the guard stream
// with expected version no-stream in the same atomic append as the write itself, so of two racing
// requests exactly one takes the key; the loser re-decides and finds it taken.

export type NaturalKeyKind = 'receipt' | 'relief-reference';

/** The guard stream of a key; hashed so that any string the API accepts makes a valid stream id. */
export function naturalKeyStreamId(kind: NaturalKeyKind, key: string): string {
  return `${kind}-${createHash('sm3').update(key).digest('hex').slice(0, 40)}`;
}

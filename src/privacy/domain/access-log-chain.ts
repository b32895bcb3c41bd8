import { createHash } from 'node:crypto';

// The access log's own tamper evidence, apart from the event log's: each row's hash is SM3 over
// the previous row's hash and this row's fields (JSON of a fixed array: no two rows share bytes).
// Editing, deleting or swapping a row breaks the chain from that row on; seq numbers run 1, 2, 3
// without gaps, so a row taken out of the middle is named too.

export const accessLogGenesis = '0'.repeat(64);

/** A clear read of a resident ID: who (the key's fingerprint and its roles), when, whose, where. */
export interface AccessEntry {
  readonly seq: number;
  /** ISO 8601 with milliseconds, UTC */
  readonly at: string;
  readonly actor: string;
  readonly role: string;
  readonly personId: string;
  readonly endpoint: string;
}

export function accessEntryHash(previousHash: string, entry: AccessEntry): string {
  return createHash('sm3')
    .update(previousHash)
    .update(
      JSON.stringify([
        entry.seq,
        entry.at,
        entry.actor,
        entry.role,
        entry.personId,
        entry.endpoint,
      ]),
    )
    .digest('hex');
}

export interface AccessLogVerification {
  readonly ok: boolean;
  readonly rowsChecked: number;
  readonly firstBadSeq: number | null;
  readonly problem: string | null;
}

/** Checks rows given in seq order, batch by batch: `state` carries the chain between batches. */
export function checkAccessRows(
  state: { previousHash: string; expectedSeq: number },
  rows: ReadonlyArray<AccessEntry & { readonly hash: string }>,
): AccessLogVerification | undefined {
  for (const { hash, ...entry } of rows) {
    const bad = (problem: string): AccessLogVerification => ({
      ok: false,
      rowsChecked: state.expectedSeq - 1,
      firstBadSeq: state.expectedSeq,
      problem,
    });
    if (entry.seq !== state.expectedSeq)
      return bad(`access-log row ${state.expectedSeq} is missing (next stored is ${entry.seq})`);
    if (accessEntryHash(state.previousHash, entry) !== hash)
      return bad(
        `the hash of access-log row ${entry.seq} does not match its content and predecessor`,
      );
    state.previousHash = hash;
    state.expectedSeq += 1;
  }
  return undefined;
}

import { Inject, Injectable } from '@nestjs/common';
import { logReaderToken, type LogReader } from '../../eventstore/log-reader.port.js';
import { chainHash, genesisHash } from '../../eventstore/tamper-evidence.js';
import { ReadModels } from '../../read-models/read-models.module.js';
import type { QueryReads } from '../../../projections/query-reads.js';

// Recomputes the tamper-evidence chain over the whole log, as stored (no upcasting): every
// position from 1 on must be present, and every hash must equal SM3(previous hash ‖ canonical
// bytes). The first position where either fails is named: an edited, deleted or swapped event.

export const verifyBatchEvents = 5000;

export interface ChainVerification {
  readonly ok: boolean;
  readonly eventsChecked: number;
  readonly firstBadPosition: number | null;
  readonly problem: string | null;
}

export type VerifyProgress = (eventsChecked: number) => void;

export async function verifyChain(
  log: LogReader,
  onProgress?: VerifyProgress,
): Promise<ChainVerification> {
  let previous = genesisHash;
  let expected = 1;
  for (;;) {
    const events = await log.storedFrom(expected, verifyBatchEvents);
    if (events.length === 0)
      return { ok: true, eventsChecked: expected - 1, firstBadPosition: null, problem: null };
    for (const { hash, ...fields } of events) {
      if (fields.position !== expected)
        return bad(expected, `position ${expected} is missing (next stored is ${fields.position})`);
      if (chainHash(previous, fields) !== hash)
        return bad(
          expected,
          `the hash of position ${expected} does not match its content and predecessor`,
        );
      previous = hash;
      expected += 1;
    }
    onProgress?.(expected - 1);
  }
}

function bad(position: number, problem: string): ChainVerification {
  return { ok: false, eventsChecked: position - 1, firstBadPosition: position, problem };
}

@Injectable()
export class ChainVerifier {
  /** the log itself (its copy, with KurrentDB) */
  static readonly reads: QueryReads = { now: ['log'] };

  constructor(
    @Inject(logReaderToken) private readonly log: LogReader,
    private readonly readModels: ReadModels,
  ) {}

  async verify(onProgress?: VerifyProgress): Promise<ChainVerification> {
    await this.readModels.ready(ChainVerifier.reads);
    return verifyChain(this.log, onProgress);
  }
}

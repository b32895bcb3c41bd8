import { createHash } from 'node:crypto';
import { canonicalJson } from '../../eventstore/tamper-evidence.js';
import { recordedDates, type ClaimSubmission } from '../domain/settle-claim.decider.js';

// The hashes of a claim, taken at the edge so that claims/domain needs no hashing: the claim
// arrives at the decider with its id and content hash.

/** The id a claim got before 1.1: looked up (an invoice settled then stays taken), never given to a new claim. */
export function legacyClaimIdFor(institutionId: string, invoiceNo: string): string {
  return `clm_${createHash('sm3').update(`${institutionId}\n${invoiceNo}`).digest('hex').slice(0, 24)}`;
}

/** SM3 of the claim as submitted: the same content again is a replay, other content a duplicate invoice. */
export function claimContentHash(content: Readonly<Record<string, unknown>>): string {
  return createHash('sm3').update(canonicalJson(content)).digest('hex');
}

/** The content hash of a submitted claim, read as API.md 1.0 stored it: every date field, null where the claim type has none. */
export function submittedClaimHash(claim: ClaimSubmission): string {
  return claimContentHash({ ...claim, ...recordedDates(claim) });
}

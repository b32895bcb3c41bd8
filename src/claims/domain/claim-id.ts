import { createHash } from 'node:crypto';
import { canonicalJson } from '../../eventstore/tamper-evidence.js';

// At most one claim per institution and invoice number: the claim id is a keyed MAC of the pair
// (OpaqueIds.claimId, API.md 1.1), and the invoice stream invoice-{claimId} records which person's
// claim took it. Before 1.1 the id was an unkeyed hash of the pair, which let any hospital compute
// another's claim ids; those claims keep their ids, and their invoices are found by legacyClaimIdFor.

/** The id a claim got before 1.1: looked up (an invoice settled then stays taken), never given to a new claim. */
export function legacyClaimIdFor(institutionId: string, invoiceNo: string): string {
  return `clm_${createHash('sm3').update(`${institutionId}\n${invoiceNo}`).digest('hex').slice(0, 24)}`;
}

export const invoiceStreamId = (claimId: string): string => `invoice-${claimId}`;

export function isClaimId(value: string): boolean {
  return /^clm_[0-9a-f]{24}$/.test(value);
}

/** SM3 of the claim as submitted: the same content again is a replay, other content a duplicate invoice. */
export function claimContentHash(content: Readonly<Record<string, unknown>>): string {
  return createHash('sm3').update(canonicalJson(content)).digest('hex');
}

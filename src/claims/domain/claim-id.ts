import { createHash } from 'node:crypto';
import { canonicalJson } from '../../eventstore/tamper-evidence.js';

// At most one claim per institution and invoice number: the claim id is derived from the pair,
// and the invoice stream invoice-{claimId} records which person's claim took it.

export function claimIdFor(institutionId: string, invoiceNo: string): string {
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

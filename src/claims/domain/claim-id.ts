// At most one claim per institution and invoice number: the claim id is a keyed MAC of the pair
// (OpaqueIds.claimId, API.md 1.1), and the invoice stream invoice-{claimId} records which person's
// claim took it. Before 1.1 the id was an unkeyed hash of the pair, which let any hospital compute
// another's claim ids; those claims keep their ids, and their invoices are found by
// legacyClaimIdFor (claims/application/claim-hashes.ts, at the edge with the other hashing).

export const invoiceStreamId = (claimId: string): string => `invoice-${claimId}`;

export function isClaimId(value: string): boolean {
  return /^clm_[0-9a-f]{24}$/.test(value);
}

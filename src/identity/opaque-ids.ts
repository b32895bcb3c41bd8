import { keyedId, keyedMac } from '../shared/domain/opaque-id.js';

/** The keyed ids and lookups of the service, under the id key (never exposed, never logged). */
export class OpaqueIds {
  constructor(private readonly key: Uint8Array) {}

  /** Names the stream that links a resident ID to its person: only the key holder can find it from an ID. */
  residentLookup(nationalId: string): string {
    return keyedMac(this.key, 'resident-id', [nationalId]);
  }

  /** One claim per institution and invoice number, without letting anyone compute another hospital's claim id. */
  claimId(institutionId: string, invoiceNo: string): string {
    return keyedId(this.key, 'clm', [institutionId, invoiceNo]);
  }

  appropriationId(regionCode: string, reference: string): string {
    return keyedId(this.key, 'apr', [regionCode, reference]);
  }

  grantId(personId: string, reference: string): string {
    return keyedId(this.key, 'grt', [personId, reference]);
  }
}

import { createHmac, randomBytes } from 'node:crypto';

// Ids the server makes are opaque: random, or a keyed MAC (HMAC-SM3) of the natural key under a
// secret that lives outside the database. Neither can be computed from a resident ID, an invoice
// number or anything else a client or a reader of the log knows, so showing an id reveals nothing.

/** 96 bits: ids stay short in URLs and postings, and collisions stay out of reach. */
export const opaqueIdHexChars = 24;
/** The keyed MAC that names a lookup stream keeps its full 256 bits. */
export const lookupMacHexChars = 64;
/** The id key: at least 256 bits. */
export const idKeyMinBytes = 32;

/** A fresh random id, `<prefix>_<24 hex>`. */
export function randomId(prefix: string): string {
  return `${prefix}_${randomBytes(opaqueIdHexChars / 2).toString('hex')}`;
}

/** HMAC-SM3 under the id key over the purpose and the parts (JSON-encoded, so no two inputs share bytes). */
export function keyedMac(key: Uint8Array, purpose: string, parts: readonly string[]): string {
  return createHmac('sm3', key)
    .update(JSON.stringify([purpose, ...parts]))
    .digest('hex');
}

/** The same natural key always gives the same id, and nobody without the key can compute it. */
export function keyedId(key: Uint8Array, prefix: string, parts: readonly string[]): string {
  return `${prefix}_${keyedMac(key, prefix, parts).slice(0, opaqueIdHexChars)}`;
}

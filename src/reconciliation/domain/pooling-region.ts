// Pooling regions (统筹区, POLICY.md "Pooling regions"): funds are kept per city, so a county
// code (370811) pools in its city (370800); a city or province code is its own pooling region.

/** The pooling region of a GB/T 2260 code: its first four digits and 00. */
export function poolingRegionOf(regionCode: string): string {
  if (!/^\d{6}$/.test(regionCode)) throw new RangeError(`not a region code: ${regionCode}`);
  return `${regionCode.slice(0, 4)}00`;
}

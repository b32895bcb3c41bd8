// Pooling regions (统筹区, POLICY.md "Pooling regions"): basic insurance is pooled by city
// (市级统筹). A region code (GB/T 2260, six digits) pools in its city: its first four digits
// followed by `00` (370811 pools in 370800). Funds are per pooling city; the policy is the
// city's catalogue entry, else its province's (first two digits followed by `0000`).

/** The pooling city of a region code: 370811 -> 370800; a city or province code is its own. */
export function poolingCity(regionCode: string): string {
  return `${regionCode.slice(0, 4)}00`;
}

/** The province of a region code: 340102 -> 340000. */
export function provinceOf(regionCode: string): string {
  return `${regionCode.slice(0, 2)}0000`;
}

/** The catalogue regions whose entry may set a region's policy, in the order they are tried. */
export function policyRegionsOf(regionCode: string): readonly string[] {
  const city = poolingCity(regionCode);
  const province = provinceOf(regionCode);
  return city === province ? [city] : [city, province];
}

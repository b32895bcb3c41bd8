// 统筹地区: resident medical insurance pools at the prefecture (city) level, so a county code
// (GB/T 2260: province 2 + prefecture 2 + county 2) pools in its city: the first four digits + 00.
// A province or city code is its own pooling region.

export function poolingRegion(regionCode: string): string {
  return `${regionCode.slice(0, 4)}00`;
}

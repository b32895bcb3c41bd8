// Region codes (行政区划代码, GB/T 2260): six digits, province (2) + prefecture (2) + county (2).
// The ledger does not ship the full table (it changes every year); it refuses what can never be
// a code: an unknown province, or a county under no prefecture. ONE validator, used by every DTO,
// path and query parameter that takes a region.

/** The 34 provincial prefixes of GB/T 2260 (31 provinces, Taiwan, Hong Kong, Macao). */
const provincePrefixes = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
]);

export const regionCodeRule =
  'a 6-digit GB/T 2260 region code (a known province prefix; county digits only under a prefecture)';

export function isRegionCode(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{6}$/.test(value)) return false;
  if (!provincePrefixes.has(value.slice(0, 2))) return false;
  return !(value.slice(2, 4) === '00' && value.slice(4) !== '00');
}

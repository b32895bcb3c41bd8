import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { isRegionCode } from './region-code.js';
import { policyRegionsOf, poolingCity, provinceOf } from './pooling-region.js';
import { loadCatalogue } from '../../policy/load-catalogue.js';
import { findPolicy } from '../../policy/domain/catalogue.js';
import { accounts } from '../../ledger/domain/accounts.js';

// POLICY.md "Pooling regions": a county pools in its city (first four digits + 00); the policy is
// the city's catalogue entry, else its province's (first two digits + 0000); funds are per city.

const catalogue = loadCatalogue();

/** any valid county code: a known province, a prefecture 01-99, a county 01-99 */
const countyCode = fc
  .tuple(
    fc.constantFrom('11', '13', '32', '34', '37', '44', '65'),
    fc.integer({ min: 1, max: 99 }),
    fc.integer({ min: 1, max: 99 }),
  )
  .map(([p, c, d]) => `${p}${String(c).padStart(2, '0')}${String(d).padStart(2, '0')}`);

describe('pooling regions', () => {
  it('pools a county in its city and names its province: 370811 -> 370800, 370000; 340102 -> 340100, 340000', () => {
    expect(poolingCity('370811')).toBe('370800');
    expect(provinceOf('370811')).toBe('370000');
    expect(poolingCity('340102')).toBe('340100');
    expect(provinceOf('340102')).toBe('340000');
    expect(poolingCity('370800')).toBe('370800');
    expect(policyRegionsOf('340102')).toEqual(['340100', '340000']);
    expect(policyRegionsOf('340000')).toEqual(['340000']);
  });

  it('pools any county in a valid city of its own province, a fixed point of pooling', () => {
    fc.assert(
      fc.property(countyCode, (county) => {
        const city = poolingCity(county);
        expect(isRegionCode(city)).toBe(true);
        expect(city.slice(0, 4)).toBe(county.slice(0, 4));
        expect(city.endsWith('00')).toBe(true);
        expect(poolingCity(city)).toBe(city);
        expect(provinceOf(city)).toBe(provinceOf(county));
        expect(accounts.basicFund(county, 2023)).toBe(`fund:basic:${city}:2023`);
        expect(accounts.assistanceFund(county)).toBe(`fund:assistance:${city}`);
      }),
    );
  });

  it('finds the city entry for a county: 370811 in 2023 is policy 370800-2023', () => {
    expect(findPolicy(catalogue, '370811', 2023)?.policyId).toBe('370800-2023');
    expect(findPolicy(catalogue, '370102', 2021)?.policyId).toBe('370100-2021');
  });

  it("falls back to the province's entry where the city has none: Anhui 340102 in 2022 is policy 340000-2022, its funds Hefei's (340100)", () => {
    expect(findPolicy(catalogue, '340102', 2022)?.policyId).toBe('340000-2022');
    expect(findPolicy(catalogue, '341502', 2022)?.policyId).toBe('340000-2022');
    expect(accounts.basicFund('340102', 2022)).toBe('fund:basic:340100:2022');
    expect(accounts.criticalIllnessFund('340102', 2022)).toBe('fund:critical-illness:340100:2022');
    expect(accounts.assistanceFund('340102')).toBe('fund:assistance:340100');
  });

  it('finds nothing for a region whose city and province have no entry, nor for a year without one', () => {
    expect(findPolicy(catalogue, '110105', 2023)).toBeUndefined();
    expect(findPolicy(catalogue, '340102', 2023)).toBeUndefined();
    expect(findPolicy(catalogue, '370811', 2022)).toBeUndefined();
  });

  it('never takes an entry of another province or of another city of the same province', () => {
    fc.assert(
      fc.property(countyCode, fc.constantFrom(2021, 2022, 2023), (county, year) => {
        const entry = findPolicy(catalogue, county, year);
        if (entry) expect([poolingCity(county), provinceOf(county)]).toContain(entry.regionCode);
      }),
    );
  });
});

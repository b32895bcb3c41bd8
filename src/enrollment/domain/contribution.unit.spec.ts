import { describe, expect, it } from '@jest/globals';
import { loadCatalogue } from '../../policy/load-catalogue.js';
import { findPolicy } from '../../policy/domain/catalogue.js';
import { computeContribution } from './contribution.js';

const catalogue = loadCatalogue();
const jining = findPolicy(catalogue, '370800', 2023)!.funding;
const anhui = findPolicy(catalogue, '340000', 2022)!.funding;
const zibo = findPolicy(catalogue, '370300', 2021)!.funding;

describe('contributions (参保缴费)', () => {
  it('charges the full personal share outside every assistance category: Jining 2023 adult 38000 fen', () => {
    expect(computeContribution(jining, 'adult', 'none')).toEqual({ personalFen: 38000, assistanceSubsidyFen: 0, dueFromPersonFen: 38000, governmentSubsidyFen: 64000, criticalIllnessFundingFen: 10000 });
  });

  it('subsidises by category: 特困 and 低保 in full, 返贫致贫 50%, 监测 0% in Shandong', () => {
    expect(computeContribution(jining, 'adult', 'extreme-poverty')).toMatchObject({ assistanceSubsidyFen: 38000, dueFromPersonFen: 0 });
    expect(computeContribution(jining, 'adult', 'minimum-living-allowance')).toMatchObject({ assistanceSubsidyFen: 38000, dueFromPersonFen: 0 });
    expect(computeContribution(jining, 'adult', 'poverty-relapse')).toMatchObject({ assistanceSubsidyFen: 19000, dueFromPersonFen: 19000 });
    expect(computeContribution(jining, 'adult', 'low-income-monitored')).toMatchObject({ assistanceSubsidyFen: 0, dueFromPersonFen: 38000 });
  });

  it('charges an Anhui 低保 enrollee 10%: 32000 x 90% = 28800 subsidy, 3200 due; and Zibo students 27000', () => {
    expect(computeContribution(anhui, 'adult', 'minimum-living-allowance')).toMatchObject({ personalFen: 32000, assistanceSubsidyFen: 28800, dueFromPersonFen: 3200 });
    expect(computeContribution(anhui, 'student-child', 'low-income-monitored')).toMatchObject({ assistanceSubsidyFen: 16000, dueFromPersonFen: 16000 });
    expect(computeContribution(zibo, 'student-child', 'none')).toMatchObject({ personalFen: 27000, dueFromPersonFen: 27000, governmentSubsidyFen: 58000 });
  });
});

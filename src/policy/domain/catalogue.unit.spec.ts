import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCatalogue, shippedCataloguePath } from '../load-catalogue.js';
import { CatalogueError, findPolicy } from './catalogue.js';
import { sourcedNumbers } from './provenance.js';
import { applyBpRounded } from './money.js';
import { validateCatalogue } from './validate-catalogue.js';

const shippedJson = (): any => JSON.parse(readFileSync(shippedCataloguePath(), 'utf8'));

/** The shipped catalogue with one change to its first policy (370800-2023). */
function withFirstPolicy(change: (policy: any) => void): unknown {
  const raw = shippedJson();
  change(raw.policies[0]);
  return raw;
}

const rejects = (raw: unknown, message: string) => {
  expect(() => validateCatalogue(raw)).toThrow(CatalogueError);
  expect(() => validateCatalogue(raw)).toThrow(message);
};

describe('the shipped catalogue', () => {
  it('passes validation and keeps every value', () => {
    const catalogue = loadCatalogue();
    expect(catalogue.policies.map((p) => p.policyId)).toEqual([
      '370800-2023',
      '370800-2021',
      '370100-2021',
      '370300-2021',
      '340000-2022',
    ]);
    expect(catalogue).toEqual(shippedJson());
  });

  it('finds a policy by region and coverage year', () => {
    const catalogue = loadCatalogue();
    expect(findPolicy(catalogue, '370800', 2023)?.outpatientGeneral.annualLimitFen).toBe(30000);
    expect(findPolicy(catalogue, '370800', 2021)?.outpatientGeneral.annualLimitFen).toBe(20000);
    expect(findPolicy(catalogue, '370800', 2022)).toBeUndefined();
  });
});

describe('enrollment subsidy rates (资助参保) as the catalogue states them', () => {
  const catalogue = loadCatalogue();
  const subsidy = (
    regionCode: string,
    year: number,
    category: 'minimum-living-allowance' | 'low-income-monitored' | 'extreme-poverty',
  ) => {
    const funding = findPolicy(catalogue, regionCode, year)!.funding;
    return applyBpRounded(funding.personalFen.adult, funding.assistanceSubsidyBp[category]);
  };

  it('Anhui 2022 pays 90% for minimum-living-allowance: round(32000 x 9000 / 10000) = 28800, the person pays 3200', () => {
    expect(subsidy('340000', 2022, 'minimum-living-allowance')).toBe(28800);
    expect(32000 - subsidy('340000', 2022, 'minimum-living-allowance')).toBe(3200);
  });

  it('Shandong (Jining 2023) pays minimum-living-allowance in full (38000) and low-income-monitored nothing; Anhui pays the latter 50% (16000)', () => {
    expect(subsidy('370800', 2023, 'minimum-living-allowance')).toBe(38000);
    expect(subsidy('370800', 2023, 'low-income-monitored')).toBe(0);
    expect(subsidy('340000', 2022, 'low-income-monitored')).toBe(16000);
    expect(subsidy('340000', 2022, 'extreme-poverty')).toBe(32000);
  });
});

describe('validateCatalogue names the policy and the field of a bad entry', () => {
  it('a ratio outside 0..10000 or not an integer', () => {
    rejects(
      withFirstPolicy((p) => {
        p.inpatient.levels.tertiary.ratioBp = 10001;
      }),
      'policy 370800-2023: inpatient.levels.tertiary.ratioBp must be an integer from 0 to 10000',
    );
    rejects(
      withFirstPolicy((p) => {
        p.inpatient.levels.tertiary.ratioBp = 60.5;
      }),
      'policy 370800-2023: inpatient.levels.tertiary.ratioBp must be an integer from 0 to 10000',
    );
    rejects(
      withFirstPolicy((p) => {
        p.funding.assistanceSubsidyBp['poverty-relapse'] = '5000';
      }),
      'policy 370800-2023: funding.assistanceSubsidyBp.poverty-relapse must be an integer',
    );
  });

  it('a negative, fractional or unsafe amount of fen', () => {
    rejects(
      withFirstPolicy((p) => {
        p.inpatient.annualCapFen = -1;
      }),
      'policy 370800-2023: inpatient.annualCapFen must be a non-negative safe integer of fen',
    );
    rejects(
      withFirstPolicy((p) => {
        p.reAssistance.thresholdFen = 0.5;
      }),
      'policy 370800-2023: reAssistance.thresholdFen must be a non-negative safe integer of fen',
    );
    rejects(
      withFirstPolicy((p) => {
        p.medicalAssistance.tiers[1].annualCapFen = 2 ** 53;
      }),
      'policy 370800-2023: medicalAssistance.tiers[1].annualCapFen',
    );
  });

  it('bands out of order, or an open band that is not the last', () => {
    rejects(
      withFirstPolicy((p) => {
        p.criticalIllness.bands[1].excessUpToFen = 10000000;
      }),
      "policy 370800-2023: criticalIllness.bands[1].excessUpToFen must be greater than the previous band's bound (10000000)",
    );
    rejects(
      withFirstPolicy((p) => {
        p.criticalIllness.bands[2].excessUpToFen = 30000000;
      }),
      'policy 370800-2023: criticalIllness.bands[2].excessUpToFen must be null in the last band',
    );
    rejects(
      withFirstPolicy((p) => {
        p.criticalIllness.bands[0].excessUpToFen = null;
      }),
      'policy 370800-2023: criticalIllness.bands[0].excessUpToFen may be null only in the last band',
    );
    rejects(
      withFirstPolicy((p) => {
        p.criticalIllness.bands = [];
      }),
      'policy 370800-2023: criticalIllness.bands must not be empty',
    );
  });

  it('a tilted band ratio above 100%', () => {
    rejects(
      withFirstPolicy((p) => {
        p.criticalIllness.bands[2].ratioBp = 9600;
      }),
      'policy 370800-2023: criticalIllness.bands[2].ratioBp plus tilt.ratioBonusBp must not exceed 10000',
    );
  });

  it('a date that is not YYYY-MM-DD or not in the calendar', () => {
    rejects(
      withFirstPolicy((p) => {
        p.enrollment.centralizedDeadline = '2022/12/31';
      }),
      'policy 370800-2023: enrollment.centralizedDeadline must be a date written YYYY-MM-DD',
    );
    rejects(
      withFirstPolicy((p) => {
        p.coverage.end = '2023-02-29';
      }),
      'policy 370800-2023: coverage.end is not a calendar date: 2023-02-29',
    );
    rejects(
      withFirstPolicy((p) => {
        p.coverage.start = '2022-01-01';
      }),
      'policy 370800-2023: coverage.start must lie in coverage year 2023',
    );
  });

  it('a missing, unknown or misspelt field', () => {
    rejects(
      withFirstPolicy((p) => {
        delete p.inpatient.levels.secondary;
      }),
      'policy 370800-2023: inpatient.levels.secondary is missing',
    );
    rejects(
      withFirstPolicy((p) => {
        delete p.funding.assistanceSubsidyBp['low-income-monitored'];
      }),
      'policy 370800-2023: funding.assistanceSubsidyBp.low-income-monitored is missing',
    );
    rejects(
      withFirstPolicy((p) => {
        p.outpatientChronic.annualLimit = 1;
      }),
      'policy 370800-2023: outpatientChronic.annualLimit is not a known field',
    );
    rejects(
      withFirstPolicy((p) => {
        p.criticalIllness.tilt.removeCap = 'yes';
      }),
      'policy 370800-2023: criticalIllness.tilt.removeCap must be true or false',
    );
  });

  it('an unknown or repeated category, level or claim type', () => {
    rejects(
      withFirstPolicy((p) => {
        p.reAssistance.categories.push('rich');
      }),
      'policy 370800-2023: reAssistance.categories[5] must be one of extreme-poverty',
    );
    rejects(
      withFirstPolicy((p) => {
        p.outpatientGeneral.eligibleLevels.push('grassroots');
      }),
      'policy 370800-2023: outpatientGeneral.eligibleLevels[1] repeats grassroots',
    );
    rejects(
      withFirstPolicy((p) => {
        p.criticalIllness.appliesTo = ['surgery'];
      }),
      'policy 370800-2023: criticalIllness.appliesTo[0] must be one of inpatient',
    );
  });

  it('medical assistance tiers that overlap on a category', () => {
    rejects(
      withFirstPolicy((p) => {
        p.medicalAssistance.tiers[1].categories.push('minimum-living-allowance');
      }),
      'policy 370800-2023: medicalAssistance.tiers[1].categories repeats minimum-living-allowance, already in an earlier tier',
    );
  });

  it('a bad region code, coverage year, source list, tilt factor or reserve order', () => {
    rejects(
      withFirstPolicy((p) => {
        p.regionCode = '3708';
      }),
      'policy 370800-2023: regionCode must be a 6-digit GB/T 2260 region code (a known province prefix; county digits only under a prefecture)',
    );
    rejects(
      withFirstPolicy((p) => {
        p.coverageYear = '2023';
      }),
      'policy 370800-2023: coverageYear must be an integer from 1990 to 2999',
    );
    rejects(
      withFirstPolicy((p) => {
        p.sources = [];
      }),
      'policy 370800-2023: sources must not be empty',
    );
    rejects(
      withFirstPolicy((p) => {
        p.criticalIllness.tilt.deductibleFactorBp = 15000;
      }),
      'policy 370800-2023: criticalIllness.tilt.deductibleFactorBp must be an integer from 0 to 10000',
    );
    rejects(
      withFirstPolicy((p) => {
        p.reserve.warningBelowMonths = 2;
      }),
      'policy 370800-2023: reserve.warningBelowMonths must not be below reserve.criticalBelowMonths',
    );
    rejects(
      withFirstPolicy((p) => {
        p.medicalAssistance.tiers[0].categories = [];
      }),
      'policy 370800-2023: medicalAssistance.tiers[0].categories must not be empty',
    );
  });

  it('a repeated policyId or region and coverage year', () => {
    const raw = shippedJson();
    raw.policies.push({ ...raw.policies[0] });
    rejects(raw, 'policy 370800-2023: policyId is used by an earlier entry');
    raw.policies[5].policyId = '370800-2023b';
    rejects(raw, 'policy 370800-2023b: regionCode and coverageYear 2023 repeat an earlier entry');
  });

  it('a policy without a usable policyId is named by its position', () => {
    const raw = shippedJson();
    raw.policies[2].policyId = '';
    rejects(raw, 'policy #2: policyId must be a non-empty string');
  });

  it('a bad catalogue outside the policies', () => {
    rejects(null, 'catalogue: entry must be an object');
    rejects({ ...shippedJson(), schemaVersion: 1 }, 'catalogue: schemaVersion must be 2');
    rejects({ ...shippedJson(), policies: [] }, 'catalogue: policies must not be empty');
    rejects(
      { ...shippedJson(), claimTypes: ['inpatient'] },
      'catalogue: claimTypes must list exactly inpatient, outpatient-general, outpatient-chronic',
    );
  });
});

describe('catalogue version 2: the illness-impoverished category (因病致贫重病患者)', () => {
  it('is a category of the catalogue, with a subsidy rate and a tier in every entry', () => {
    const catalogue = loadCatalogue();
    expect(catalogue.assistanceCategories).toContain('illness-impoverished');
    for (const policy of catalogue.policies) {
      expect(policy.funding.assistanceSubsidyBp['illness-impoverished']).toBe(0);
      expect(
        policy.medicalAssistance.tiers.some((t) => t.categories.includes('illness-impoverished')),
      ).toBe(true);
    }
  });

  it('is validated like every other category: required in the subsidy rates, once across the tiers', () => {
    rejects(
      withFirstPolicy((p) => {
        delete p.funding.assistanceSubsidyBp['illness-impoverished'];
      }),
      'policy 370800-2023: funding.assistanceSubsidyBp.illness-impoverished is missing',
    );
    rejects(
      withFirstPolicy((p) => {
        p.funding.assistanceSubsidyBp['illness-impoverished'] = 10001;
      }),
      'policy 370800-2023: funding.assistanceSubsidyBp.illness-impoverished must be an integer from 0 to 10000',
    );
    rejects(
      withFirstPolicy((p) => {
        p.medicalAssistance.tiers[0].categories.push('illness-impoverished');
      }),
      'policy 370800-2023: medicalAssistance.tiers[1].categories repeats illness-impoverished, already in an earlier tier',
    );
    const raw = shippedJson();
    raw.assistanceCategories.pop();
    rejects(raw, 'catalogue: assistanceCategories must list exactly');
  });
});

describe('catalogue version 2: every number and date has exactly one provenance', () => {
  it('the shipped catalogue: 235 numbers and dates, 58 quoted from the seeds (POLICY.md)', () => {
    const numbers = loadCatalogue().policies.flatMap(sourcedNumbers);
    expect(numbers).toHaveLength(235);
    expect(numbers.filter((n) => n.provenance.kind === 'source')).toHaveLength(58);
  });

  it('a subtree key covers the numbers under it, an exact key only its own number', () => {
    const policy = findPolicy(loadCatalogue(), '370800', 2023)!;
    const byField = new Map(sourcedNumbers(policy).map((n) => [n.field, n]));
    expect(byField.get('inpatient.levels.secondary.ratioBp')).toMatchObject({
      value: 7500,
      coveredBy: 'inpatient.levels.secondary',
      provenance: { kind: 'assumption' },
    });
    expect(byField.get('funding.personalFen.adult')).toMatchObject({
      value: 38000,
      coveredBy: 'funding.personalFen.adult',
      provenance: { kind: 'source', document: '济医保发〔2023〕15号' },
    });
    expect(byField.get('coverage.start')).toMatchObject({
      value: '2023-01-01',
      coveredBy: 'coverage',
    });
  });

  it('a number without provenance stops the catalogue, naming the policy and the field', () => {
    rejects(
      withFirstPolicy((p) => {
        delete p.provenance['funding.personalFen.adult'];
      }),
      'policy 370800-2023: funding.personalFen.adult has no provenance entry',
    );
    rejects(
      withFirstPolicy((p) => {
        delete p.provenance.reserve;
      }),
      'policy 370800-2023: reserve.criticalBelowMonths has no provenance entry',
    );
    rejects(
      withFirstPolicy((p) => {
        delete p.provenance;
      }),
      'policy 370800-2023: provenance is missing',
    );
  });

  it('a provenance entry naming no number or date stops the catalogue, naming it', () => {
    const assumed = { kind: 'assumption', why: 'a guess' };
    rejects(
      withFirstPolicy((p) => {
        p.provenance.regionName = assumed;
      }),
      'policy 370800-2023: provenance["regionName"] names no number or date of the policy',
    );
    rejects(
      withFirstPolicy((p) => {
        p.provenance['inpatient.levels.quaternary'] = assumed;
      }),
      'policy 370800-2023: provenance["inpatient.levels.quaternary"] names no number or date of the policy',
    );
    rejects(
      withFirstPolicy((p) => {
        p.provenance['criticalIllness.bands[2].excessUpToFen'] = assumed;
        delete p.provenance['criticalIllness.bands[2]'];
        p.provenance['criticalIllness.bands[2].ratioBp'] = assumed;
      }),
      'policy 370800-2023: provenance["criticalIllness.bands[2].excessUpToFen"] names no number or date of the policy',
    );
  });

  it('a number covered by two entries stops the catalogue, naming both', () => {
    rejects(
      withFirstPolicy((p) => {
        p.provenance['inpatient.levels.secondary.ratioBp'] = { kind: 'assumption', why: 'twice' };
      }),
      'policy 370800-2023: inpatient.levels.secondary.ratioBp has more than one provenance entry: inpatient.levels.secondary, inpatient.levels.secondary.ratioBp',
    );
  });

  it('a provenance entry must be a quoted source or a stated assumption', () => {
    rejects(
      withFirstPolicy((p) => {
        p.provenance.reserve = { kind: 'guess', why: 'x' };
      }),
      'policy 370800-2023: provenance["reserve"].kind must be source or assumption',
    );
    rejects(
      withFirstPolicy((p) => {
        delete p.provenance['funding.personalFen.adult'].quote;
      }),
      'policy 370800-2023: provenance["funding.personalFen.adult"].quote is missing',
    );
    rejects(
      withFirstPolicy((p) => {
        p.provenance.reserve.why = ' ';
      }),
      'policy 370800-2023: provenance["reserve"].why must be a non-empty string',
    );
    rejects(
      withFirstPolicy((p) => {
        p.provenance.reserve.quote = 'not for an assumption';
      }),
      'policy 370800-2023: provenance["reserve"].quote is not a known field',
    );
  });
});

describe('loadCatalogue', () => {
  it('names the file when its JSON does not parse', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'catalogue-')), 'broken.json');
    writeFileSync(path, '{ "schemaVersion": 1,');
    expect(() => loadCatalogue(path)).toThrow(CatalogueError);
    expect(() => loadCatalogue(path)).toThrow(path);
  });

  it('validates what it reads', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'catalogue-')), 'bad.json');
    writeFileSync(
      path,
      JSON.stringify(
        withFirstPolicy((p) => {
          p.outpatientChronic.ratioBp = -1;
        }),
      ),
    );
    expect(() => loadCatalogue(path)).toThrow(
      'policy 370800-2023: outpatientChronic.ratioBp must be an integer from 0 to 10000',
    );
  });
});

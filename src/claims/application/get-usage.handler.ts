import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { policyCatalogueToken } from '../../policy/policy.module.js';
import { findPolicy, type Catalogue } from '../../policy/domain/catalogue.js';
import { emptyAnnualSums } from '../../policy/domain/annual-sums.js';
import { PersonStreamRepository } from '../../person-stream/application/person-stream.repository.js';
import { isPersonId } from '../../persons/domain/person-id.js';
import {
  assistanceCategoryOn,
  enrollmentForYear,
} from '../../person-stream/domain/person-state.js';
import { missing, refuse } from '../../shared/domain/refusal.js';

export class GetUsageQuery {
  constructor(
    readonly personId: string,
    readonly year: number,
    readonly asOfPosition?: number,
  ) {}
}

/**
 * A person's annual sums against the caps of their enrollment's policy. Caps that depend on the
 * assistance category (critical-illness tilt has none; the assistance tier's cap) are those of the
 * category in force on 31 December of the year.
 */
@QueryHandler(GetUsageQuery)
export class GetUsageHandler implements IQueryHandler<GetUsageQuery> {
  constructor(
    private readonly persons: PersonStreamRepository,
    @Inject(policyCatalogueToken) private readonly catalogue: Catalogue,
  ) {}

  async execute({ personId, year, asOfPosition }: GetUsageQuery): Promise<Record<string, unknown>> {
    const person = isPersonId(personId)
      ? await this.persons.load(personId, asOfPosition)
      : undefined;
    if (!person || person.status !== 'registered')
      throw missing('not-found', `no person ${personId}`);
    const regionCode = enrollmentForYear(person, year)?.registered.regionCode ?? person.regionCode;
    const policy = findPolicy(this.catalogue, regionCode, year);
    if (!policy) throw refuse('no-policy', `no policy for region ${regionCode} and year ${year}`);
    const sums = person.annualSums.get(year) ?? emptyAnnualSums();
    const category = assistanceCategoryOn(person, `${year}-12-31`);
    const tilted = category !== 'none' && policy.criticalIllness.tilt.categories.includes(category);
    const assistanceTier = policy.medicalAssistance.tiers.find(
      (t) => category !== 'none' && t.categories.includes(category),
    );
    return {
      personId,
      year,
      policyId: policy.policyId,
      assistanceCategory: category,
      inpatientBasicFen: sums.inpatientBasicPaidFen,
      inpatientCapFen: policy.inpatient.annualCapFen,
      outpatientGeneralFen: sums.outpatientGeneral.paidFen,
      outpatientGeneralLimitFen: policy.outpatientGeneral.annualLimitFen,
      outpatientChronicFen: sums.outpatientChronic.paidFen,
      outpatientChronicLimitFen: policy.outpatientChronic.annualLimitFen,
      criticalIllness: {
        ...sums.criticalIllness,
        capFen:
          tilted && policy.criticalIllness.tilt.removeCap
            ? null
            : policy.criticalIllness.annualCapFen,
      },
      assistance: { ...sums.assistance, capFen: assistanceTier?.annualCapFen ?? null },
      reAssistance: { ...sums.reAssistance, capFen: policy.reAssistance.annualCapFen },
    };
  }
}

import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Principal } from '../../auth/principal.js';
import { missing } from '../../shared/domain/refusal.js';
import { enrollmentView } from '../../enrollment/application/enrollment-view.js';
import { isPersonId } from '../domain/person-id.js';
import { ClearReadLog, personalFieldsFor } from './personal-data.js';
import { PersonStreamRepository } from '../../person-stream/application/person-stream.repository.js';

export class GetPersonQuery {
  constructor(
    readonly personId: string,
    readonly principal: Principal,
    readonly asOfPosition?: number,
  ) {}
}

/**
 * Folded from the person's own stream, so it always reflects every acknowledged write. An erased
 * person answers `erased: true` with nationalId, name and birthDate null, at every asOf too
 * (their key is gone: the data is unreadable whatever the moment asked about).
 */
@QueryHandler(GetPersonQuery)
export class GetPersonHandler implements IQueryHandler<GetPersonQuery> {
  constructor(
    private readonly persons: PersonStreamRepository,
    private readonly clearReads: ClearReadLog,
  ) {}

  async execute({
    personId,
    principal,
    asOfPosition,
  }: GetPersonQuery): Promise<Record<string, unknown>> {
    const state = isPersonId(personId)
      ? await this.persons.load(personId, asOfPosition)
      : undefined;
    if (!state || state.status !== 'registered')
      throw missing('not-found', `no person ${personId}`);
    const current = asOfPosition === undefined ? state : await this.persons.load(personId);
    const erased = current.status === 'registered' && current.erasure !== undefined;
    const personal = erased
      ? { nationalId: null, name: null, birthDate: null }
      : {
          ...personalFieldsFor(
            { nationalId: state.nationalId, birthDate: state.birthDate },
            principal,
          ),
          name: state.name,
        };
    if (!erased) await this.clearReads.record(principal, state.personId, 'GET /persons/{personId}');
    return {
      personId: state.personId,
      nationalId: personal.nationalId,
      name: personal.name,
      birthDate: personal.birthDate,
      regionCode: state.regionCode,
      assistance: state.assistance,
      dateOfDeath: state.dateOfDeath,
      enrollments: state.enrollments.map((e) => enrollmentView(e, 'full')),
      erased,
    };
  }
}

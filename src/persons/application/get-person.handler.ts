import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Principal } from '../../auth/principal.js';
import { clearIdentityRoles } from '../../auth/role.js';
import { notFound } from '../../http/problem-error.js';
import { enrollmentView } from '../../enrollment/application/enrollment-view.js';
import { isPersonId } from '../domain/person-id.js';
import { maskResidentId } from '../domain/resident-id.js';
import { PersonRepository } from './person.repository.js';

export class GetPersonQuery {
  constructor(
    readonly personId: string,
    readonly principal: Principal,
    readonly asOfPosition?: number,
  ) {}
}

/** Folded from the person's own stream, so it always reflects every acknowledged write. */
@QueryHandler(GetPersonQuery)
export class GetPersonHandler implements IQueryHandler<GetPersonQuery> {
  constructor(private readonly persons: PersonRepository) {}

  async execute({ personId, principal, asOfPosition }: GetPersonQuery): Promise<Record<string, unknown>> {
    const state = isPersonId(personId) ? await this.persons.load(personId, asOfPosition) : undefined;
    if (!state || state.status !== 'registered') throw notFound('person', personId);
    const clear = principal.roles.some((r) => clearIdentityRoles.includes(r));
    return {
      personId: state.personId,
      nationalId: clear ? state.nationalId : maskResidentId(state.nationalId),
      name: state.name,
      birthDate: state.birthDate,
      regionCode: state.regionCode,
      assistance: state.assistance,
      dateOfDeath: state.dateOfDeath,
      enrollments: state.enrollments.map((e) => enrollmentView(e, 'full')),
    };
  }
}

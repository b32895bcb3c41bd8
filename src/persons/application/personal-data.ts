import { Injectable, Logger } from '@nestjs/common';
import type { Principal } from '../../auth/principal.js';
import { clearIdentityRoles } from '../../auth/role.js';
import { maskBirthDate, maskResidentId } from '../domain/resident-id.js';

// Personal data leaves the service in clear only for roles with clear access (API.md: investigator,
// and clerk and admin who keep the register); every other role sees the resident ID masked and the
// birth date as the year. Each read in clear is logged as a structured line (who, when, which
// person, which endpoint) until the chained access log of a later issue records it.

export function seesInClear(principal: Principal): boolean {
  return principal.roles.some((r) => clearIdentityRoles.includes(r));
}

/** The fields of a PersonRegistered (or a person view) as this principal may see them. */
export function personalFieldsFor<T extends Record<string, unknown>>(
  data: T,
  principal: Principal,
): T {
  if (seesInClear(principal)) return data;
  return {
    ...data,
    ...(typeof data.nationalId === 'string' ? { nationalId: maskResidentId(data.nationalId) } : {}),
    ...(typeof data.birthDate === 'string' ? { birthDate: maskBirthDate(data.birthDate) } : {}),
  };
}

@Injectable()
export class ClearReadLog {
  private readonly logger = new Logger('access');

  /** Call after a response with a resident ID in clear was built for this principal. */
  record(principal: Principal, personId: string, endpoint: string, now = new Date()): void {
    if (!seesInClear(principal)) return;
    this.logger.log({
      message: 'resident-id-read',
      at: now.toISOString(),
      actor: principal.actor,
      roles: principal.roles,
      personId,
      endpoint,
    });
  }
}

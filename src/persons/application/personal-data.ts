import { Injectable } from '@nestjs/common';
import { AccessLog } from '../../privacy/application/access-log.js';
import type { Principal } from '../../auth/principal.js';
import { clearIdentityRoles } from '../../auth/role.js';
import { maskBirthDate, maskResidentId } from '../domain/resident-id.js';

// Personal data leaves the service in clear only for roles with clear access (API.md: investigator,
// and clerk and admin who keep the register); every other role sees the resident ID masked and the
// birth date as the year. Each read in clear is recorded in the chained access log (who, when,
// which person, which endpoint: src/privacy/application/access-log.ts) before it answers.

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
  constructor(private readonly accessLog: AccessLog) {}

  /**
   * Call after a response with a resident ID in clear was built for this principal, and answer
   * only once it resolves: a read whose record cannot be written fails instead.
   */
  async record(principal: Principal, personId: string, endpoint: string): Promise<void> {
    if (!seesInClear(principal)) return;
    await this.accessLog.append({
      actor: principal.actor,
      role: principal.roles.filter((r) => clearIdentityRoles.includes(r)).join(','),
      personId,
      endpoint,
    });
  }
}

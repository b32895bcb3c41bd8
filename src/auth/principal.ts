import { createHash } from 'node:crypto';
import type { ApiKeyGrant } from '../config/app-config.js';
import type { Role } from './role.js';

/** Who is calling: a fingerprint of the API key (never the key itself), its roles and, for scoped institution keys, its institutions. */
export interface Principal {
  readonly actor: string;
  readonly roles: readonly Role[];
  /** set: this key speaks for these institutions only (API.md 1.1 key scopes) */
  readonly institutions?: readonly string[];
}

export function principalFor(key: string, grant: ApiKeyGrant): Principal {
  return {
    actor: `key:${createHash('sm3').update(key).digest('hex').slice(0, 16)}`,
    roles: grant.roles,
    ...(grant.institutions ? { institutions: grant.institutions } : {}),
  };
}

/** Whether the principal may act for the institution: unscoped keys may act for any. */
export function mayActFor(principal: Principal, institutionId: string): boolean {
  return principal.institutions === undefined || principal.institutions.includes(institutionId);
}

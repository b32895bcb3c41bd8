import { createHash } from 'node:crypto';
import type { Role } from './role.js';

/** Who is calling: a fingerprint of the API key (never the key itself) and its roles. */
export interface Principal {
  readonly actor: string;
  readonly roles: readonly Role[];
}

export function principalFor(key: string, roles: readonly Role[]): Principal {
  return { actor: `key:${createHash('sm3').update(key).digest('hex').slice(0, 16)}`, roles };
}

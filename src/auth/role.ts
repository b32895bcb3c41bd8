// Roles of API.md. `auditor` reads everything with resident IDs masked; `investigator` reads in clear.
export const roles = [
  'clerk',
  'institution',
  'auditor',
  'investigator',
  'finance',
  'admin',
] as const;
export type Role = (typeof roles)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (roles as readonly string[]).includes(value);
}

/** Roles that see resident IDs in clear. */
export const clearIdentityRoles: readonly Role[] = ['investigator', 'admin', 'clerk'];

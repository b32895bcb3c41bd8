import { SetMetadata } from '@nestjs/common';
import type { Role } from './role.js';

export const rolesMetadata = 'ledger:roles';
export const publicMetadata = 'ledger:public';

/** The roles allowed on a route; `admin` is always allowed. */
export const Roles = (...allowed: Role[]) => SetMetadata(rolesMetadata, allowed);
/** A route that needs no key (health). */
export const Public = () => SetMetadata(publicMetadata, true);

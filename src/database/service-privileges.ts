import type pg from 'pg';

// What the service's own connection may do. It should be ledger_service (migration
// 1763800000008): no superuser, not the owner of the log. A superuser or the owner can switch the
// append-only triggers off; with an external DATABASE_URL that is the operator's choice to make
// visible: a warning, and a refusal in production.

export interface ServicePrivileges {
  readonly role: string;
  readonly superuser: boolean;
  readonly ownsLog: boolean;
}

export async function servicePrivileges(pool: Pick<pg.Pool, 'query'>): Promise<ServicePrivileges> {
  const { rows } = await pool.query<ServicePrivileges>(
    `SELECT current_user AS role,
            (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser,
            coalesce((SELECT pg_has_role(current_user, c.relowner, 'USAGE') FROM pg_class c
                       WHERE c.oid = to_regclass('public.events')), false) AS "ownsLog"`,
  );
  return rows[0]!;
}

/** Undefined when the connection is least-privileged; else what is wrong with it. */
export function privilegeProblem(p: ServicePrivileges): string | undefined {
  if (p.superuser)
    return `the service connects as ${p.role}, a superuser: it could switch off the log's append-only triggers`;
  if (p.ownsLog)
    return `the service connects as ${p.role}, the owner of the events table: it could switch off the log's append-only triggers`;
  return undefined;
}

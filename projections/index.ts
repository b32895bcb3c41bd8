import { alertsProjection } from './alerts/alerts.projection.js';
import { claimsProjection } from './claims/claims.projection.js';
import { fundBalancesProjection } from './fund-balances/fund-balances.projection.js';
import { postingsProjection } from './postings/postings.projection.js';
import type { Projection } from './projection.js';
import { reconciliationProjection } from './reconciliation/reconciliation.projection.js';

/** The read models' names: what LEDGER_WORKER_PROJECTIONS, the CLI and a query's reads name. */
export const projectionNames = [
  'postings',
  'fund-balances',
  'claims',
  'alerts',
  'reconciliation',
] as const;
export type ProjectionName = (typeof projectionNames)[number];

/** Every read model, each rebuildable from the log; each folder projections/<name>/ holds its fold and its queries. */
export const projections: readonly Projection[] = [
  postingsProjection,
  fundBalancesProjection,
  claimsProjection,
  alertsProjection,
  reconciliationProjection,
];

/**
 * Read models retired in issue 12 (nothing read them; migration 1763800000010 dropped their
 * tables). A configuration that still names them keeps working: they are skipped with a warning.
 */
export const retiredProjectionNames: readonly string[] = ['person-usage', 'enrollments'];

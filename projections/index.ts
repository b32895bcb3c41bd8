import { alertsProjection } from './alerts.projection.js';
import { claimsProjection } from './claims.projection.js';
import { enrollmentsProjection } from './enrollments.projection.js';
import { fundBalancesProjection } from './fund-balances.projection.js';
import { personUsageProjection } from './person-usage.projection.js';
import { postingsProjection } from './postings.projection.js';
import type { Projection } from './projection.js';

/** Every read model, each rebuildable from the log. */
export const projections: readonly Projection[] = [postingsProjection, fundBalancesProjection, personUsageProjection, claimsProjection, enrollmentsProjection, alertsProjection];

// Kept only so migration 1763800000004 (which still imports live schema code) compiles; the
// read model lives in alerts/. Delete once the migrations are frozen as literal SQL (issue 11).
export { alertsProjection } from './alerts/alerts.projection.js';

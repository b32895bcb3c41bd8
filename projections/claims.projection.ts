// Kept only so migration 1763800000003 (which still imports live schema code) compiles; the
// read model lives in claims/. Delete once the migrations are frozen as literal SQL (issue 11).
export { claimsProjection } from './claims/claims.projection.js';

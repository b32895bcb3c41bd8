// Kept only so migration 1763800000001 (which still imports live schema code) compiles; the
// read model lives in fund-balances/. Delete once the migrations are frozen as literal SQL (issue 11).
export { fundBalancesProjection } from './fund-balances/fund-balances.projection.js';

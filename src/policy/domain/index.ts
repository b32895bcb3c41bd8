// The policy domain's public API: pure functions and types, no framework, no I/O.
export * from './money.js';
export * from './catalogue.js';
export * from './validate-catalogue.js';
export * from './annual-sums.js';
export * from './cumulative-tier.js';
export * from './tier-explanation.js';
export * from './critical-illness-tier.js';
export * from './settle-claim.js';
export * from './settle-relief.js';
export * from './reverse-settlement.js';
export * from './resettle-year.js';

import type { Principal } from '../auth/principal.js';

/** What every write carries from the edge into the handlers: who, which key, which request. */
export interface WriteContext {
  readonly principal: Principal;
  readonly idempotencyKey: string | undefined;
  /** SM3 over the method, path and canonical body: the same request, the same hash */
  readonly requestHash: string;
  readonly correlationId: string;
  /** the server's clock at the edge; the domain never reads a clock */
  readonly now: Date;
}

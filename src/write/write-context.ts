import type { Principal } from '../auth/principal.js';

/** What every write carries from the edge into the handlers: who, which key, which request. */
export interface WriteContext {
  readonly principal: Principal;
  readonly idempotencyKey: string | undefined;
  /** SM3 over the method, path and canonical body: the same request, the same hash */
  readonly requestHash: string;
  /**
   * The hash the same request had while a property sent as null still counted (before null was
   * absent), set when its body has one: a key recorded then replays for the same body still.
   */
  readonly formerRequestHash?: string;
  readonly correlationId: string;
  /** the server's clock at the edge; the domain never reads a clock */
  readonly now: Date;
}

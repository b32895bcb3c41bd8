import type { Response } from 'express';
import type { WriteResponse } from '../write/write-decision.js';

/** Sends a write's status (201 new, 200 repeated) and body. */
export function respond(res: Response, result: WriteResponse): Readonly<Record<string, unknown>> {
  res.status(result.statusCode);
  return result.body;
}

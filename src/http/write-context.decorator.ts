import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import type { Request } from 'express';
import type { Principal } from '../auth/principal.js';
import { canonicalJson } from '../eventstore/tamper-evidence.js';
import { withoutNullProperties } from './null-as-absent.js';
import { badField } from './problem-error.js';
import type { WriteContext } from '../write/write-context.js';

export const idempotencyKeyLengthMax = 200;

/** Builds the WriteContext of a request: principal, Idempotency-Key, request hash, clock. */
export const Write = createParamDecorator((_: unknown, context: ExecutionContext): WriteContext => {
  const request = context.switchToHttp().getRequest<Request & { principal: Principal }>();
  const key = request.header('idempotency-key');
  if (
    key !== undefined &&
    (key.length === 0 || key.length > idempotencyKeyLengthMax || !/^[\x21-\x7e]+$/.test(key))
  ) {
    throw badField(
      'Idempotency-Key',
      `must be 1 to ${idempotencyKeyLengthMax} visible ASCII characters`,
    );
  }
  // an optional field sent as null is absent (null-as-absent.ts): {"x": null} and {} hash alike
  const body: unknown = request.body ?? null;
  const hashOf = (b: unknown) =>
    createHash('sm3')
      .update(canonicalJson({ method: request.method, path: request.path, body: b }))
      .digest('hex');
  const withoutNulls = withoutNullProperties(body);
  const requestHash = hashOf(withoutNulls);
  // a key recorded before that rule holds the hash of the body with its nulls
  const formerRequestHash = withoutNulls === body ? undefined : hashOf(body);
  const correlation = request.header('x-request-id');
  return {
    principal: request.principal,
    idempotencyKey: key,
    requestHash,
    ...(formerRequestHash ? { formerRequestHash } : {}),
    // stored in every event's metadata: visible ASCII only, else a fresh one (input-rules.ts)
    correlationId:
      correlation && /^[\x21-\x7e]{1,100}$/.test(correlation) ? correlation : randomUUID(),
    now: new Date(),
  };
});

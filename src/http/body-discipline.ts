import type { NextFunction, Request, Response } from 'express';
import { hasForbiddenCharacters } from './input-rules.js';
import { ProblemError, badField } from './problem-error.js';

// Bodies are checked for what no DTO can catch, before any code reads them (the request hash of
// an idempotent write folds the whole body): JSON only, at most 1 MiB (the parser's limit), an
// object, at most 16 levels deep, no prototype keys, finite numbers, no control characters in any
// string or key. Each refusal names the field; nothing has run, so nothing changed.

/** API.md 1.1: bodies over 1 MiB are 413 `payload-too-large`. */
export const bodyBytesMax = 1024 * 1024;
/** The deepest DTO nests 2 levels; 16 leaves room and keeps every later walk shallow. */
export const bodyDepthMax = 16;

const prototypeKeys = new Set(['__proto__', 'constructor', 'prototype']);

/** application/json or a +json type (e.g. application/merge-patch+json), any parameters. */
export function isJsonMediaType(contentType: string | undefined): boolean {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return type === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(type);
}

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

const readByRoute = new WeakSet<Request>();

/** A route's own parser read the body (reconciliation files: src/reconciliation/http); its reader checks it. */
export function markReadByRoute(req: Request): void {
  readByRoute.add(req);
}

function alreadyRead(req: Request): boolean {
  return readByRoute.has(req);
}

/** Before the parser: a body that is not JSON is 415 naming Content-Type (forms are not read). */
export function jsonBodiesOnly() {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (hasBody(req) && !alreadyRead(req) && !isJsonMediaType(req.headers['content-type'])) {
      next(
        new ProblemError(
          415,
          'validation-failed',
          'Unsupported media type',
          'Content-Type: must be application/json',
          [{ field: 'Content-Type', message: 'must be application/json' }],
        ),
      );
      return;
    }
    next();
  };
}

/** After the parser: the structural checks above; the DTOs check each field's own rule. */
export function bodyDiscipline() {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (!hasBody(req) || req.body === undefined) return next();
    // a CSV file read as text by its route's parser: its own reader names each bad line
    if (typeof req.body === 'string' && alreadyRead(req)) return next();
    const fault = bodyFault(req.body);
    next(fault ? badField(fault.field, fault.message) : undefined);
  };
}

interface Fault {
  readonly field: string;
  readonly message: string;
}

/** The first structural fault of a parsed JSON body, walked without recursion. */
export function bodyFault(body: unknown): Fault | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { field: 'body', message: 'must be a JSON object' };
  const stack: Array<{ value: unknown; path: string; depth: number }> = [
    { value: body, path: '', depth: 0 },
  ];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    const fault = valueFault(value, path || 'body', depth);
    if (fault) return fault;
    if (typeof value !== 'object' || value === null) continue;
    for (const [key, child] of Object.entries(value)) {
      const childPath = path ? `${path}.${key}` : key;
      if (prototypeKeys.has(key))
        return { field: childPath, message: 'is a reserved name, not a field' };
      if (hasForbiddenCharacters(key))
        return { field: path || 'body', message: 'has a field name with control characters' };
      stack.push({ value: child, path: childPath, depth: depth + 1 });
    }
  }
  return undefined;
}

function valueFault(value: unknown, field: string, depth: number): Fault | undefined {
  if (depth > bodyDepthMax)
    return { field, message: `is nested deeper than ${bodyDepthMax} levels` };
  if (typeof value === 'number' && !Number.isFinite(value))
    return { field, message: 'must be a finite number' };
  if (typeof value === 'string' && hasForbiddenCharacters(value))
    return { field, message: 'must not contain control characters' };
  return undefined;
}

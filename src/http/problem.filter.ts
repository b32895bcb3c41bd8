import {
  Catch,
  HttpException,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { isDatabaseUnavailable } from '../database/database-errors.js';
import { AccessLogUnavailableError } from '../privacy/application/access-log.js';
import { Refusal } from '../shared/domain/refusal.js';
import { ProblemError } from './problem-error.js';

// Every error leaves as application/problem+json. Unexpected errors are logged and answered 500
// without internals.
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const problem = toProblem(exception);
    if (problem.status === 503 && problem.code === databaseUnavailable) {
      this.logger.warn({
        message: 'database unavailable',
        path: request.url,
        error: exception instanceof Error ? exception.message : String(exception),
      });
      response.setHeader('Retry-After', String(databaseRetryAfterSeconds));
    } else if (problem.status >= 500) {
      this.logger.error({
        message: 'unhandled error',
        path: request.url,
        error: exception instanceof Error ? exception.stack : String(exception),
      });
    }
    response
      .status(problem.status)
      .type('application/problem+json')
      .send(JSON.stringify(problem.toBody(request.originalUrl)));
  }
}

export const databaseUnavailable = 'database-unavailable';
/** What a client is told to wait before retrying while the database is away (an embedded restart takes seconds). */
const databaseRetryAfterSeconds = 5;

function toProblem(exception: unknown): ProblemError {
  if (exception instanceof ProblemError) return exception;
  if (exception instanceof Refusal) return fromRefusal(exception);
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    if (status === 404) return new ProblemError(404, 'not-found', 'Not found', 'no such resource');
    if (status === 413)
      return new ProblemError(
        413,
        'payload-too-large',
        'Payload too large',
        'the body is larger than 1 MiB',
      );
    if (status === 415) {
      // body-parser's error (the cause) says which header it could not read
      const header =
        (exception.cause as { type?: string } | undefined)?.type === 'encoding.unsupported'
          ? 'Content-Encoding'
          : 'Content-Type';
      return new ProblemError(
        415,
        'validation-failed',
        'Unsupported media type',
        `${header}: ${exception.message}`,
        [{ field: header, message: exception.message }],
      );
    }
    if (status === 400) {
      return new ProblemError(status, 'validation-failed', 'Bad request', exception.message, [
        { field: 'body', message: exception.message },
      ]);
    }
    return new ProblemError(status, `http-${status}`, exception.name, exception.message);
  }
  if (exception instanceof AccessLogUnavailableError)
    return new ProblemError(
      503,
      'access-log-unavailable',
      'Access log unavailable',
      'a read of a resident ID in clear is answered only once it is recorded in the access log, which cannot be written now; retry later',
    );
  if (isDatabaseUnavailable(exception)) {
    // a write may have committed just before the connection died: the same Idempotency-Key replays it or records it once
    return new ProblemError(
      503,
      databaseUnavailable,
      'Database unavailable',
      'the ledger cannot reach its database; retry later (a write with the same Idempotency-Key is recorded at most once)',
    );
  }
  return new ProblemError(
    500,
    'internal-error',
    'Internal error',
    'the ledger could not complete the request; nothing was recorded unless a position was returned',
  );
}

const refusalStatus = { invalid: 400, 'not-found': 404, conflict: 409, refused: 422 } as const;
const refusalTitle = {
  invalid: 'Bad request',
  'not-found': 'Not found',
  conflict: 'Conflict',
  refused: 'Refused',
} as const;

function fromRefusal(refusal: Refusal): ProblemError {
  const errors = refusal.field ? [{ field: refusal.field, message: refusal.detail }] : undefined;
  return new ProblemError(
    refusalStatus[refusal.kind],
    refusal.code,
    refusalTitle[refusal.kind],
    refusal.detail,
    errors,
  );
}

import express, { type NextFunction, type Request, type Response } from 'express';
import { createHash } from 'node:crypto';
import { isJsonMediaType, markReadByRoute } from '../../http/body-discipline.js';
import { ProblemError } from '../../http/problem-error.js';
import type { ReceivedFile } from '../application/received-file.js';

// Reconciliation bodies are files: a large hospital's month is 50,000 invoices, about 1.5 MB of CSV
// and more as JSON, over the 1 MiB every other route keeps (API.md 1.1). For POST
// /reconciliations/* only, JSON and (institution files) text/csv are read up to 16 MiB, before the
// global parser, and the bytes as received are hashed (SHA-256) for the ReconciliationRecorded
// event. Larger is 413 payload-too-large as anywhere else.

export const reconciliationBodyBytesMax = 16 * 1024 * 1024;

interface ReceivedRequest extends Request {
  receivedFile?: ReceivedFile;
}

export function isCsvMediaType(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase() === 'text/csv';
}

function keep(format: ReceivedFile['format']) {
  return (req: Request, _res: Response, buffer: Buffer) => {
    markReadByRoute(req);
    (req as ReceivedRequest).receivedFile = {
      format,
      hash: createHash('sha256').update(buffer).digest('hex'),
      bytes: buffer.length,
    };
  };
}

export function reconciliationBodies(apiPrefix: string) {
  const path = `/${apiPrefix}/reconciliations/`;
  const json = express.json({
    limit: reconciliationBodyBytesMax,
    type: (req) => isJsonMediaType(req.headers['content-type']),
    verify: keep('json'),
  });
  const csv = express.text({
    limit: reconciliationBodyBytesMax,
    type: (req) => isCsvMediaType(req.headers['content-type']),
    defaultCharset: 'utf-8',
    verify: keep('csv'),
  });
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'POST' || !req.path.startsWith(path)) return next();
    const done = (error?: unknown) => {
      if ((error as { status?: number } | undefined)?.status === 413)
        return next(
          new ProblemError(
            413,
            'payload-too-large',
            'Payload too large',
            `the body is larger than ${reconciliationBodyBytesMax / 1024 / 1024} MiB (reconciliation files)`,
          ),
        );
      next(error);
    };
    json(req, res, (error?: unknown) => (error ? done(error) : csv(req, res, done)));
  };
}

/** The file a reconciliation received, as the body parser saw its bytes (none: an empty body). */
export function receivedFileOf(req: Request): ReceivedFile {
  return (
    (req as ReceivedRequest).receivedFile ?? {
      format: 'json',
      hash: createHash('sha256').digest('hex'),
      bytes: 0,
    }
  );
}

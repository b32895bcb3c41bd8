import {
  closeSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname } from 'node:path';
import { idKeyMinBytes } from '../shared/domain/opaque-id.js';

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

/** Group and other permission bits: a key readable by others is refused, as ssh refuses such a private key. */
const groupOtherBits = 0o077;

/**
 * Reads the key, or creates it (256 random bits, hex) when the file does not exist. `variable`
 * names the setting in errors: the personal-data master key (src/privacy) is kept the same way.
 */
export function loadOrCreateIdKey(
  path: string,
  variable = 'LEDGER_ID_KEY_FILE',
): { key: Buffer; created: boolean } {
  let created = false;
  try {
    statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      throw new IdKeyError(path, (error as Error).message, variable);
    created = createKeyFile(path, variable);
  }
  return { key: readKey(path, variable), created };
}

/** Written to a private temporary file, then linked into place: two processes starting at once end up with one key. */
function createKeyFile(path: string, variable: string): boolean {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(temporary, 'wx', 0o600);
  try {
    writeSync(fd, `${randomBytes(idKeyMinBytes).toString('hex')}\n`);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temporary, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new IdKeyError(path, (error as Error).message, variable);
  } finally {
    unlinkSync(temporary);
  }
}

function readKey(path: string, variable: string): Buffer {
  const mode = statSync(path).mode;
  if ((mode & groupOtherBits) !== 0)
    throw new IdKeyError(
      path,
      `is readable by others (mode ${(mode & 0o777).toString(8)}); run chmod 600 on it`,
      variable,
    );
  const text = readFileSync(path, 'utf8').trim();
  if (!/^[0-9a-f]+$/.test(text) || text.length < idKeyMinBytes * 2 || text.length % 2 !== 0) {
    throw new IdKeyError(path, `must hold at least ${idKeyMinBytes} bytes as hex`, variable);
  }
  return Buffer.from(text, 'hex');
}

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

// A secret kept in a file outside the database (the id key, the personal-data master key, the
// checkpoint signing key): created at first start with mode 0600, refused when group or others
// may read it (as ssh refuses such a private key). What the file holds is the caller's to make
// and to parse; `problem` turns a failure into the caller's error, naming its setting.

/** Group and other permission bits. */
const groupOtherBits = 0o077;

export interface SecretFile {
  readonly path: string;
  /** the caller's error for a problem with the file */
  readonly problem: (message: string) => Error;
}

/** The file's text, made by `create` when the file does not exist yet. */
export function loadOrCreateSecretFile(
  file: SecretFile,
  create: () => string,
): { text: string; created: boolean } {
  let created = false;
  try {
    statSync(file.path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      throw file.problem((error as Error).message);
    created = createSecretFile(file, create());
  }
  return { text: readSecretFile(file), created };
}

/** The text of an existing secret file, refused when others may read it. */
export function readSecretFile(file: SecretFile): string {
  const mode = statSync(file.path).mode;
  if ((mode & groupOtherBits) !== 0)
    throw file.problem(
      `is readable by others (mode ${(mode & 0o777).toString(8)}); run chmod 600 on it`,
    );
  return readFileSync(file.path, 'utf8');
}

/** Written to a private temporary file, then linked into place: two processes starting at once end up with one secret. */
function createSecretFile(file: SecretFile, text: string): boolean {
  mkdirSync(dirname(file.path), { recursive: true, mode: 0o700 });
  const temporary = `${file.path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(temporary, 'wx', 0o600);
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temporary, file.path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw file.problem((error as Error).message);
  } finally {
    unlinkSync(temporary);
  }
}

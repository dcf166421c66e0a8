/**
 * The data key file: 64 hex digits and a newline, mode 0600, created on first use next to the database.
 * It is refused when group or others may read or write it, as ssh refuses a private key with loose
 * permissions: a key anyone on the machine can read protects nothing.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { DataKeyError } from './errors';
import { DATA_KEY_BYTES, parseDataKey } from './key-material';

/** Reads the key in `path`, checking first that only its owner can access it. */
export function readKeyFile(path: string): Buffer {
  let info: fs.Stats;
  try {
    info = fs.statSync(path);
  } catch (error) {
    throw new DataKeyError(`cannot read the data key file ${path} (${(error as NodeJS.ErrnoException).code ?? error})`);
  }
  if (!info.isFile()) throw new DataKeyError(`the data key file ${path} is not a regular file`);
  const loose = info.mode & 0o077;
  if (loose !== 0 && process.platform !== 'win32') {
    throw new DataKeyError(
      `the data key file ${path} is accessible by group or others (mode ${(info.mode & 0o777).toString(8).padStart(4, '0')}); ` +
        `run "chmod 600 ${path}" if it was not copied anywhere, otherwise treat the key as exposed`,
    );
  }
  return parseDataKey(fs.readFileSync(path, 'utf8'), `the data key file ${path}`);
}

/**
 * Creates `path` holding a fresh random key, mode 0600, and returns the key; returns undefined when the file
 * already exists (another process created it first: the caller reads that one instead, so both use one key).
 */
export function createKeyFile(path: string): Buffer | undefined {
  const key = randomBytes(DATA_KEY_BYTES);
  let fd: number;
  try {
    // 'wx' = O_CREAT | O_EXCL: never overwrite a key, which would make every sealed row unreadable.
    fd = fs.openSync(path, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return undefined;
    throw new DataKeyError(`cannot create the data key file ${path} (${(error as NodeJS.ErrnoException).code ?? error})`);
  }
  try {
    // The umask may have removed bits but never adds any; set the mode explicitly anyway.
    fs.fchmodSync(fd, 0o600);
    fs.writeSync(fd, `${key.toString('hex')}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return key;
}

/** The key in `path`, creating the file with a new key when it does not exist. */
export function readOrCreateKeyFile(path: string): { key: Buffer; created: boolean } {
  if (!fs.existsSync(path)) {
    const key = createKeyFile(path);
    if (key !== undefined) return { key, created: true };
  }
  return { key: readKeyFile(path), created: false };
}

import { AuthplugError } from '@authplug/core';

// Every error here is built from key names, field names, file paths, modes and pids: never from
// a stored value. None keeps a lower-layer error as `cause` when that error could quote the
// file's contents (a JSON.parse message quotes the text around the fault).

/**
 * The store has nothing under the profile's key.
 *
 * @example
 * ```ts
 * if (error instanceof CredentialsNotFoundError) console.error(`run the flow for ${error.key}`);
 * ```
 */
export class CredentialsNotFoundError extends AuthplugError {
  readonly key: string;
  constructor(pkg: string, key: string) {
    super(
      'AUTHPLUG_CREDENTIALS_NOT_FOUND',
      `${pkg}: nothing stored under "${key}": save the keys there, run the authorization flow, or pass credentials as options.`,
    );
    this.key = key;
  }
}

/**
 * The store holds a value under the key, but a field the strategy needs is missing or empty.
 *
 * @example
 * ```ts
 * if (error instanceof InvalidCredentialsError) console.error(`${error.key} lacks ${error.field}`);
 * ```
 */
export class InvalidCredentialsError extends AuthplugError {
  readonly key: string;
  readonly field: string;
  constructor(pkg: string, key: string, field: string) {
    super(
      'AUTHPLUG_INVALID_CREDENTIALS',
      `${pkg}: "${key}" has no \`${field}\` (a non-empty string): add it to the store.`,
    );
    this.key = key;
    this.field = field;
  }
}

/**
 * A write was attempted on a read-only store (env), or on a chain with no writable store.
 *
 * @example
 * ```ts
 * await envStore().set('ipernity/default', {}); // throws ReadOnlyStoreError
 * ```
 */
export class ReadOnlyStoreError extends AuthplugError {
  constructor(store: string) {
    super(
      'AUTHPLUG_READ_ONLY_STORE',
      `@authplug/credentials: ${store} is read-only. Put a writable store (fileStore, memoryStore) first in chainStore to save grants.`,
    );
  }
}

/**
 * The credentials file can be read by group or others (any of the mode bits 077 set). Fix the
 * mode with the `chmod` the message gives, or pass `allowInsecurePermissions: true` (for mounted
 * secrets) to get a warning instead.
 *
 * @example
 * ```ts
 * if (error instanceof InsecurePermissionsError) console.error(error.fix); // chmod 600 '/home/me/…'
 * ```
 */
export class InsecurePermissionsError extends AuthplugError {
  /** The file refused. */
  readonly path: string;
  /** Its permission bits, e.g. `0o644`. */
  readonly mode: number;
  /** The shell command that fixes it: `chmod 600 <file>`. */
  readonly fix: string;
  constructor(path: string, mode: number) {
    const fix = `chmod 600 ${shellQuote(path)}`;
    super('AUTHPLUG_INSECURE_PERMISSIONS', insecureMessage(path, mode, fix));
    this.path = path;
    this.mode = mode;
    this.fix = fix;
  }
}

/** The message of {@link InsecurePermissionsError}, also used as the warning text. */
export function insecureMessage(path: string, mode: number, fix: string): string {
  return (
    `@authplug/credentials: ${path} has mode ${(mode & 0o777).toString(8).padStart(3, '0')}, so users other ` +
    `than its owner can read it. Run \`${fix}\` (or pass allowInsecurePermissions: true for a mounted secret).`
  );
}

/**
 * The credentials file exists but is not a JSON object of objects. It is never overwritten:
 * fix it by hand, or call the store's `reset()` to move it aside under a timestamped name.
 *
 * @example
 * ```ts
 * if (error instanceof CorruptStoreError) console.error(`moved to ${await store.reset()}`);
 * ```
 */
export class CorruptStoreError extends AuthplugError {
  readonly path: string;
  constructor(path: string, what: string) {
    super(
      'AUTHPLUG_CORRUPT_STORE',
      `@authplug/credentials: ${path} ${what}, so it was left untouched. Repair it by hand, or call ` +
        "the store's reset() to move it aside (it is kept under a timestamped name) and start empty.",
    );
    this.path = path;
  }
}

/**
 * Another process held the store's lock for longer than `lockTimeoutMs` while still alive (its
 * lock is not stale). A crashed holder never causes this: its lock is recovered.
 *
 * @example
 * ```ts
 * const store = fileStore({ lockTimeoutMs: 30_000 }); // wait longer behind slow updates
 * ```
 */
export class StoreLockedError extends AuthplugError {
  /** The lock file. */
  readonly path: string;
  /** The holder's pid, when the lock file names one. */
  readonly holderPid: number | undefined;
  constructor(path: string, holderPid: number | undefined, waitedMs: number) {
    super(
      'AUTHPLUG_STORE_LOCKED',
      `@authplug/credentials: waited ${waitedMs} ms for ${path}${holderPid ? ` (held by pid ${holderPid})` : ''}. ` +
        'Another process is updating the store; retry, raise lockTimeoutMs, or delete the lock file if no ' +
        'authplug process is running.',
    );
    this.path = path;
    this.holderPid = holderPid;
  }
}

/**
 * The file store could not read or write its file (permissions of the directory, read-only or
 * full disk…). `errno` is the system code, e.g. `EACCES`.
 *
 * @example
 * ```ts
 * if (error instanceof StoreIOError && error.errno === 'EROFS') useMemoryStoreInstead();
 * ```
 */
export class StoreIOError extends AuthplugError {
  readonly path: string;
  readonly errno: string;
  constructor(path: string, operation: string, errno: string) {
    super(
      'AUTHPLUG_STORE_IO',
      `@authplug/credentials: could not ${operation} ${path} (${errno}). Check that the directory exists ` +
        'and is writable by this user, or pass another path.',
    );
    this.path = path;
    this.errno = errno;
  }
}

/**
 * A store that needs Node built-ins (fileStore) was created where there are none (a browser).
 *
 * @example
 * ```ts
 * const store = typeof window === 'undefined' ? fileStore() : memoryStore();
 * ```
 */
export class UnsupportedRuntimeError extends AuthplugError {
  constructor(store: string) {
    super(
      'AUTHPLUG_UNSUPPORTED_RUNTIME',
      `@authplug/credentials: ${store} needs Node.js 22.3+ (process.getBuiltinModule). In a browser or an edge runtime use memoryStore or your own CredentialStore.`,
    );
  }
}

/** Quotes a path for a POSIX shell when it needs it. */
export function shellQuote(path: string): string {
  return /^[\w@%+=:,./-]+$/.test(path) ? path : `'${path.replaceAll("'", `'\\''`)}'`;
}

/**
 * `encryptedStore` could not open a sealed value: its key id is not among the keys given
 * (`unknown-key`), the key is wrong or the value (or the fields stored beside it, or the
 * credential key it is filed under) was changed (`failed`: AES-GCM cannot tell these apart), the
 * envelope is malformed (`malformed`), or the value is not sealed at all (`unsealed`). Never
 * returns garbage credentials; the message names the credential key and key id, never a value.
 *
 * @example
 * ```ts
 * if (error instanceof DecryptionError && error.reason === 'unknown-key')
 *   console.error(`add key ${error.keyId} to AUTHPLUG_ENCRYPTION_KEYS`);
 * ```
 */
export class DecryptionError extends AuthplugError {
  /** The credential key, e.g. `ipernity/default`. */
  readonly key: string;
  /** The key id in the envelope, when there is one. */
  readonly keyId: string | undefined;
  readonly reason: 'unknown-key' | 'failed' | 'malformed' | 'unsealed';
  constructor(key: string, keyId: string | undefined, reason: DecryptionError['reason']) {
    const what = {
      'unknown-key': `is sealed with key "${keyId}", which is not among the keys given: add it to \`keys\` (AUTHPLUG_ENCRYPTION_KEYS)`,
      failed: `did not open with key "${keyId}": the key is wrong, or the stored value was changed. Restore it, or store the credentials again`,
      malformed: `has a malformed envelope${keyId ? ` (key "${keyId}")` : ''}: store the credentials again`,
      unsealed:
        'is not encrypted: store it again through encryptedStore, or pass acceptPlaintext: true and call rekey() to seal it',
    }[reason];
    super('AUTHPLUG_DECRYPTION_FAILED', `@authplug/credentials: "${key}" ${what}.`);
    this.key = key;
    this.keyId = keyId;
    this.reason = reason;
  }
}

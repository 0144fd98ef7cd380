import { InvalidOptionError } from '@authplug/core';
import { assertKey, assertValue } from './check.ts';
import { DecryptionError } from './errors.ts';
import { guarded, isSecretField } from './redact.ts';
import type { CredentialStore, CredentialValue } from './store.ts';

const PKG = '@authplug/credentials';

/** The field of a stored value that holds its sealed part. */
export const SEALED_FIELD = '$sealed';

/**
 * Options of {@link encryptedStore}.
 *
 * @example
 * ```ts
 * const options: EncryptedStoreOptions = {
 *   keys: { '2026-12': 'q3F0…base64 of 32 bytes…', '2026-06': 'old key…' },
 *   current: '2026-12',
 * };
 * ```
 */
export interface EncryptedStoreOptions {
  /**
   * Keys by id: each 32 random bytes, base64-encoded (see {@link generateEncryptionKey}), or an
   * AES-GCM `CryptoKey` that allows encrypt and decrypt. Reads accept every key listed.
   */
  keys: Record<string, string | CryptoKey>;
  /** The id of the key new values are sealed with. */
  current: string;
  /**
   * Return values stored before encryption was turned on as they are (instead of a
   * `DecryptionError`), so `rekey()` can seal them. Default false: a store that should be
   * encrypted never hands out a value an attacker could have planted in plaintext.
   */
  acceptPlaintext?: boolean;
}

/**
 * A {@link CredentialStore} that encrypts at rest, plus `rekey()`.
 *
 * @example
 * ```ts
 * const store: EncryptedStore = encryptedStore(fileStore(), encryptionKeysFromEnv()!);
 * ```
 */
export interface EncryptedStore extends CredentialStore {
  /** Re-seals every value not already sealed with `current`; resolves with how many it changed. */
  rekey(): Promise<number>;
}

interface Envelope {
  v: 1;
  kid: string;
  iv: string;
  data: string;
}

const toBase64 = (bytes: Uint8Array): string => {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text);
};
const fromBase64 = (text: string): Uint8Array<ArrayBuffer> => {
  const raw = atob(text);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
};

/** JSON with object keys sorted, so the authenticated data does not depend on field order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** True when a field name anywhere inside is secret (a nested `user: { token }` counts). */
function holdsSecret(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(holdsSecret);
  if (typeof value !== 'object' || value === null) return false;
  return Object.entries(value).some(([k, v]) => isSecretField(k) || holdsSecret(v));
}

/**
 * The authenticated data of a sealed value: the format version, the credential key it is filed
 * under, the key id, and the fields left readable. Moving a sealed value to another credential
 * key, or editing a readable field (an `apiKey`), makes it fail to open.
 */
export function sealedAad(key: string, keyId: string, readable: CredentialValue): string {
  return `authplug-sealed:v1\n${key}\n${keyId}\n${canonical(readable)}`;
}

/**
 * 32 random bytes, base64-encoded: a new key for {@link encryptedStore}.
 *
 * @example
 * ```ts
 * console.log(`AUTHPLUG_ENCRYPTION_KEYS=k1:${generateEncryptionKey()}`);
 * ```
 */
export function generateEncryptionKey(): string {
  return toBase64(crypto.getRandomValues(new Uint8Array(32)));
}

/**
 * Reads the keys from `AUTHPLUG_ENCRYPTION_KEYS`: comma-separated `id:base64key` pairs, the
 * first one current (`AUTHPLUG_ENCRYPTION_KEYS=2026-12:q3F0…,2026-06:Zm9v…`). Undefined when the
 * variable is unset or empty.
 *
 * @example
 * ```ts
 * const keys = encryptionKeysFromEnv();
 * const store = keys ? encryptedStore(fileStore(), keys) : fileStore();
 * ```
 */
export function encryptionKeysFromEnv(
  env: Record<string, string | undefined> = (
    globalThis as { process?: { env: Record<string, string | undefined> } }
  ).process?.env ?? {},
): EncryptedStoreOptions | undefined {
  const text = env['AUTHPLUG_ENCRYPTION_KEYS']?.trim();
  if (!text) return undefined;
  const keys: Record<string, string> = {};
  let current: string | undefined;
  for (const pair of text.split(',')) {
    const at = pair.indexOf(':');
    const id = pair.slice(0, at).trim();
    const key = pair.slice(at + 1).trim();
    if (at <= 0 || !key) {
      throw new InvalidOptionError(
        PKG,
        'AUTHPLUG_ENCRYPTION_KEYS',
        'must be comma-separated `id:base64key` pairs.',
      );
    }
    keys[id] = key;
    current ??= id;
  }
  return { keys, current: current! };
}

/**
 * Wraps any store so that secret fields are encrypted at rest with AES-256-GCM (WebCrypto, so it
 * runs in browsers and edge runtimes too). Fields whose names are secret (see `isSecretField`:
 * `secret`, `token`, `privateKey`, `authKey`…), and nested objects holding any, are sealed
 * together into one `$sealed` envelope `{ v, kid, iv, data }`; the other fields (`apiKey`,
 * `consumerKey`, user names, expiry times) stay readable beside it, so listings and `redact` work
 * without the key. The envelope is bound to the credential key and to those readable fields:
 * moving or editing either makes it fail to open.
 *
 * Reads accept every key in `keys`; writes seal with `current`; `rekey()` re-seals every value
 * under `current`, after which old keys can be dropped. A missing or wrong key, or a changed
 * value, rejects with `DecryptionError` naming the key id, never with garbage or plaintext.
 *
 * @example
 * ```ts
 * import { encryptedStore, encryptionKeysFromEnv, fileStore } from '@authplug/credentials';
 *
 * // AUTHPLUG_ENCRYPTION_KEYS=k2:<new key>,k1:<old key>
 * const store = encryptedStore(fileStore(), encryptionKeysFromEnv()!);
 * await store.rekey(); // everything now sealed with k2; k1 can go
 * ```
 */
export function encryptedStore(inner: CredentialStore, options: EncryptedStoreOptions): EncryptedStore {
  if (typeof inner?.get !== 'function') {
    throw new InvalidOptionError(PKG, 'inner', 'must be a CredentialStore.');
  }
  const { current, acceptPlaintext = false } = options;
  const given = options.keys ?? {};
  if (typeof current !== 'string' || !Object.hasOwn(given, current)) {
    throw new InvalidOptionError(PKG, 'current', 'must be the id of one of `keys`.');
  }
  const subtle = globalThis.crypto?.subtle;
  if (!subtle)
    throw new InvalidOptionError(PKG, 'keys', 'need WebCrypto (crypto.subtle), which this runtime lacks.');
  const imported = new Map<string, Promise<CryptoKey>>();
  for (const [id, key] of Object.entries(given)) {
    if (typeof key === 'string') {
      let bytes: Uint8Array<ArrayBuffer>;
      try {
        bytes = fromBase64(key);
      } catch {
        bytes = new Uint8Array(0);
      }
      if (bytes.length !== 32) {
        throw new InvalidOptionError(PKG, 'keys', `has key "${id}" that is not 32 bytes in base64.`);
      }
      imported.set(id, subtle.importKey('raw', bytes, 'AES-GCM', false, ['encrypt', 'decrypt']));
    } else if (typeof key === 'object' && key !== null && 'algorithm' in key) {
      imported.set(id, Promise.resolve(key));
    } else {
      throw new InvalidOptionError(
        PKG,
        'keys',
        `has key "${id}" that is neither a base64 string nor a CryptoKey.`,
      );
    }
  }

  async function seal(key: string, value: CredentialValue): Promise<CredentialValue> {
    // Built from entries, not by assignment: a stored `__proto__` field must stay a field.
    const fields = Object.entries(value).filter(([field]) => field !== SEALED_FIELD);
    const isSecret = ([field, v]: [string, unknown]) => isSecretField(field) || holdsSecret(v);
    const readable: CredentialValue = Object.fromEntries(fields.filter((f) => !isSecret(f)));
    const secret: CredentialValue = Object.fromEntries(fields.filter(isSecret));
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const data = await subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(sealedAad(key, current, readable)) },
      await imported.get(current)!,
      new TextEncoder().encode(JSON.stringify(secret)),
    );
    const envelope: Envelope = { v: 1, kid: current, iv: toBase64(iv), data: toBase64(new Uint8Array(data)) };
    return { ...JSON.parse(JSON.stringify(readable)), [SEALED_FIELD]: envelope };
  }

  async function open(key: string, stored: CredentialValue): Promise<CredentialValue> {
    const envelope = stored[SEALED_FIELD] as Partial<Envelope> | undefined;
    if (envelope === undefined) {
      if (acceptPlaintext) return stored;
      throw new DecryptionError(key, undefined, 'unsealed');
    }
    const kid = typeof envelope?.kid === 'string' ? envelope.kid : undefined;
    if (envelope?.v !== 1 || !kid || typeof envelope.iv !== 'string' || typeof envelope.data !== 'string') {
      throw new DecryptionError(key, kid, 'malformed');
    }
    const cryptoKey = imported.get(kid);
    if (!cryptoKey) throw new DecryptionError(key, kid, 'unknown-key');
    const readable: CredentialValue = { ...stored };
    delete readable[SEALED_FIELD];
    let plain: ArrayBuffer;
    try {
      plain = await subtle.decrypt(
        {
          name: 'AES-GCM',
          iv: fromBase64(envelope.iv),
          additionalData: new TextEncoder().encode(sealedAad(key, kid, readable)),
        },
        await cryptoKey,
        fromBase64(envelope.data),
      );
    } catch {
      throw new DecryptionError(key, kid, 'failed');
    }
    const secret = JSON.parse(new TextDecoder().decode(plain)) as CredentialValue;
    return { ...readable, ...secret };
  }

  const kidOf = (stored: CredentialValue | undefined): string | undefined =>
    (stored?.[SEALED_FIELD] as Partial<Envelope> | undefined)?.kid;

  return {
    get writable() {
      return inner.writable;
    },
    async get<T extends CredentialValue>(key: string) {
      assertKey(key);
      const stored = await inner.get(key);
      return stored === undefined ? undefined : guarded((await open(key, stored)) as T);
    },
    async set(key, value) {
      assertKey(key);
      assertValue(key, value);
      await inner.set(key, await seal(key, value));
    },
    delete: (key) => inner.delete(key),
    list: (prefix) => inner.list(prefix),
    async update<T extends CredentialValue>(
      key: string,
      fn: (current: T | undefined) => T | undefined | Promise<T | undefined>,
    ) {
      assertKey(key);
      let result: T | undefined;
      await inner.update(key, async (stored) => {
        const now = stored === undefined ? undefined : ((await open(key, stored)) as T);
        const next = await fn(now === undefined ? undefined : guarded(now));
        if (next === undefined) {
          result = undefined;
          return undefined;
        }
        assertValue(key, next);
        result = JSON.parse(JSON.stringify(next)) as T;
        return seal(key, next);
      });
      return result === undefined ? undefined : guarded(result);
    },
    async rekey() {
      let changed = 0;
      for (const key of await inner.list()) {
        let resealed = false;
        await inner.update(key, async (stored) => {
          resealed = false;
          if (stored === undefined || kidOf(stored) === current) return stored;
          resealed = true;
          return seal(key, await open(key, stored));
        });
        if (resealed) changed++;
      }
      return changed;
    },
  };
}

import { InvalidOptionError } from '@authplug/core';
import { assertKey } from './check.ts';
import { ReadOnlyStoreError } from './errors.ts';
import { guarded } from './redact.ts';
import type { CredentialStore, CredentialValue } from './store.ts';

/**
 * The fields that may be written without a profile (`AUTHPLUG_<PROVIDER>_<FIELD>`, meaning the
 * `default` profile) even when their name has several words: every field an authplug strategy or
 * flow reads or writes. A name after the provider that is not one of these (nor one of
 * `envStore`'s `fields`) and has two segments or more starts with a profile.
 *
 * @example
 * ```ts
 * ENV_FIELDS.includes('tokenSecret'); // true: AUTHPLUG_OAUTH1_TOKEN_SECRET is oauth1/default's tokenSecret
 * ```
 */
export const ENV_FIELDS: readonly string[] = [
  'apiKey',
  'apiSecret',
  'authKey',
  'authPrivateKey',
  'authToken',
  'consumerKey',
  'consumerSecret',
  'expiresAt',
  'obtainedAt',
  'privateKey',
  'sharedKey',
  'signatureMethod',
  'tokenSecret',
  'userCode',
  'userId',
  'userName',
];

/**
 * Options of {@link envStore}.
 *
 * @example
 * ```ts
 * const options: EnvStoreOptions = { prefix: 'MYAPP', env: process.env, fields: ['refreshToken'] };
 * ```
 */
export interface EnvStoreOptions {
  /** The first segment of every name. Default `AUTHPLUG`. */
  prefix?: string;
  /** Where to read. Default `process.env` (read on every call, so later changes are seen). */
  env?: Record<string, string | undefined>;
  /** More multi-word fields allowed in the profile-less form, camelCase (`['refreshToken']`). */
  fields?: readonly string[];
}

/**
 * The SCREAMING_SNAKE_CASE spelling of a camelCase field in {@link envStore} names.
 *
 * @example
 * ```ts
 * envFieldName('authPrivateKey'); // 'AUTH_PRIVATE_KEY'
 * ```
 */
export function envFieldName(field: string): string {
  return field
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toUpperCase();
}

/** `API_KEY` → `apiKey`. */
function camel(segments: readonly string[]): string {
  return segments
    .map((s, i) => (i === 0 ? s.toLowerCase() : s.charAt(0) + s.slice(1).toLowerCase()))
    .join('');
}

const SEGMENT = /^[A-Z0-9]+$/;

/**
 * Reads credentials from environment variables, for CI and containers. Read-only (`writable` is
 * false; `set`, `delete` and `update` reject with `ReadOnlyStoreError`).
 *
 * Names are `<PREFIX>_<PROVIDER>_<PROFILE>_<FIELD>`, the field in SCREAMING_SNAKE_CASE:
 * `AUTHPLUG_IPERNITY_DEFAULT_API_KEY` is field `apiKey` of key `ipernity/default`,
 * `AUTHPLUG_OAUTH1_WORK_TOKEN_SECRET` is `tokenSecret` of `oauth1/work`. Provider and profile are
 * one segment each (letters and digits), lower-cased in the key. The `default` profile may be
 * left out: `AUTHPLUG_IPERNITY_API_KEY`.
 *
 * Ambiguity (is `AUTHPLUG_X_AUTH_TOKEN` profile `auth`'s `token`, or the default `authToken`?)
 * is resolved this way: what follows the provider is read as a profile-less field when it is one
 * segment, or when it spells one of {@link ENV_FIELDS} or of the `fields` option; otherwise its
 * first segment is the profile. So a profile named like the start of a known field (`auth`,
 * `token`) cannot be written with that field; spell the default profile out
 * (`..._DEFAULT_<FIELD>`) for custom multi-word fields. When the explicit `DEFAULT` form and
 * the short form name the same field, the explicit one wins. Empty variables are ignored.
 * Values are strings, as the environment holds them.
 *
 * @example
 * ```ts
 * // AUTHPLUG_HISTORYPIN_API_KEY=… AUTHPLUG_HISTORYPIN_API_SECRET=…
 * const store = chainStore(envStore(), fileStore());
 * await store.get('historypin/default'); // { apiKey: '…', apiSecret: '…' }
 * ```
 */
export function envStore(options: EnvStoreOptions = {}): CredentialStore {
  const prefix = options.prefix ?? 'AUTHPLUG';
  if (!SEGMENT.test(prefix.replaceAll('_', ''))) {
    throw new InvalidOptionError(
      '@authplug/credentials',
      'prefix',
      'must be letters, digits and underscores.',
    );
  }
  const head = `${prefix}_`;
  const known = new Set([...ENV_FIELDS, ...(options.fields ?? [])].map(envFieldName));
  const source = (): Record<string, string | undefined> =>
    options.env ??
    (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ??
    {};

  /** Every credential the environment holds, keyed `<provider>/<profile>`. */
  const read = (): Map<string, CredentialValue> => {
    const explicit = new Map<string, CredentialValue>();
    const short = new Map<string, CredentialValue>();
    for (const [name, value] of Object.entries(source())) {
      if (!name.startsWith(head) || value === undefined || value === '') continue;
      const segments = name.slice(head.length).split('_');
      if (segments.length < 2 || !segments.every((s) => SEGMENT.test(s))) continue;
      const [provider, ...rest] = segments as [string, ...string[]];
      let profile = 'default';
      let field = rest;
      let target = short;
      if (rest.length > 1 && !known.has(rest.join('_'))) {
        profile = rest[0]!.toLowerCase();
        field = rest.slice(1);
        target = explicit;
      }
      const key = `${provider.toLowerCase()}/${profile}`;
      const entry = target.get(key) ?? {};
      entry[camel(field)] = value;
      target.set(key, entry);
    }
    for (const [key, value] of short) explicit.set(key, { ...value, ...explicit.get(key) });
    return explicit;
  };

  const readOnly = async (): Promise<never> => {
    throw new ReadOnlyStoreError('envStore');
  };
  return {
    writable: false,
    async get<T extends CredentialValue>(key: string) {
      assertKey(key);
      const value = read().get(key);
      return value === undefined ? undefined : guarded(value as T);
    },
    set: readOnly,
    delete: readOnly,
    update: readOnly,
    async list(prefix = '') {
      return [...read().keys()].filter((k) => k.startsWith(prefix)).sort();
    },
  };
}

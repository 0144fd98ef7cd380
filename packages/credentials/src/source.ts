import { requireString } from '@authplug/core';
import { type CredentialStore, credentialKey } from './store.ts';

/**
 * How a strategy is told where its credentials are: in a store, under `<provider>/<profile>`.
 *
 * @example
 * ```ts
 * const options: StoreOptions = { store: fileStore(), profile: 'work' }; // reads ipernity/work
 * ```
 */
export interface StoreOptions {
  store: CredentialStore;
  /** Default `default`. */
  profile?: string;
}

/**
 * Resolves the current credentials. Store-backed sources read on every call.
 *
 * @example
 * ```ts
 * const source: CredentialSource<{ apiKey: string }> = async () => ({ apiKey: 'k' });
 * ```
 */
export type CredentialSource<T> = () => Promise<T>;

let readStoreModule: Promise<typeof import('./read-store.ts')> | undefined;

/**
 * One way for every strategy to get its credentials, whether passed literally or kept in a
 * store. Literal options are validated now (a typed error naming the option); a store is read
 * on every call (so a token saved by another process is picked up) and validated then.
 * `required` fields must be non-empty strings; `optional` ones may be absent (`undefined`) and
 * are otherwise checked the same way. Fields that are not strings (a grant's `permissions`, a
 * `user` object) are read from the store's value as they are, and are the provider's to check.
 * `T` is any object type: a plain `interface` works, no index signature needed.
 * Works with every store (memory, env, file, chain, or your own `CredentialStore`); the value it
 * resolves prints redacted in `util.inspect`, and its errors name the key and field, never a value.
 *
 * @example
 * ```ts
 * const credentials = credentialSource<{ apiKey: string; apiSecret: string }>(
 *   '@authplug/historypin', 'historypin', options, { required: ['apiKey', 'apiSecret'] });
 * const { apiKey, apiSecret } = await credentials();
 * ```
 */
export function credentialSource<T extends object>(
  pkg: string,
  provider: string,
  options: object,
  fields: { required: readonly (keyof T & string)[]; optional?: readonly (keyof T & string)[] },
): CredentialSource<T> {
  if (isStoreOptions(options)) {
    const key = credentialKey(provider, options.profile);
    const { store } = options;
    // Lazy: literal credentials, the common case in browsers, never pay for the store checks.
    return async () => {
      // Imported once: an import() per read goes through the module loader every time (~4 µs).
      readStoreModule ??= import('./read-store.ts');
      return (await (await readStoreModule).readStore(pkg, store, key, fields)) as T;
    };
  }
  const value: Record<string, unknown> = {};
  for (const field of fields.required) value[field] = requireString(pkg, options, field);
  for (const field of fields.optional ?? []) {
    const v = (options as Record<string, unknown>)[field];
    if (v !== undefined) value[field] = requireString(pkg, options, field);
  }
  // Printed as field names only: as safe as the stores' redaction, without pulling the redaction
  // module into every browser bundle that passes credentials literally.
  Object.defineProperty(value, Symbol.for('nodejs.util.inspect.custom'), {
    value: () => `[credentials: ${Object.keys(value).join(', ')}]`,
  });
  const resolved = Promise.resolve(value as unknown as T);
  return () => resolved;
}

/**
 * True when the options name a store (`{ store, profile? }`) rather than literal credentials.
 *
 * @example
 * ```ts
 * isStoreOptions({ store: memoryStore() }); // true
 * isStoreOptions({ apiKey: 'k', secret: 's' }); // false
 * ```
 */
export function isStoreOptions(options: object): options is StoreOptions {
  const store = (options as { store?: unknown }).store;
  return typeof store === 'object' && store !== null && typeof (store as CredentialStore).get === 'function';
}

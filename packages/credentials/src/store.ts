/**
 * Any JSON object stored under a key. Strategies validate what they read; typing lives in the
 * provider packages (see `IpernityCredentials`, `OAuth1Credentials`, …).
 *
 * @example
 * ```ts
 * const grant: CredentialValue = { token: 't', tokenSecret: 's', user: { id: '42' }, obtainedAt: Date.now() };
 * ```
 */
export type CredentialValue = Record<string, unknown>;

/**
 * Where keys and tokens live. Keys are `<provider>/<profile>`, e.g. `ipernity/default`.
 * Every method is async so a store can be a file, a keyring or a shared server.
 *
 * @example
 * ```ts
 * const store: CredentialStore = memoryStore();
 * await store.set('historypin/default', { apiKey: '…', apiSecret: '…' });
 * await store.update<{ count?: number }>('demo/counter', (v) => ({ count: (v?.count ?? 0) + 1 }));
 * ```
 */
export interface CredentialStore {
  /** False for read-only stores (env): `set`, `delete` and `update` then throw. */
  readonly writable: boolean;
  /** The value under `key`, or `undefined`. */
  get<T extends CredentialValue = CredentialValue>(key: string): Promise<T | undefined>;
  /** Replaces the value under `key`. */
  set(key: string, value: CredentialValue): Promise<void>;
  /** True when something was deleted. */
  delete(key: string): Promise<boolean>;
  /** Keys, sorted, optionally only those starting with `prefix`. */
  list(prefix?: string): Promise<string[]>;
  /**
   * Atomic read-modify-write: `fn` gets the current value and returns the new one
   * (`undefined` deletes). No other `update`/`set` on the same store interleaves, across
   * processes where the backend allows (the file store locks).
   */
  update<T extends CredentialValue = CredentialValue>(
    key: string,
    fn: (current: T | undefined) => T | undefined | Promise<T | undefined>,
  ): Promise<T | undefined>;
}

/**
 * The store key for a provider's profile.
 *
 * @example
 * ```ts
 * credentialKey('ipernity'); // 'ipernity/default'
 * credentialKey('oauth1', 'work'); // 'oauth1/work'
 * ```
 */
export function credentialKey(provider: string, profile = 'default'): string {
  return `${provider}/${profile}`;
}

/**
 * What masks a secret: `redact` replaces it with this, or with this followed by the last
 * characters when `keepLast` asks for them.
 *
 * @example
 * ```ts
 * redact({ secret: 's3cr3t' }).secret === MASK; // true
 * ```
 */
export const MASK = '••••';

// A field is secret when its last word is one of these (camelCase, snake_case, kebab-case and
// SCREAMING_SNAKE all split into words), or when its last two words are `private key` or `auth
// key`: apiSecret, consumer_secret, tokenSecret, token, authToken, accessToken, refresh-token,
// password, privateKey, authPrivateKey, authKey, AUTHKEY… but not apiKey, sharedKey, consumerKey,
// tokenExpiresAt.
const SECRET_LAST_WORDS = new Set([
  'secret',
  'token',
  'password',
  'passwd',
  'passphrase',
  'verifier',
  'authkey',
]);
const SECRET_LAST_PAIRS = new Set(['private key', 'auth key', 'signing key', 'secret key', 'session key']);

function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/**
 * True when a field of a stored value holds a secret, judged by its name: its last word is
 * `secret`, `token`, `password`, `passwd`, `passphrase`, `verifier` or `authkey`, or its last two
 * words are `private key`, `auth key`, `signing key`, `secret key` or `session key`, in any case
 * style. So `apiSecret`, `consumerSecret`, `tokenSecret`, `secret`, `privateKey`,
 * `authPrivateKey`, `token`, `authToken`, `accessToken`, `authKey`, `password` are secret, and
 * `apiKey`, `sharedKey`, `consumerKey`, `userId`, `expiresAt` are not.
 *
 * @example
 * ```ts
 * isSecretField('tokenSecret'); // true
 * isSecretField('consumerKey'); // false
 * ```
 */
export function isSecretField(name: string): boolean {
  const w = words(name);
  const last = w.at(-1);
  if (last === undefined) return false;
  if (SECRET_LAST_WORDS.has(last)) return true;
  return w.length > 1 && SECRET_LAST_PAIRS.has(`${w.at(-2)} ${last}`);
}

/**
 * How {@link redact} masks.
 *
 * @example
 * ```ts
 * const options: RedactOptions = { keepLast: 4 }; // '••••9f2c'
 * ```
 */
export interface RedactOptions {
  /**
   * Keep this many trailing characters of a secret string, to tell two grants apart
   * (`'••••9f2c'`). Only strings at least three times that long keep any. Default 0.
   */
  keepLast?: number;
}

function mask(value: unknown, keepLast: number): unknown {
  if (value === undefined || value === null || value === '') return value;
  if (typeof value === 'string' && keepLast > 0 && value.length >= keepLast * 3) {
    return MASK + value.slice(-keepLast);
  }
  return MASK;
}

/**
 * A deep copy of a value with every secret field (see {@link isSecretField}) masked, whatever
 * it nests, for showing a stored grant to a person or writing it to a log. The input is left
 * alone. Non-plain objects (Date, Map…) are kept as they are.
 *
 * @example
 * ```ts
 * redact({ apiKey: 'a1b2', tokenSecret: 'e9a5c0de77f1', user: { id: '42' } });
 * // { apiKey: 'a1b2', tokenSecret: '••••', user: { id: '42' } }
 * redact({ authToken: 'e9a5c0de77f1' }, { keepLast: 4 }); // { authToken: '••••77f1' }
 * ```
 */
export function redact<T>(value: T, options: RedactOptions = {}): T {
  const keepLast = Math.max(0, Math.floor(options.keepLast ?? 0));
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v !== 'object' || v === null) return v;
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) return v;
    // fromEntries defines each field: assigning `out['__proto__']` would set a prototype instead.
    return Object.fromEntries(
      Object.entries(v).map(([k, field]) => [k, isSecretField(k) ? mask(field, keepLast) : walk(field)]),
    );
  };
  return walk(value) as T;
}

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/**
 * Gives a value read from a store a hidden (non-enumerable, symbol-keyed) `util.inspect` hook that
 * prints it redacted, so `console.log(await store.get(key))` shows no secret. Spreading,
 * `structuredClone` and `JSON.stringify` do not see the hook: the data itself is unchanged.
 * For writers of a `CredentialStore`: guard every value your `get` and `update` return.
 *
 * @example
 * ```ts
 * const value = guarded({ apiKey: 'k', secret: 's' });
 * util.inspect(value); // "{ apiKey: 'k', secret: '••••' }"
 * ```
 */
export function guarded<T extends object>(value: T): T {
  if (!Object.hasOwn(value, INSPECT)) {
    Object.defineProperty(value, INSPECT, {
      value(_depth: number, options: object, inspect: (v: unknown, o: object) => string): string {
        return inspect(redact({ ...this }), options);
      },
      enumerable: false,
    });
  }
  return value;
}

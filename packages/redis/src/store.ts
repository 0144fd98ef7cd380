import { InvalidOptionError } from '@authplug/core';
import {
  assertKey,
  assertValue,
  type CredentialStore,
  type CredentialValue,
  guarded,
} from '@authplug/credentials';
import {
  type Connection,
  connect,
  type RedisConnectionOptions,
  type RedisTimingOptions,
} from './connection.ts';
import { StoreConflictError } from './errors.ts';
import { script } from './script.ts';

const PKG = '@authplug/redis';

/**
 * Options of {@link redisStore}.
 *
 * @example
 * ```ts
 * const options: RedisStoreOptions = { prefix: 'myapp:authplug:', timeoutMs: 1_000 };
 * ```
 */
export interface RedisStoreOptions extends RedisTimingOptions {
  /** Prepended to every Redis key this store writes. Default `authplug:`. */
  prefix?: string;
  /** How many times `update` retries after losing a compare-and-set race. Default 200. */
  maxUpdateAttempts?: number;
}

/**
 * A {@link CredentialStore} in Redis, plus `close()` (which disconnects the client the store
 * created from a URL, and does nothing to a client you passed).
 *
 * @example
 * ```ts
 * const store: RedisStore = redisStore({ url: 'redis://127.0.0.1:6379' });
 * await store.close();
 * ```
 */
export interface RedisStore extends CredentialStore {
  readonly writable: true;
  /** `host:port` of the server. */
  readonly target: string;
  /** Disconnects the client the store created (a client you passed in stays open). */
  close(): Promise<void>;
}

// Replaces the value only if it is still byte for byte what the caller read (ARGV[1] = '1' when
// it read one, ARGV[2] = that text), so an update never overwrites a write it did not see.
// Comparing the whole value rather than a version number keeps the stored value a plain JSON
// string (GET shows it, other tools can read it), and an A→B→A change in between is harmless:
// the function saw A and the key holds A.
const CAS = `
local current = redis.call('GET', KEYS[1])
if ARGV[1] == '1' then
  if current ~= ARGV[2] then return 0 end
elseif current then
  return 0
end
if ARGV[3] == '1' then
  redis.call('SET', KEYS[1], ARGV[4])
else
  redis.call('DEL', KEYS[1])
end
return 1
`;
const cas = script(CAS);

/** Escapes SCAN MATCH's glob characters. */
const globEscape = (text: string): string => text.replace(/[*?[\]\\]/g, '\\$&');

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A credential store in Redis, shared by every process and host that points at the same server
 * and prefix. Each credential is one Redis string, the value's JSON, under
 * `<prefix>cred:<key>` (so `authplug:cred:ipernity/default`). `list` walks SCAN (never KEYS).
 * `update` is atomic across processes and hosts: it reads, runs your function, and writes with a
 * compare-and-set script that succeeds only if nobody wrote in between, else it retries with
 * jittered backoff.
 *
 * When Redis is unreachable or slow, every method rejects with `StoreUnavailableError` (host and
 * port, never the password) after at most `timeoutMs`; the same store works again once Redis is
 * back. `rediss://` URLs use TLS; a URL's user and password are handed to the client.
 *
 * @example
 * ```ts
 * import { redisStore } from '@authplug/redis';
 * import { ipernity } from '@authplug/ipernity';
 *
 * const store = redisStore({ url: process.env.REDIS_URL! });
 * const auth = ipernity({ store, profile: 'default' });
 * // … on shutdown
 * await store.close();
 * ```
 */
export function redisStore(where: RedisConnectionOptions, options: RedisStoreOptions = {}): RedisStore {
  const prefix = `${options.prefix ?? 'authplug:'}cred:`;
  const maxAttempts = options.maxUpdateAttempts ?? 200;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
    throw new InvalidOptionError(PKG, 'maxUpdateAttempts', 'must be a positive integer.');
  }
  const conn: Connection = connect(where, options);
  const redisKey = (key: string): string => prefix + key;
  const parse = <T extends CredentialValue>(text: string | null): T | undefined =>
    text === null ? undefined : (JSON.parse(text) as T);

  return {
    writable: true,
    target: conn.target,
    async get<T extends CredentialValue>(key: string) {
      assertKey(key);
      const value = parse<T>(await conn.command<string | null>(['GET', redisKey(key)], 'read a credential'));
      return value === undefined ? undefined : guarded(value);
    },
    async set(key, value) {
      assertKey(key);
      assertValue(key, value);
      await conn.command(['SET', redisKey(key), JSON.stringify(value)], 'write a credential');
    },
    async delete(key) {
      assertKey(key);
      return (await conn.command<number>(['DEL', redisKey(key)], 'delete a credential')) > 0;
    },
    async list(listPrefix = '') {
      const found = new Set<string>();
      let cursor = '0';
      do {
        const [next, keys] = await conn.command<[string, string[]]>(
          ['SCAN', cursor, 'MATCH', `${globEscape(prefix + listPrefix)}*`, 'COUNT', '1000'],
          'list credentials',
        );
        for (const k of keys) found.add(k.slice(prefix.length));
        cursor = next;
      } while (cursor !== '0');
      return [...found].sort();
    },
    async update<T extends CredentialValue>(
      key: string,
      fn: (current: T | undefined) => T | undefined | Promise<T | undefined>,
    ) {
      assertKey(key);
      const k = redisKey(key);
      for (let attempt = 1; ; attempt++) {
        const before = await conn.command<string | null>(['GET', k], 'read a credential');
        const current = parse<T>(before);
        const next = await fn(current === undefined ? undefined : guarded(current));
        if (next !== undefined) assertValue(key, next);
        const text = next === undefined ? undefined : JSON.stringify(next);
        // Nothing to change (a lease poll that finds the lease taken): no write, no race.
        if (text === (before ?? undefined)) return next === undefined ? undefined : guarded(parse<T>(text!)!);
        const won = await cas(
          conn,
          [k],
          [before === null ? '0' : '1', before ?? '', text === undefined ? '0' : '1', text ?? ''],
          'update a credential',
        );
        if (won === 1) return text === undefined ? undefined : guarded(parse<T>(text)!);
        if (attempt >= maxAttempts) throw new StoreConflictError(key, attempt);
        // The first retries go at once (the loser usually wins the next round); then back off
        // with jitter so a crowd of writers spreads out instead of colliding again.
        if (attempt > 2) await sleep(Math.random() * Math.min(2 ** (attempt - 2), 50));
      }
    },
    close: () => conn.close(),
  };
}

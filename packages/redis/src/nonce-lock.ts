import { digests, InvalidOptionError, randomNonce } from '@authplug/core';
import {
  type Connection,
  connect,
  type RedisClientLike,
  type RedisConnectionOptions,
  type RedisTimingOptions,
} from './connection.ts';
import { script } from './script.ts';

const PKG = '@authplug/redis';

/**
 * Releases a held lease. Safe to call more than once. (The same shape as `@authplug/safecreative`'s
 * `ReleaseNonceLock`, restated here so this package does not depend on it.)
 *
 * @example
 * ```ts
 * const release: ReleaseLease = await lock.acquire(authKey, { holdMs: 30_000 });
 * await release();
 * ```
 */
export type ReleaseLease = () => Promise<void>;

/**
 * Options of {@link redisNonceLock}.
 *
 * @example
 * ```ts
 * const options: RedisNonceLockOptions = { prefix: 'myapp:authplug:', leaseMs: 3_000 };
 * ```
 */
export interface RedisNonceLockOptions extends RedisTimingOptions {
  /** Prepended to the Redis keys and channel the lock uses. Default `authplug:`. */
  prefix?: string;
  /**
   * The lease's time to live in Redis, renewed every third of it while its holder is alive, so
   * a lease whose process died lapses within this time (or `holdMs`, if shorter). A live holder
   * stops renewing `holdMs` after it acquired, so a call that never gets an answer cannot hold
   * the authkey for longer than that either. Default 5 000 ms.
   */
  leaseMs?: number;
}

/**
 * A `NonceLock` for `@authplug/safecreative` (its `nonceLock` option), plus `close()` for the
 * connections it opened.
 *
 * @example
 * ```ts
 * const lock: RedisNonceLock = redisNonceLock({ url: 'redis://127.0.0.1:6379' });
 * ```
 */
export interface RedisNonceLock {
  /** Waits for the authkey's lease (woken when it is released) and resolves with its release. */
  acquire(
    authKey: string,
    options: { holdMs: number; signal?: AbortSignal | undefined },
  ): Promise<ReleaseLease>;
  /** Closes the subscriber connection, and the main one when it was made from a URL. */
  close(): Promise<void>;
}

// Deletes the lease only when it is still this holder's (its random token), and tells waiters.
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('DEL', KEYS[1])
  redis.call('PUBLISH', KEYS[2], ARGV[2])
  return 1
end
return 0
`;
// Extends the lease only while it is still this holder's.
const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
`;
const release = script(RELEASE);
const renew = script(RENEW);

/**
 * Serializes Safe Creative's nonce-consuming calls across processes and hosts through Redis: one
 * lease per authkey, taken with `SET NX PX` and a random token, renewed while its holder is
 * alive, and deleted only by its holder (a compare-and-delete script). Waiters subscribe to a
 * channel the release publishes on, so they wake as soon as the lease is free instead of polling;
 * they also retry when the lease's time to live runs out (its holder died). The authkey is a
 * secret, so the Redis key holds its SHA-256, never the authkey.
 *
 * Keys: `<prefix>nonce:<sha256(authKey)>`; channel `<prefix>nonce-released`.
 *
 * @example
 * ```ts
 * import { redisNonceLock, redisStore } from '@authplug/redis';
 * import { safecreative } from '@authplug/safecreative';
 *
 * const where = { url: process.env.REDIS_URL! };
 * const auth = safecreative({ store: redisStore(where), nonceLock: redisNonceLock(where) });
 * ```
 */
export function redisNonceLock(
  where: RedisConnectionOptions,
  options: RedisNonceLockOptions = {},
): RedisNonceLock {
  const prefix = options.prefix ?? 'authplug:';
  const leaseMs = options.leaseMs ?? 5_000;
  if (!Number.isFinite(leaseMs) || leaseMs < 30) {
    throw new InvalidOptionError(PKG, 'leaseMs', 'must be a number of milliseconds, at least 30.');
  }
  const channel = `${prefix}nonce-released`;
  const conn: Connection = connect(where, options);
  const waiting = new Map<string, Set<() => void>>();
  let subscriber: (Connection & { readonly client: RedisClientLike }) | undefined;
  let subscribed: Promise<boolean> | undefined;

  // One subscription per lock object, shared by every waiter; a failed one is retried by the
  // next waiter, and meanwhile waiters still wake when the lease's time to live runs out.
  const subscribe = (): Promise<boolean> => {
    subscribed ??= (async () => {
      subscriber ??= conn.duplicate();
      await subscriber.command(['PING'], 'subscribe to lease releases');
      await subscriber.client.subscribe(channel, (id) => {
        for (const wake of waiting.get(id) ?? []) wake();
      });
      return true;
    })().catch(() => {
      subscribed = undefined;
      return false;
    });
    return subscribed;
  };

  return {
    async acquire(authKey, { holdMs, signal }) {
      const id = await digests.hash('sha256', authKey);
      const key = `${prefix}nonce:${id}`;
      const token = randomNonce(16);
      const ttl = Math.max(1, Math.min(holdMs, leaseMs));
      await subscribe();
      for (;;) {
        signal?.throwIfAborted();
        // Listen before trying, so a release between the failed SET and the wait is not missed.
        let wake!: () => void;
        const woken = new Promise<void>((resolve) => {
          wake = resolve;
        });
        const set = waiting.get(id) ?? new Set();
        waiting.set(id, set);
        set.add(wake);
        try {
          const taken = await conn.command<string | null>(
            ['SET', key, token, 'NX', 'PX', String(ttl)],
            'take the nonce lease',
          );
          if (taken === 'OK') return held(key, id, token, ttl, holdMs);
          const left = await conn.command<number>(['PTTL', key], 'read the nonce lease');
          // -2: released in between; -1 cannot happen (leases always expire) but must not stall.
          const wait = left > 0 ? left + 1 : 1;
          let timer: ReturnType<typeof setTimeout> | undefined;
          let onAbort: (() => void) | undefined;
          await Promise.race([
            woken,
            new Promise<void>((resolve) => {
              timer = setTimeout(resolve, wait);
            }),
            new Promise<void>((resolve) => {
              onAbort = resolve;
              signal?.addEventListener('abort', onAbort, { once: true });
            }),
          ]);
          clearTimeout(timer);
          if (onAbort) signal?.removeEventListener('abort', onAbort);
        } finally {
          set.delete(wake);
          if (set.size === 0 && waiting.get(id) === set) waiting.delete(id);
        }
      }
    },
    async close() {
      await subscriber?.close();
      await conn.close();
    },
  };

  function held(key: string, id: string, token: string, ttl: number, holdMs: number): ReleaseLease {
    const until = Date.now() + holdMs;
    const timer = setInterval(() => {
      const left = until - Date.now();
      if (left <= 0) return clearInterval(timer);
      renew(conn, [key], [token, String(Math.min(ttl, left))], 'renew the nonce lease').catch(
        () => undefined,
      );
    }, ttl / 3);
    timer.unref?.();
    let done: Promise<void> | undefined;
    return () => {
      done ??= (async () => {
        clearInterval(timer);
        await release(conn, [key, channel], [token, id], 'release the nonce lease');
      })();
      return done;
    };
  }
}

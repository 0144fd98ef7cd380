import { randomNonce } from '@authplug/core';
import type { CredentialStore } from '@authplug/credentials';
import { sleep } from './sleep.ts';

/**
 * Releases a held authkey. Safe to call more than once.
 *
 * @example
 * ```ts
 * const release: ReleaseNonceLock = await lock.acquire(authKey, { holdMs: 30_000 });
 * await release();
 * ```
 */
export type ReleaseNonceLock = () => Promise<void>;

/**
 * The seam for serializing nonce-consuming calls across processes (or machines). `acquire`
 * resolves once the caller alone may fetch and spend the authkey's nonce; the caller releases
 * when the provider has answered. A holder that never releases (a crashed process, a request
 * that never got an answer) must lose the lock after `holdMs`.
 *
 * The default, {@link storeNonceLock}, leases through the credential store's atomic `update`,
 * which the file store makes atomic across processes. A deployment with a shared lock service
 * (Redis, a database advisory lock) passes its own as the `nonceLock` option.
 *
 * @example
 * ```ts
 * const nonceLock: NonceLock = {
 *   async acquire(authKey, { holdMs }) {
 *     const lease = await redisLock.acquire(`safecreative:${authKey}`, holdMs);
 *     return () => lease.release();
 *   },
 * };
 * ```
 */
export interface NonceLock {
  /** Waits until this process holds `authKey`, for at most `holdMs`; resolves to the release. */
  acquire(
    authKey: string,
    options: { holdMs: number; signal?: AbortSignal | undefined },
  ): Promise<ReleaseNonceLock>;
}

/**
 * A lease kept in a credential store under `safecreative-nonce/<authKey>`: `{ owner, expires }`,
 * taken and given back with the store's atomic `update`. Waiters poll every `pollMs` (with
 * jitter). A lease older than `holdMs` is taken over, so a crashed holder cannot block others.
 *
 * @example
 * ```ts
 * const lock = storeNonceLock(fileStore());
 * const release = await lock.acquire(authKey, { holdMs: 30_000 });
 * try { … } finally { await release(); }
 * ```
 */
export function storeNonceLock(store: CredentialStore, { pollMs = 5 }: { pollMs?: number } = {}): NonceLock {
  return {
    async acquire(authKey, { holdMs, signal }) {
      const key = `safecreative-nonce/${authKey}`;
      const owner = randomNonce(8);
      for (;;) {
        signal?.throwIfAborted();
        let taken = false;
        await store.update<{ owner?: string; expires?: number }>(key, (lease) => {
          const now = Date.now();
          if (
            lease?.owner &&
            lease.owner !== owner &&
            typeof lease.expires === 'number' &&
            lease.expires > now
          ) {
            return lease;
          }
          taken = true;
          return { owner, expires: now + holdMs };
        });
        if (taken) {
          let released = false;
          return async () => {
            if (released) return;
            released = true;
            await store.update<{ owner?: string }>(key, (lease) =>
              lease?.owner === owner ? undefined : lease,
            );
          };
        }
        await sleep(pollMs + Math.random() * pollMs, signal);
      }
    },
  };
}

/**
 * In-process serialization per authkey, shared by every strategy in the process (a module-level
 * queue), so two strategies on the same authkey never hold its nonce at the same time. A hold
 * is released by its holder, or automatically after `holdMs`.
 */
const tails = new Map<string, Promise<void>>();

export function acquireLocal(
  authKey: string,
  holdMs: number,
  signal?: AbortSignal,
): Promise<ReleaseNonceLock> {
  const previous = tails.get(authKey) ?? Promise.resolve();
  let free!: () => void;
  const mine = new Promise<void>((resolve) => {
    free = resolve;
  });
  const tail = previous.then(() => mine);
  tails.set(authKey, tail);
  let released = false;
  const release = async (): Promise<void> => {
    if (released) return;
    released = true;
    clearTimeout(timer);
    free();
    if (tails.get(authKey) === tail) tails.delete(authKey);
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  return new Promise<ReleaseNonceLock>((resolve, reject) => {
    const onAbort = () => {
      void release();
      reject(signal?.reason);
    };
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    void previous.then(() => {
      signal?.removeEventListener('abort', onAbort);
      if (released) return;
      timer = setTimeout(() => void release(), holdMs);
      (timer as { unref?: () => void }).unref?.();
      resolve(release);
    });
  });
}

import type { CredentialStore, CredentialValue } from './store.ts';

/**
 * A store in process memory: for tests, and for tokens that must not touch the disk. Values are
 * copied in and out (structuredClone), so a caller never mutates what the store holds.
 *
 * @example
 * ```ts
 * const store = memoryStore({ 'historypin/default': { apiKey: 'k', apiSecret: 's' } });
 * ```
 */
export function memoryStore(initial: Record<string, CredentialValue> = {}): CredentialStore {
  const data = new Map<string, CredentialValue>(Object.entries(structuredClone(initial)));
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };
  return {
    writable: true,
    async get<T extends CredentialValue>(key: string) {
      const value = data.get(key);
      return value === undefined ? undefined : (structuredClone(value) as T);
    },
    async set(key, value) {
      await serial(async () => void data.set(key, structuredClone(value)));
    },
    async delete(key) {
      return serial(async () => data.delete(key));
    },
    async list(prefix = '') {
      return [...data.keys()].filter((k) => k.startsWith(prefix)).sort();
    },
    update<T extends CredentialValue>(
      key: string,
      fn: (current: T | undefined) => T | undefined | Promise<T | undefined>,
    ) {
      return serial(async () => {
        const current = data.get(key);
        const next = await fn(current === undefined ? undefined : (structuredClone(current) as T));
        if (next === undefined) data.delete(key);
        else data.set(key, structuredClone(next));
        return next === undefined ? undefined : structuredClone(next);
      });
    },
  };
}

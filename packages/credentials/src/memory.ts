import { assertKey, assertValue } from './check.ts';
import { guarded } from './redact.ts';
import type { CredentialStore, CredentialValue } from './store.ts';

/**
 * A store in process memory: for tests, and for tokens that must not touch the disk. Values are
 * copied in and out (structuredClone), so a caller never mutates what the store holds. Data lives
 * in a closure: `util.inspect(store)` and `JSON.stringify(store)` show no value, and values read
 * back print redacted in `util.inspect`.
 *
 * @example
 * ```ts
 * const store = memoryStore({ 'historypin/default': { apiKey: 'k', apiSecret: 's' } });
 * ```
 */
export function memoryStore(initial: Record<string, CredentialValue> = {}): CredentialStore {
  for (const [key, value] of Object.entries(initial)) assertValue(key, value);
  const data = new Map<string, CredentialValue>(Object.entries(structuredClone(initial)));
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };
  const out = <T extends CredentialValue>(value: CredentialValue | undefined): T | undefined =>
    value === undefined ? undefined : guarded(structuredClone(value) as T);
  return {
    writable: true,
    async get<T extends CredentialValue>(key: string) {
      assertKey(key);
      return out<T>(data.get(key));
    },
    async set(key, value) {
      assertKey(key);
      assertValue(key, value);
      const copy = structuredClone(value);
      await serial(async () => void data.set(key, copy));
    },
    async delete(key) {
      assertKey(key);
      return serial(async () => data.delete(key));
    },
    async list(prefix = '') {
      return [...data.keys()].filter((k) => k.startsWith(prefix)).sort();
    },
    async update<T extends CredentialValue>(
      key: string,
      fn: (current: T | undefined) => T | undefined | Promise<T | undefined>,
    ) {
      assertKey(key);
      return serial(async () => {
        const next = await fn(out<T>(data.get(key)));
        if (next === undefined) {
          data.delete(key);
          return undefined;
        }
        assertValue(key, next);
        data.set(key, structuredClone(next));
        return out<T>(next);
      });
    },
  };
}

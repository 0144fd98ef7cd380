import { InvalidOptionError } from '@authplug/core';
import { assertKey, assertValue } from './check.ts';
import { ReadOnlyStoreError } from './errors.ts';
import { guarded } from './redact.ts';
import type { CredentialStore, CredentialValue } from './store.ts';

const same = (a: unknown, b: unknown): boolean => a === b || JSON.stringify(a) === JSON.stringify(b);

/**
 * Several stores seen as one, earlier stores first (`chainStore(envStore(), fileStore())`).
 *
 * - `get` returns the first store's value that has the key. When later stores hold the same key
 *   too, their fields fill in the ones it lacks (earlier stores win field by field), so an app's
 *   keys from the environment and the token a flow saved to the file come back as one value.
 * - `set` and `update` write to the first writable store, leaving out fields that a read-only
 *   store before it already supplies with the same value (a secret from the environment is
 *   never copied to disk). `update`'s function sees the merged value, and `update` returns it.
 * - `delete` removes the key from every writable store (so a later one does not bring it back);
 *   what read-only stores supply stays visible.
 * - `list` merges every store's keys. `writable` is true when any store is.
 *
 * @example
 * ```ts
 * const store = chainStore(envStore(), fileStore());
 * const { apiKey, authToken } = (await store.get('ipernity/default')) ?? {};
 * ```
 */
export function chainStore(...stores: CredentialStore[]): CredentialStore {
  if (stores.length === 0 || !stores.every((s) => typeof s?.get === 'function')) {
    throw new InvalidOptionError('@authplug/credentials', 'stores', 'must be one or more CredentialStore.');
  }
  const index = stores.findIndex((s) => s.writable);
  const target = index === -1 ? undefined : stores[index];
  const above = index === -1 ? [] : stores.slice(0, index);
  const below = index === -1 ? [] : stores.slice(index + 1);

  const merged = async (
    list: readonly CredentialStore[],
    key: string,
  ): Promise<CredentialValue | undefined> => {
    const values = await Promise.all(list.map((s) => s.get(key)));
    let out: CredentialValue | undefined;
    for (const value of values.reverse()) if (value !== undefined) out = { ...out, ...value };
    return out;
  };
  const writer = (): CredentialStore => {
    if (target === undefined) throw new ReadOnlyStoreError(`chainStore (${stores.length} read-only stores)`);
    return target;
  };
  /** What the writable store should hold so that the chain shows `value`. */
  const own = (value: CredentialValue, supplied: CredentialValue | undefined): CredentialValue => {
    if (supplied === undefined) return value;
    // fromEntries defines fields, where `out[field] = v` would turn a `__proto__` field into
    // the object's prototype and drop it.
    return Object.fromEntries(
      Object.entries(value).filter(
        ([field, v]) => !(Object.hasOwn(supplied, field) && same(supplied[field], v)),
      ),
    );
  };

  return {
    writable: target !== undefined,
    async get<T extends CredentialValue>(key: string) {
      assertKey(key);
      const value = await merged(stores, key);
      return value === undefined ? undefined : guarded(value as T);
    },
    async set(key, value) {
      assertKey(key);
      assertValue(key, value);
      const store = writer();
      await store.set(key, own(value, await merged(above, key)));
    },
    async delete(key) {
      assertKey(key);
      writer();
      const results = await Promise.all(stores.filter((s) => s.writable).map((s) => s.delete(key)));
      return results.includes(true);
    },
    async list(prefix = '') {
      const keys = await Promise.all(stores.map((s) => s.list(prefix)));
      return [...new Set(keys.flat())].sort();
    },
    async update<T extends CredentialValue>(
      key: string,
      fn: (current: T | undefined) => T | undefined | Promise<T | undefined>,
    ) {
      assertKey(key);
      const store = writer();
      let result: CredentialValue | undefined;
      await store.update(key, async (current) => {
        const [high, low] = await Promise.all([merged(above, key), merged(below, key)]);
        // Spread, not Object.assign: assigning a stored `__proto__` field would set the view's
        // prototype to stored data instead of showing the field.
        const view = low || current || high ? ({ ...low, ...current, ...high } as T) : undefined;
        const next = await fn(view === undefined ? undefined : guarded(view));
        if (next === undefined) {
          result = high || low ? { ...low, ...high } : undefined;
          return undefined;
        }
        assertValue(key, next);
        result = { ...low, ...next, ...high };
        return own(next, high);
      });
      return result === undefined ? undefined : guarded(structuredClone(result) as T);
    },
  };
}

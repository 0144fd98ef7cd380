// The CredentialStore contract, as one function any package's tests can run on its stores:
// read-side cases on every store, write-side cases on the writable ones, and a read-only store
// must refuse writes with a typed error.
import { inspect } from 'node:util';
import { InvalidOptionError } from '@authplug/core';
import { describe, expect, it } from 'vitest';
import { CredentialsNotFoundError, InvalidCredentialsError, ReadOnlyStoreError } from '../src/errors.ts';
import { credentialSource } from '../src/source.ts';
import type { CredentialStore, CredentialValue } from '../src/store.ts';

export type Seed = Record<string, Record<string, string>>;

export interface ContractAdapter {
  name: string;
  writable: boolean;
  /** A store holding exactly `seed`. */
  make: (seed: Seed) => Promise<CredentialStore>;
}

export const SEED: Seed = {
  'ipernity/default': { apiKey: 'ip-key-1', secret: 'ip-secret-hush-1', authToken: 'ip-token-hush-1' },
  'oauth1/work': {
    consumerKey: 'ck-1',
    consumerSecret: 'cs-hush-1',
    token: 'tok-hush-1',
    tokenSecret: 'ts-hush-1',
  },
  'historypin/default': { apiKey: 'hp-key-1', apiSecret: 'hp-secret-hush-1' },
  'safecreative/default': {
    sharedKey: 'sk-1',
    privateKey: 'pk-hush-1',
    authKey: 'ak-hush-1',
    authPrivateKey: 'apk-hush-1',
  },
};
export const SECRETS: string[] = Object.values(SEED).flatMap((v) =>
  Object.values(v).filter((s) => s.includes('hush')),
);

export async function seedWritable(store: CredentialStore, seed: Seed): Promise<CredentialStore> {
  for (const [key, value] of Object.entries(seed)) await store.set(key, value);
  return store;
}

export function storeContract(adapters: ContractAdapter[]): void {
  describe.each(adapters)('$name: the CredentialStore contract', ({ name, writable, make }) => {
    it('reports whether it can write', async () => {
      expect((await make({})).writable).toBe(writable);
    });

    it('returns undefined for a key it does not hold', async () => {
      const store = await make(SEED);
      expect(await store.get('ipernity/other')).toBeUndefined();
      expect(await store.get('nothing/default')).toBeUndefined();
    });

    it('returns what it holds, field for field', async () => {
      const store = await make(SEED);
      for (const [key, value] of Object.entries(SEED)) expect(await store.get(key)).toEqual(value);
    });

    it('lists its keys sorted, optionally under a prefix', async () => {
      const store = await make(SEED);
      expect(await store.list()).toEqual(Object.keys(SEED).sort());
      expect(await store.list('ipernity/')).toEqual(['ipernity/default']);
      expect(await store.list('zzz')).toEqual([]);
    });

    it('hands out copies: mutating a value read does not change the store', async () => {
      const store = await make(SEED);
      const value = (await store.get('historypin/default')) as CredentialValue;
      value['apiKey'] = 'changed';
      expect(await store.get('historypin/default')).toEqual(SEED['historypin/default']);
    });

    it('shows no secret in util.inspect or JSON.stringify of the store, nor in inspect of a value read', async () => {
      const store = await make(SEED);
      const shown = [inspect(store, { depth: 10, showHidden: true }), JSON.stringify(store) ?? ''];
      for (const key of Object.keys(SEED)) shown.push(inspect(await store.get(key), { depth: 10 }));
      for (const secret of SECRETS) for (const text of shown) expect(text).not.toContain(secret);
      // the value itself is intact for code that uses it
      expect(JSON.stringify(await store.get('oauth1/work'))).toContain('ts-hush-1');
    });

    it('feeds credentialSource: fields on every call, typed errors without secrets', async () => {
      const store = await make(SEED);
      const source = credentialSource<{ consumerKey: string; consumerSecret: string; tokenSecret: string }>(
        '@authplug/test',
        'oauth1',
        { store, profile: 'work' },
        { required: ['consumerKey', 'consumerSecret', 'tokenSecret'] },
      );
      expect(await source()).toMatchObject({ consumerSecret: 'cs-hush-1', tokenSecret: 'ts-hush-1' });

      const missing = credentialSource('@authplug/test', 'oauth1', { store }, { required: ['consumerKey'] });
      await expect(missing()).rejects.toBeInstanceOf(CredentialsNotFoundError);

      const lacking = credentialSource(
        '@authplug/test',
        'ipernity',
        { store },
        { required: ['apiKey', 'nope'] },
      );
      const error = await lacking().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidCredentialsError);
      expect(error).toMatchObject({
        code: 'AUTHPLUG_INVALID_CREDENTIALS',
        key: 'ipernity/default',
        field: 'nope',
      });
      const shown = [String(error), JSON.stringify(error), inspect(error, { depth: 10, showHidden: true })];
      for (const secret of SECRETS) for (const text of shown) expect(text).not.toContain(secret);
    });

    if (!writable) {
      it('refuses every write with ReadOnlyStoreError', async () => {
        const store = await make(SEED);
        for (const write of [
          () => store.set('a/b', { x: '1' }),
          () => store.delete('ipernity/default'),
          () => store.update('a/b', () => ({ x: '1' })),
        ]) {
          await expect(write()).rejects.toBeInstanceOf(ReadOnlyStoreError);
          await expect(write()).rejects.toMatchObject({ code: 'AUTHPLUG_READ_ONLY_STORE' });
        }
        expect(await store.get('ipernity/default')).toEqual(SEED['ipernity/default']);
      });
      return;
    }

    it('sets, overwrites and deletes', async () => {
      const store = await make({});
      await store.set('demo/default', { apiKey: 'a', nested: { user: { id: 42 } }, list: [1, 'two'] });
      expect(await store.get('demo/default')).toEqual({
        apiKey: 'a',
        nested: { user: { id: 42 } },
        list: [1, 'two'],
      });
      await store.set('demo/default', { apiKey: 'b' });
      expect(await store.get('demo/default')).toEqual({ apiKey: 'b' });
      expect(await store.delete('demo/default')).toBe(true);
      expect(await store.delete('demo/default')).toBe(false);
      expect(await store.get('demo/default')).toBeUndefined();
      expect(await store.list()).toEqual([]);
    });

    it('stores a copy: changing the object after set changes nothing', async () => {
      const store = await make({});
      const value = { apiKey: 'a' };
      await store.set('demo/default', value);
      value.apiKey = 'changed';
      expect(await store.get('demo/default')).toEqual({ apiKey: 'a' });
    });

    it('updates atomically: creates, modifies, returns the new value, deletes on undefined', async () => {
      const store = await make(SEED);
      const seen: unknown[] = [];
      const created = await store.update<{ count: number }>('demo/counter', (v) => {
        seen.push(v);
        return { count: (v?.count ?? 0) + 1 };
      });
      expect(seen).toEqual([undefined]);
      expect(created).toEqual({ count: 1 });
      expect(
        await store.update<{ count: number }>('demo/counter', (v) => ({ count: (v?.count ?? 0) + 1 })),
      ).toEqual({
        count: 2,
      });
      expect(await store.get('demo/counter')).toEqual({ count: 2 });
      const grant = await store.update('ipernity/default', (v) => ({ ...v, authToken: 'ip-token-2' }));
      expect(grant).toEqual({ ...SEED['ipernity/default'], authToken: 'ip-token-2' });
      expect(await store.update('demo/counter', () => undefined)).toBeUndefined();
      expect(await store.get('demo/counter')).toBeUndefined();
      expect(await store.list()).toEqual(Object.keys(SEED).sort());
    });

    it('never interleaves concurrent updates in one process (50 at once)', async () => {
      const store = await make({});
      await Promise.all(
        Array.from({ length: 50 }, () =>
          store.update<{ count: number }>('demo/counter', async (v) => {
            await new Promise((r) => setTimeout(r, Math.random() * 2));
            return { count: (v?.count ?? 0) + 1 };
          }),
        ),
      );
      expect(await store.get('demo/counter')).toEqual({ count: 50 });
    });

    it('keeps the old value when the update function throws, and rethrows its error', async () => {
      const store = await make(SEED);
      const boom = new Error('boom');
      await expect(
        store.update('historypin/default', (v) => {
          if (v) v['apiKey'] = 'half-written';
          throw boom;
        }),
      ).rejects.toBe(boom);
      expect(await store.get('historypin/default')).toEqual(SEED['historypin/default']);
    });

    it('rejects values that are not plain objects, and empty keys, with typed errors', async () => {
      const store = await make({});
      for (const bad of [null, 'text', 42, ['a'], new Date()]) {
        await expect(store.set('demo/default', bad as never)).rejects.toBeInstanceOf(InvalidOptionError);
      }
      await expect(store.update('demo/default', () => ['a'] as never)).rejects.toBeInstanceOf(
        InvalidOptionError,
      );
      await expect(store.get('')).rejects.toMatchObject({ code: 'AUTHPLUG_INVALID_OPTION', option: 'key' });
      await expect(store.set('', {})).rejects.toMatchObject({ code: 'AUTHPLUG_INVALID_OPTION' });
      expect(await store.list()).toEqual([]);
      expect(name).toBeTruthy();
    });
  });
}

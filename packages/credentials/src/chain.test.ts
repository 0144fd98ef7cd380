import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidOptionError } from '@authplug/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chainStore } from './chain.ts';
import { envStore } from './env.ts';
import { ReadOnlyStoreError } from './errors.ts';
import { fileStore } from './file.ts';
import { memoryStore } from './memory.ts';
import { credentialSource } from './source.ts';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'authplug-chain-'));
  file = join(dir, 'credentials.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const env = { AUTHPLUG_IPERNITY_API_KEY: 'env-key', AUTHPLUG_IPERNITY_SECRET: 'env-secret-hush' };

describe('chainStore', () => {
  it('returns the first hit', async () => {
    const store = chainStore(
      memoryStore({ 'a/b': { v: 'first' } }),
      memoryStore({ 'a/b': { v: 'second' }, 'c/d': { v: 'only' } }),
    );
    expect(await store.get('a/b')).toEqual({ v: 'first' });
    expect(await store.get('c/d')).toEqual({ v: 'only' });
    expect(await store.get('e/f')).toBeUndefined();
  });

  it('fills fields the first hit lacks from later stores: app keys from env, the grant from the file', async () => {
    await fileStore({ path: file }).set('ipernity/default', { authToken: 'file-token', apiKey: 'old-key' });
    const store = chainStore(envStore({ env }), fileStore({ path: file }));
    expect(await store.get('ipernity/default')).toEqual({
      apiKey: 'env-key',
      secret: 'env-secret-hush',
      authToken: 'file-token',
    });
  });

  it('writes to the first writable store, never copying what a read-only store before it supplies', async () => {
    const store = chainStore(envStore({ env }), fileStore({ path: file }));
    expect(store.writable).toBe(true);
    // what a flow does: read, add the grant, save
    const seen: unknown[] = [];
    const saved = await store.update('ipernity/default', (v) => {
      seen.push({ ...v });
      return { ...v, authToken: 'new-token', user: { id: '42' } };
    });
    expect(seen).toEqual([{ apiKey: 'env-key', secret: 'env-secret-hush' }]);
    expect(saved).toEqual({
      apiKey: 'env-key',
      secret: 'env-secret-hush',
      authToken: 'new-token',
      user: { id: '42' },
    });
    const onDisk = readFileSync(file, 'utf8');
    expect(JSON.parse(onDisk)).toEqual({
      'ipernity/default': { authToken: 'new-token', user: { id: '42' } },
    });
    expect(onDisk).not.toContain('env-secret-hush');

    await store.set('ipernity/default', { apiKey: 'env-key', secret: 'other-secret', authToken: 't2' });
    expect(JSON.parse(readFileSync(file, 'utf8'))['ipernity/default']).toEqual({
      secret: 'other-secret',
      authToken: 't2',
    });
    // …but the environment still wins on read
    expect(await store.get('ipernity/default')).toEqual({
      apiKey: 'env-key',
      secret: 'env-secret-hush',
      authToken: 't2',
    });
  });

  it('skips read-only stores to find the writable one, and sees later stores in update', async () => {
    const first = memoryStore();
    const later = memoryStore({ 'a/b': { base: 'later' } });
    const store = chainStore(envStore({ env: {} }), first, later);
    await store.update('a/b', (v) => ({ ...v, added: 'yes' }));
    expect(await first.get('a/b')).toEqual({ base: 'later', added: 'yes' });
    expect(await later.get('a/b')).toEqual({ base: 'later' });
  });

  it('deletes from every writable store; what a read-only store supplies stays', async () => {
    const a = memoryStore({ 'ipernity/default': { authToken: 'a' } });
    const b = memoryStore({ 'ipernity/default': { authToken: 'b' } });
    const store = chainStore(envStore({ env }), a, b);
    expect(await store.delete('ipernity/default')).toBe(true);
    expect(await a.get('ipernity/default')).toBeUndefined();
    expect(await b.get('ipernity/default')).toBeUndefined();
    expect(await store.get('ipernity/default')).toEqual({ apiKey: 'env-key', secret: 'env-secret-hush' });
    expect(await store.delete('ipernity/default')).toBe(false);
    // update returning undefined deletes from the writable store only, and returns what stays visible
    await a.set('ipernity/default', { authToken: 'x' });
    expect(await store.update('ipernity/default', () => undefined)).toEqual({
      apiKey: 'env-key',
      secret: 'env-secret-hush',
    });
  });

  // Shrunk by the store battery (test/stores.property.test.ts): Object.assign / `out[k] = v`
  // turned a stored `__proto__` field into the prototype of the value update's function saw.
  it('keeps a `__proto__` field a field through update, with a read-only store above', async () => {
    const store = chainStore(envStore({ env: {} }), fileStore({ path: file }));
    const value = JSON.parse('{"__proto__":{"admin":true},"secret":"s"}') as Record<string, unknown>;
    await store.set('ipernity/default', value);
    let seen: Record<string, unknown> | undefined;
    await store.update('ipernity/default', (current) => {
      seen = current;
      return current;
    });
    expect(Object.getPrototypeOf(seen)).toBe(Object.prototype);
    expect((seen as { admin?: unknown }).admin).toBeUndefined();
    expect(JSON.stringify(seen)).toBe(JSON.stringify(value));
    expect(JSON.stringify(await fileStore({ path: file }).get('ipernity/default'))).toBe(
      JSON.stringify(value),
    );
  });

  it('merges lists', async () => {
    const store = chainStore(
      envStore({ env: { AUTHPLUG_C_API_KEY: 'k' } }),
      memoryStore({ 'b/x': {}, 'a/y': {} }),
      memoryStore({ 'b/x': {}, 'd/z': {} }),
    );
    expect(await store.list()).toEqual(['a/y', 'b/x', 'c/default', 'd/z']);
    expect(await store.list('b/')).toEqual(['b/x']);
  });

  it('is read-only when every store is', async () => {
    const store = chainStore(envStore({ env }), envStore({ env: {} }));
    expect(store.writable).toBe(false);
    await expect(store.set('a/b', {})).rejects.toBeInstanceOf(ReadOnlyStoreError);
    await expect(store.update('a/b', () => ({}))).rejects.toBeInstanceOf(ReadOnlyStoreError);
    await expect(store.delete('a/b')).rejects.toBeInstanceOf(ReadOnlyStoreError);
  });

  it('needs at least one store', () => {
    expect(() => chainStore()).toThrow(InvalidOptionError);
    expect(() => chainStore({} as never)).toThrow(InvalidOptionError);
  });

  it('is the public contract: chainStore(envStore(), fileStore()) feeds a strategy a token another process saved', async () => {
    const reader = chainStore(envStore({ env }), fileStore({ path: file }));
    const credentials = credentialSource<{ apiKey: string; secret: string; authToken?: string }>(
      '@authplug/ipernity',
      'ipernity',
      { store: reader, profile: 'default' },
      { required: ['apiKey', 'secret'], optional: ['authToken'] },
    );
    expect((await credentials()).authToken).toBeUndefined();
    // "another process": a separate store over the same file
    await chainStore(envStore({ env }), fileStore({ path: file })).update('ipernity/default', (v) => ({
      ...v,
      authToken: 'from-the-flow',
    }));
    expect(await credentials()).toEqual({
      apiKey: 'env-key',
      secret: 'env-secret-hush',
      authToken: 'from-the-flow',
    });
  });
});

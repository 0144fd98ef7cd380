import { inspect } from 'node:util';
import { MissingOptionError } from '@authplug/core';
import { expect, it } from 'vitest';
import { memoryStore } from './memory.ts';
import { credentialSource, isStoreOptions } from './source.ts';

type Creds = { apiKey: string; apiSecret: string; authToken?: string };
const fields = { required: ['apiKey', 'apiSecret'], optional: ['authToken'] } as const;

it('validates literal credentials at once and resolves them, redacted in util.inspect', async () => {
  const source = credentialSource<Creds>(
    '@authplug/test',
    'p',
    { apiKey: 'k', apiSecret: 'hush-lit', x: 1 },
    fields,
  );
  const value = await source();
  expect(value).toEqual({ apiKey: 'k', apiSecret: 'hush-lit' });
  expect(inspect(value)).not.toContain('hush-lit');
  expect(() => credentialSource<Creds>('@authplug/test', 'p', { apiKey: 'k' }, fields)).toThrow(
    MissingOptionError,
  );
});

it('reads a store on every call, so a token saved later is picked up', async () => {
  const store = memoryStore({ 'p/default': { apiKey: 'k', apiSecret: 's' } });
  const source = credentialSource<Creds>('@authplug/test', 'p', { store }, fields);
  expect((await source()).authToken).toBeUndefined();
  await store.update('p/default', (v) => ({ ...v, authToken: 't' }));
  expect((await source()).authToken).toBe('t');
});

it('tells store options from literal ones', () => {
  expect(isStoreOptions({ store: memoryStore() })).toBe(true);
  expect(isStoreOptions({ store: 'x', apiKey: 'k' })).toBe(false);
  expect(isStoreOptions({ apiKey: 'k' })).toBe(false);
});

it('checks optional fields like required ones when present, literal or stored', async () => {
  expect(() =>
    credentialSource<Creds>('@authplug/test', 'p', { apiKey: 'k', apiSecret: 's', authToken: '' }, fields),
  ).toThrow(MissingOptionError);
  expect(() =>
    credentialSource<Creds>('@authplug/test', 'p', { apiKey: 'k', apiSecret: 's', authToken: 7 }, fields),
  ).toThrow(/`authToken`/);
  const store = memoryStore({ 'p/default': { apiKey: 'k', apiSecret: 's', authToken: 42 } });
  const source = credentialSource<Creds>('@authplug/test', 'p', { store }, fields);
  await expect(source()).rejects.toMatchObject({
    code: 'AUTHPLUG_INVALID_CREDENTIALS',
    key: 'p/default',
    field: 'authToken',
  });
});

it('takes a plain interface as the credentials type (no index signature)', async () => {
  interface Plain {
    apiKey: string;
    secret: string;
  }
  const source = credentialSource<Plain>(
    '@authplug/test',
    'p',
    { apiKey: 'k', secret: 's' },
    {
      required: ['apiKey', 'secret'],
    },
  );
  const value: Plain = await source();
  expect(value.secret).toBe('s');
});

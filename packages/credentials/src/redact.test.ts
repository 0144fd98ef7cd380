import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { chainStore } from './chain.ts';
import { envStore } from './env.ts';
import { CredentialsNotFoundError, InvalidCredentialsError } from './errors.ts';
import { fileStore } from './file.ts';
import { memoryStore } from './memory.ts';
import { isSecretField, redact } from './redact.ts';
import { credentialSource } from './source.ts';

// Every field an authplug provider stores a secret in, in the spellings users write.
const SECRET_FIELDS = [
  'secret',
  'apiSecret',
  'consumerSecret',
  'tokenSecret',
  'privateKey',
  'authPrivateKey',
  'token',
  'authToken',
  'accessToken',
  'refreshToken',
  'authKey',
  'authkey',
  'password',
  'passphrase',
  'oauth_token',
  'oauth_token_secret',
  'oauth_verifier',
  'AUTH_PRIVATE_KEY',
  'api-secret',
];
const PUBLIC_FIELDS = [
  'apiKey',
  'consumerKey',
  'sharedKey',
  'userId',
  'user',
  'permissions',
  'level',
  'expiresAt',
  'tokenExpiresAt',
  'signatureMethod',
  'usercode',
  'keywords',
];

const dir = mkdtempSync(join(tmpdir(), 'authplug-redact-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('isSecretField', () => {
  it.each(SECRET_FIELDS)('%s is secret', (field) => expect(isSecretField(field)).toBe(true));
  it.each(PUBLIC_FIELDS)('%s is not', (field) => expect(isSecretField(field)).toBe(false));
});

describe('redact', () => {
  it('masks every secret field, however deep, and leaves the rest and the input alone', () => {
    const input = {
      apiKey: 'a1b2',
      tokenSecret: 'e9a5c0de77f1',
      user: { id: '42', password: 'pw-hush' },
      grants: [{ token: 'tok-hush', level: 'ADD' }],
      expiresAt: 1_700_000_000,
    };
    const copy = structuredClone(input);
    expect(redact(input)).toEqual({
      apiKey: 'a1b2',
      tokenSecret: '••••',
      user: { id: '42', password: '••••' },
      grants: [{ token: '••••', level: 'ADD' }],
      expiresAt: 1_700_000_000,
    });
    expect(input).toEqual(copy);
  });

  it('masks non-string secrets whole and keeps empty ones empty', () => {
    expect(
      redact({ token: { a: 1 }, secret: 123, privateKey: '', authToken: null, tokenSecret: undefined }),
    ).toEqual({
      token: '••••',
      secret: '••••',
      privateKey: '',
      authToken: null,
      tokenSecret: undefined,
    });
  });

  it('keeps the last characters on request, only of secrets long enough', () => {
    expect(redact({ authToken: 'e9a5c0de77f1' }, { keepLast: 4 })).toEqual({ authToken: '••••77f1' });
    expect(redact({ authToken: 'short12' }, { keepLast: 4 })).toEqual({ authToken: '••••' });
  });

  it('passes primitives and arrays through', () => {
    expect(redact('text')).toBe('text');
    expect(redact([{ secret: 's' }])).toEqual([{ secret: '••••' }]);
  });

  // Found by the store battery (test/stores.property.test.ts).
  it('shows a stored `__proto__` field as a field, and sets no prototype from data', () => {
    const shown = redact(JSON.parse('{"__proto__":{"secret":"s","id":"1"}}') as Record<string, unknown>);
    expect(Object.getPrototypeOf(shown)).toBe(Object.prototype);
    expect(Object.hasOwn(shown, '__proto__')).toBe(true);
    expect(JSON.stringify(shown)).toBe('{"__proto__":{"secret":"••••","id":"1"}}');
  });
});

describe('no secret field leaks from any store', () => {
  const value: Record<string, string> = {};
  SECRET_FIELDS.forEach((field, i) => {
    value[field] = `hush-${i}-${field}`;
  });
  const env: Record<string, string> = {};
  // envStore only knows SCREAMING_SNAKE names: use the camelCase fields through the explicit form.
  const envable = SECRET_FIELDS.filter((f) => /^[a-z][a-zA-Z]*$/.test(f));
  for (const field of envable)
    env[`AUTHPLUG_P_DEFAULT_${field.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`] = value[field]!;
  const stores = {
    memoryStore: async () => memoryStore({ 'p/default': value }),
    fileStore: async () => {
      const store = fileStore({ path: join(dir, `${Math.random()}.json`) });
      await store.set('p/default', value);
      return store;
    },
    envStore: async () => envStore({ env }),
    chainStore: async () => chainStore(envStore({ env: {} }), memoryStore({ 'p/default': value })),
  };

  it.each(Object.entries(stores))(
    '%s: in util.inspect of the store and of values read, and in errors',
    async (name, make) => {
      const store = await make();
      const secrets = (name === 'envStore' ? envable : SECRET_FIELDS).map((f) => value[f]!);
      const read = await store.get('p/default');
      expect(Object.keys(read!).sort()).toEqual(
        (name === 'envStore' ? envable : SECRET_FIELDS).slice().sort(),
      );
      const updated =
        store.writable && name !== 'chainStore' ? await store.update('p/default', (v) => ({ ...v })) : read;
      const errors = await Promise.all([
        credentialSource('@authplug/test', 'p', { store }, { required: ['missingField'] })().catch(
          (e: unknown) => e,
        ),
        credentialSource('@authplug/test', 'q', { store }, { required: ['secret'] })().catch(
          (e: unknown) => e,
        ),
      ]);
      expect(errors[0]).toBeInstanceOf(InvalidCredentialsError);
      expect(errors[1]).toBeInstanceOf(CredentialsNotFoundError);
      const shown = [
        inspect(store, { showHidden: true, depth: 20 }),
        inspect(read, { depth: 20 }),
        inspect(updated, { depth: 20 }),
        inspect({ nested: { read } }, { depth: 20 }),
        `${read}`,
        ...errors.flatMap((e) => [String(e), JSON.stringify(e), inspect(e, { showHidden: true, depth: 20 })]),
      ];
      for (const secret of secrets) for (const text of shown) expect(text).not.toContain(secret);
      expect(inspect(read)).toContain('••••');
    },
  );
});

// encryptedStore: the CredentialStore contract over memory and file stores, the at-rest format
// checked by decrypting with node:crypto (not with the code under test), tamper detection,
// rotation, and typed errors that never carry plaintext.
import { createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { type ContractAdapter, SECRETS, SEED, storeContract } from '../test/contract-suite.ts';
import { encryptedStore, encryptionKeysFromEnv, generateEncryptionKey } from './encrypted.ts';
import { DecryptionError } from './errors.ts';
import { fileStore } from './file.ts';
import { memoryStore } from './memory.ts';
import type { CredentialStore, CredentialValue } from './store.ts';

const K1 = randomBytes(32).toString('base64');
const K2 = randomBytes(32).toString('base64');
const dirs: string[] = [];
const tempFile = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'authplug-encrypted-'));
  dirs.push(dir);
  return join(dir, 'credentials.json');
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const seeded = async (store: CredentialStore, seed: Record<string, CredentialValue>) => {
  for (const [key, value] of Object.entries(seed)) await store.set(key, value);
  return store;
};
const adapters: ContractAdapter[] = [
  {
    name: 'encryptedStore(memoryStore)',
    writable: true,
    make: (seed) => seeded(encryptedStore(memoryStore(), { keys: { k1: K1 }, current: 'k1' }), seed),
  },
  {
    name: 'encryptedStore(fileStore)',
    writable: true,
    make: (seed) =>
      seeded(encryptedStore(fileStore({ path: tempFile() }), { keys: { k1: K1 }, current: 'k1' }), seed),
  },
];
storeContract(adapters);

/** Opens an envelope with node:crypto, following the format the README documents. */
function openByHand(
  key: string,
  stored: Record<string, unknown>,
  base64Key: string,
): Record<string, unknown> {
  const { $sealed, ...readable } = stored as {
    $sealed: { v: number; kid: string; iv: string; data: string };
  };
  const sorted = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sorted)
      : typeof v === 'object' && v !== null
        ? Object.fromEntries(
            Object.entries(v)
              .sort(([a], [b]) => (a < b ? -1 : 1))
              .map(([k, x]) => [k, sorted(x)]),
          )
        : v;
  const aad = `authplug-sealed:v1\n${key}\n${$sealed.kid}\n${JSON.stringify(sorted(readable))}`;
  const data = Buffer.from($sealed.data, 'base64');
  const decipher = createDecipheriv(
    'aes-256-gcm',
    Buffer.from(base64Key, 'base64'),
    Buffer.from($sealed.iv, 'base64'),
  );
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(data.subarray(-16));
  return JSON.parse(Buffer.concat([decipher.update(data.subarray(0, -16)), decipher.final()]).toString());
}

describe('encryptedStore at rest', () => {
  it('writes no secret to the file; readable fields stay readable; node:crypto opens the envelope', async () => {
    const path = tempFile();
    const store = encryptedStore(fileStore({ path }), { keys: { k1: K1 }, current: 'k1' });
    await seeded(store, SEED);
    await store.set('nested/default', { apiKey: 'n-key', user: { name: 'ada', token: 'nested-hush-1' } });
    const text = readFileSync(path, 'utf8');
    for (const secret of [...SECRETS, 'nested-hush-1']) expect(text).not.toContain(secret);
    const onDisk = JSON.parse(text);
    expect(onDisk['oauth1/work']).toMatchObject({ consumerKey: 'ck-1', $sealed: { v: 1, kid: 'k1' } });
    expect(onDisk['oauth1/work'].consumerSecret).toBeUndefined();
    expect(openByHand('oauth1/work', onDisk['oauth1/work'], K1)).toEqual({
      consumerSecret: 'cs-hush-1',
      token: 'tok-hush-1',
      tokenSecret: 'ts-hush-1',
    });
    // A nested object that holds a secret is sealed whole.
    expect(onDisk['nested/default'].user).toBeUndefined();
    expect(openByHand('nested/default', onDisk['nested/default'], K1)).toEqual({
      user: { name: 'ada', token: 'nested-hush-1' },
    });
  });

  it('detects tampering: a changed ciphertext, a changed readable field, a value moved to another key', async () => {
    const inner = memoryStore();
    const store = encryptedStore(inner, { keys: { k1: K1 }, current: 'k1' });
    await store.set('oauth1/work', SEED['oauth1/work']!);
    const sealed = (await inner.get('oauth1/work'))!;
    const envelope = sealed['$sealed'] as { data: string };
    const flipped = Buffer.from(envelope.data, 'base64');
    flipped[0]! ^= 1;
    const cases: [string, CredentialValue][] = [
      ['oauth1/work', { ...sealed, $sealed: { ...envelope, data: flipped.toString('base64') } }],
      ['oauth1/work', { ...sealed, consumerKey: 'attacker-key' }],
      ['oauth1/other', sealed],
    ];
    for (const [key, value] of cases) {
      await inner.set(key, value);
      const error = await store.get(key).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DecryptionError);
      expect(error).toMatchObject({ code: 'AUTHPLUG_DECRYPTION_FAILED', key, keyId: 'k1', reason: 'failed' });
      const shown = [
        String(error),
        JSON.stringify(error),
        inspect(error, { showHidden: true, depth: 5 }),
      ].join();
      for (const secret of SECRETS) expect(shown).not.toContain(secret);
    }
  });

  it('a wrong key, an unknown key id, an unsealed or malformed value: typed errors naming the key id', async () => {
    const inner = memoryStore();
    await encryptedStore(inner, { keys: { k1: K1 }, current: 'k1' }).set(
      'ipernity/default',
      SEED['ipernity/default']!,
    );
    const wrong = encryptedStore(inner, { keys: { k1: K2 }, current: 'k1' });
    await expect(wrong.get('ipernity/default')).rejects.toMatchObject({ keyId: 'k1', reason: 'failed' });
    const unknown = encryptedStore(inner, { keys: { k9: K2 }, current: 'k9' });
    const error = await unknown.get('ipernity/default').catch((e: unknown) => e);
    expect(error).toMatchObject({ keyId: 'k1', reason: 'unknown-key' });
    expect((error as Error).message).toContain('"k1"');
    await inner.set('plain/default', { apiKey: 'a', secret: 'plain-hush' });
    await expect(unknown.get('plain/default')).rejects.toMatchObject({ reason: 'unsealed' });
    await inner.set('broken/default', { apiKey: 'a', $sealed: { v: 1, kid: 'k9' } });
    await expect(unknown.get('broken/default')).rejects.toMatchObject({ reason: 'malformed', keyId: 'k9' });
    // A write under a wrong key must not wipe what it could not read.
    await expect(wrong.update('ipernity/default', () => ({ apiKey: 'x' }))).rejects.toBeInstanceOf(
      DecryptionError,
    );
    expect(await encryptedStore(inner, { keys: { k1: K1 }, current: 'k1' }).get('ipernity/default')).toEqual(
      SEED['ipernity/default'],
    );
  });

  it('rotates: reads take every listed key, writes use current, rekey() re-seals, then the old key can go', async () => {
    const path = tempFile();
    const old = encryptedStore(fileStore({ path }), { keys: { k1: K1 }, current: 'k1' });
    await seeded(old, SEED);
    const both = encryptedStore(fileStore({ path }), { keys: { k1: K1, k2: K2 }, current: 'k2' });
    for (const [key, value] of Object.entries(SEED)) expect(await both.get(key)).toEqual(value);
    await both.set('new/default', { apiKey: 'n', apiSecret: 'new-hush' });
    const kids = () =>
      Object.fromEntries(
        Object.entries(JSON.parse(readFileSync(path, 'utf8'))).map(([k, v]) => [
          k,
          (v as { $sealed: { kid: string } }).$sealed.kid,
        ]),
      );
    expect(kids()).toMatchObject({ 'new/default': 'k2', 'oauth1/work': 'k1' });
    expect(await both.rekey()).toBe(Object.keys(SEED).length);
    expect(new Set(Object.values(kids()))).toEqual(new Set(['k2']));
    expect(await both.rekey()).toBe(0);
    const onlyNew = encryptedStore(fileStore({ path }), { keys: { k2: K2 }, current: 'k2' });
    for (const [key, value] of Object.entries(SEED)) expect(await onlyNew.get(key)).toEqual(value);
    expect(
      openByHand('oauth1/work', JSON.parse(readFileSync(path, 'utf8'))['oauth1/work'], K2),
    ).toMatchObject({
      tokenSecret: 'ts-hush-1',
    });
  });

  it('seals plaintext values on rekey() when acceptPlaintext is set', async () => {
    const path = tempFile();
    writeFileSync(path, JSON.stringify({ 'historypin/default': SEED['historypin/default'] }), {
      mode: 0o600,
    });
    const store = encryptedStore(fileStore({ path }), {
      keys: { k1: K1 },
      current: 'k1',
      acceptPlaintext: true,
    });
    expect(await store.get('historypin/default')).toEqual(SEED['historypin/default']);
    expect(await store.rekey()).toBe(1);
    expect(readFileSync(path, 'utf8')).not.toContain('hp-secret-hush-1');
    expect(await store.get('historypin/default')).toEqual(SEED['historypin/default']);
  });

  it('takes a CryptoKey, and refuses keys that are not 32 bytes or a current that is not listed', async () => {
    const key = await crypto.subtle.importKey('raw', Buffer.from(K1, 'base64'), 'AES-GCM', false, [
      'encrypt',
      'decrypt',
    ]);
    const inner = memoryStore();
    await encryptedStore(inner, { keys: { ck: key }, current: 'ck' }).set('a/b', { secret: 's-hush' });
    expect(openByHand('a/b', (await inner.get('a/b'))!, K1)).toEqual({ secret: 's-hush' });
    expect(() => encryptedStore(inner, { keys: { k: 'c2hvcnQ=' }, current: 'k' })).toThrow(/32 bytes/);
    expect(() => encryptedStore(inner, { keys: { k: K1 }, current: 'nope' })).toThrow(/current/);
    const shown = inspect(encryptedStore(inner, { keys: { k1: K1 }, current: 'k1' }), {
      showHidden: true,
      depth: 10,
    });
    expect(shown).not.toContain(K1);
  });
});

describe('AUTHPLUG_ENCRYPTION_KEYS', () => {
  it('reads id:key pairs, the first current; unset gives undefined', () => {
    const k = generateEncryptionKey();
    expect(Buffer.from(k, 'base64')).toHaveLength(32);
    expect(encryptionKeysFromEnv({ AUTHPLUG_ENCRYPTION_KEYS: `new:${k}, old:${K1}` })).toEqual({
      keys: { new: k, old: K1 },
      current: 'new',
    });
    expect(encryptionKeysFromEnv({})).toBeUndefined();
    expect(() => encryptionKeysFromEnv({ AUTHPLUG_ENCRYPTION_KEYS: 'no-colon' })).toThrow(/id:base64key/);
  });
});

describe('encryptedStore: regressions found by the store battery', () => {
  it('keeps a `__proto__` field a field (it was dropped when sealing assigned fields one by one)', async () => {
    const keys = { k1: generateEncryptionKey() };
    const inner = memoryStore();
    const value = JSON.parse('{"__proto__":{},"secret":"hush"}') as CredentialValue;
    await encryptedStore(inner, { keys, current: 'k1' }).set('%', value);
    const read = await encryptedStore(inner, { keys, current: 'k1' }).get('%');
    expect(Object.keys(read!).sort()).toEqual(['__proto__', 'secret']);
    expect(Object.getPrototypeOf(read)).toBe(Object.prototype);
  });
});

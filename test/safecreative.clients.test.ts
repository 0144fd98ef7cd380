import { createHash } from 'node:crypto';
import { withAuth as withAxios } from '@authplug/axios';
import { ProviderError } from '@authplug/core';
import { type CredentialStore, memoryStore } from '@authplug/credentials';
import {
  SAFECREATIVE_PRIVATE_KEY,
  SAFECREATIVE_SHARED_KEY,
  type SafeCreativeEmulator,
  safecreativeEmulator,
} from '@authplug/emulators';
import { mswHandlers } from '@authplug/emulators/msw';
import { withAuth as withGot } from '@authplug/got';
import { withAuth as withKy } from '@authplug/ky';
import {
  InsufficientLevelError,
  InvalidSignatureError,
  parseSafeCreative,
  type SafeCreativeStrategy,
  safecreative,
  UnauthorizedAuthkeyError,
} from '@authplug/safecreative';
import axios from 'axios';
import got from 'got';
import ky from 'ky';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { clients } from './support/clients.ts';

// Safe Creative through axios, ky and got against the emulator (which recomputes every
// signature with node:crypto and keeps the one-time nonce keys), over msw at the real URL.

const API = 'https://api.safecreative.org/v2/';
const APP = { sharedKey: SAFECREATIVE_SHARED_KEY, privateKey: SAFECREATIVE_PRIVATE_KEY };
const ADDER = { authKey: 'adder0authkey0000000000001', authPrivateKey: 'adder0private000000000001' };
const READER = { authKey: 'reader0authkey000000000001', authPrivateKey: 'reader0private00000000001' };

let emulator: SafeCreativeEmulator;
const server = setupServer(
  ...mswHandlers({ name: 'safecreative', origins: [API.slice(0, -4)], fetch: (r) => emulator.fetch(r) }),
);
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterAll(() => server.close());
beforeEach(() => {
  emulator = safecreativeEmulator({
    authKeys: [
      { authKey: ADDER.authKey, privateKey: ADDER.authPrivateKey, level: 'ADD' },
      { authKey: READER.authKey, privateKey: READER.authPrivateKey, level: 'GET' },
    ],
  });
});

const store = (extra: object = ADDER): CredentialStore =>
  memoryStore({ 'safecreative/default': { ...APP, ...extra } });
const register = (title: string) => ({
  method: 'POST' as const,
  path: '',
  form: {
    kind: 'params' as const,
    fields: [
      ['component', 'work.register'],
      ['title', title],
      ['format', 'json'],
    ] as [string, string][],
  },
});

// got is asked for JSON (responseType: 'json'), so every call through the shared helper asks for format=json.
const json = (component: string): [string, string][] => [
  ['component', component],
  ['format', 'json'],
];

/** One client instance per strategy, used for many calls (the shared helper makes one per call). */
function instance(
  name: string,
  auth: SafeCreativeStrategy,
): (fields: [string, string][]) => Promise<unknown> {
  const body = (fields: [string, string][]) => new URLSearchParams([...fields, ['format', 'json']]);
  if (name === 'axios') {
    const api = withAxios(axios.create({ baseURL: auth.endpoint }), auth);
    return async (fields) => (await api.post('', body(fields))).data;
  }
  if (name === 'ky') {
    const api = withKy(ky.create({ baseUrl: auth.endpoint }), auth);
    return (fields) => api.post('', { body: body(fields) }).json();
  }
  const api = withGot(got.extend({ prefixUrl: auth.endpoint }), auth);
  return (fields) =>
    api
      .post('', {
        body: body(fields).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      })
      .json();
}

describe.each(clients)('safecreative through $name', (client) => {
  it('registers a work (fresh nonce from authkey.state) and lists it with a plain signed call', async () => {
    const auth = safecreative({ store: store() });
    const { data } = await client.send(auth, API, register('Été 1923 — «ok» & co'));
    const code = (data as { workregistry: { code: string } }).workregistry.code;
    expect(code).toMatch(/^\d{13}$/);
    expect(emulator.nonces.consumed).toHaveLength(1);
    const list = await client.send(auth, API, {
      method: 'GET',
      path: '',
      params: [
        ['component', 'work.list'],
        ['format', 'json'],
      ],
    });
    expect(list.data).toEqual({ worklist: { works: { work: [{ code, title: 'Été 1923 — «ok» & co' }] } } });
  });

  it('50 concurrent work.register calls through one client: 50 successes, 50 distinct nonces, none rejected', async () => {
    const call = instance(client.name, safecreative({ store: store() }));
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        call([
          ['component', 'work.register'],
          ['title', `work ${i}`],
        ]),
      ),
    );
    const codes = results.map((r) => (r as { workregistry: { code: string } }).workregistry.code);
    expect(new Set(codes).size).toBe(50);
    expect(emulator.nonces.consumed).toHaveLength(50);
    expect(new Set(emulator.nonces.consumed).size).toBe(50);
    expect(emulator.nonces.rejected).toEqual([]);
    expect(emulator.works()).toHaveLength(50);
  });

  it('a nonce spent by someone else between authkey.state and the call: re-signed with a fresh one, retried once', async () => {
    // Another machine on the same authkey that does not share the store spends the nonce the
    // strategy has just fetched, before the strategy's own call arrives (signed by hand here).
    let raced = false;
    const racing = async (input: string, init?: { signal?: AbortSignal }) => {
      const answer = await fetch(input, init);
      const state = parseSafeCreative(await answer.clone().text());
      const nonce =
        state?.root === 'authkeystate' ? (state.value as { noncekey?: string }).noncekey : undefined;
      if (nonce && !raced) {
        raced = true;
        const pairs: [string, string][] = [
          ['component', 'work.register'],
          ['authkey', ADDER.authKey],
          ['noncekey', nonce],
          ['title', 'other'],
          ['ztime', String(Date.now())],
        ];
        const base = pairs
          .map(([k, v]) => `${k}=${v}`)
          .sort()
          .join('&');
        pairs.push(['signature', createHash('sha1').update(`${ADDER.authPrivateKey}&${base}`).digest('hex')]);
        await fetch(API, { method: 'POST', body: new URLSearchParams(pairs) });
      }
      return answer;
    };
    const call = instance(client.name, safecreative({ store: store(), fetch: racing }));
    expect(
      await call([
        ['component', 'work.register'],
        ['title', 'mine'],
      ]),
    ).toMatchObject({ workregistry: {} });
    expect(raced).toBe(true);
    expect(emulator.nonces.rejected).toHaveLength(1); // the strategy's first attempt; its retry succeeded
    expect(emulator.nonces.consumed).toHaveLength(2);
    expect(
      emulator
        .works()
        .map((w) => w.title)
        .sort(),
    ).toEqual(['mine', 'other']);
  });

  it('a ztime an hour off is corrected once (offset learnt from the Date header), for plain and nonce calls', async () => {
    const auth = safecreative({ store: store(), clock: () => Date.now() - 3_600_000 });
    const call = instance(client.name, auth);
    expect(await call([['component', 'work.list']])).toMatchObject({ worklist: {} });
    expect(Math.abs(auth.clock.offset - 3_600_000)).toBeLessThan(2_000);
    const late = instance(client.name, safecreative({ store: store(), clock: () => Date.now() + 3_600_000 }));
    expect(
      await late([
        ['component', 'work.register'],
        ['title', 'late'],
      ]),
    ).toMatchObject({ workregistry: {} });
    expect(emulator.nonces.rejected).toEqual([]);
  });

  it('wrong private key → InvalidSignatureError, secret not in the message', async () => {
    const auth = safecreative({ ...APP, privateKey: 'not-the-private-key' });
    const error = await client
      .send(auth, API, { method: 'GET', path: '', params: json('authkey.create') })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidSignatureError);
    expect(error).toMatchObject({
      code: 'AUTHPLUG_SAFECREATIVE_INVALID_SIGNATURE',
      providerCode: 'InvalidSignature',
    });
    expect(JSON.stringify(error) + (error as Error).message).not.toContain('not-the-private-key');
  });

  it('authkey.state signed with the authkey key instead of the shared key → InvalidSignatureError', async () => {
    const auth = safecreative({ store: store(), sharedKeySigned: ['authkey.create'] });
    const error = await client
      .send(auth, API, { method: 'GET', path: '', params: json('authkey.state') })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidSignatureError);
    // And a user call signed with the shared key's private key is refused too.
    const wrong = safecreative({
      store: store(),
      sharedKeySigned: ['authkey.create', 'authkey.state', 'work.list'],
    });
    const other = await client
      .send(wrong, API, { method: 'GET', path: '', params: json('work.list') })
      .catch((e: unknown) => e);
    expect(other).toBeInstanceOf(InvalidSignatureError);
  });

  it('unauthorized (revoked) authkey → UnauthorizedAuthkeyError, for plain and nonce calls', async () => {
    emulator.revoke(ADDER.authKey);
    const auth = safecreative({ store: store() });
    const plain = await client
      .send(auth, API, { method: 'GET', path: '', params: json('work.list') })
      .catch((e: unknown) => e);
    expect(plain).toBeInstanceOf(UnauthorizedAuthkeyError);
    expect(plain).toMatchObject({ providerCode: 'NotAuthorized' });
    const nonce = await client.send(auth, API, register('x')).catch((e: unknown) => e);
    expect(nonce).toBeInstanceOf(UnauthorizedAuthkeyError);
  });

  it('level too low (GET) for work.register → InsufficientLevelError; an unknown component is a ProviderError', async () => {
    const auth = safecreative({ store: store(READER) });
    const error = await client.send(auth, API, register('nope')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InsufficientLevelError);
    expect(emulator.works()).toEqual([]);
    const unknown = await client
      .send(auth, API, { method: 'GET', path: '', params: json('no.such') })
      .catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(ProviderError);
    expect(unknown).toMatchObject({ code: 'AUTHPLUG_PROVIDER_ERROR', providerCode: 'UnknownComponent' });
  });
});

import { generateKeyPairSync } from 'node:crypto';
import { InvalidRequestUrlError, MissingOptionError } from '@authplug/core';
import { InvalidCredentialsError, memoryStore } from '@authplug/credentials';
import {
  PROOFILE_TEST_CONSUMER as CONSUMER,
  PROOFILE_PING_TOKEN as PING_TOKEN,
  proofileEmulator,
  PROOFILE_TEST_TOKEN as TOKEN,
  PROOFILE_TEST_USER as USER,
} from '@authplug/emulators';
import {
  type OAuth1Options,
  OAuth1ProblemError,
  oauth1,
  type Placement,
  PROOFILE,
  proofile,
  proofileVisibility,
  type SignatureMethod,
} from '@authplug/oauth1';
import { http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { clients } from './support/clients.ts';

// @authplug/oauth1 through axios, ky and got against the Proofile emulator, which verifies
// every signature, timestamp and nonce with node:crypto and URLSearchParams alone.

const ALL_METHODS: SignatureMethod[] = ['HMAC-SHA1', 'HMAC-SHA256', 'PLAINTEXT', 'RSA-SHA1'];
const { publicKey, privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});
const RSA_CONSUMER = { consumerKey: 'pf-test-rsa-consumer', consumerSecret: 'unused', publicKey };
const RSA_TOKEN = { ...TOKEN, token: 'pf-test-rsa-token', consumerKey: RSA_CONSUMER.consumerKey };

let emulator = proofileEmulator();
const server = setupServer(http.all('http://api.proofile.org/*', ({ request }) => emulator.fetch(request)));
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => {
  emulator = proofileEmulator();
});
afterAll(() => server.close());

const BASE = PROOFILE.apiBaseUrl;
const withToken = { ...CONSUMER, token: TOKEN.token, tokenSecret: TOKEN.tokenSecret };
const tricky: [string, string][] = [
  ['q', "café ☕ !*'()"],
  ['plus', '1+1 = 2'],
  ['tag', 'b'],
  ['tag', 'a'],
  ['empty', ''],
];

describe.each(clients)('oauth1 through $name', (client) => {
  it.each<Placement>(['header', 'query', 'form'])(
    '%s placement: a signed POST with form fields',
    async (placement) => {
      const auth = proofile({ ...withToken, placement });
      const reply = await client.send(auth, BASE, {
        method: 'POST',
        path: 'ping?from=url&tag=z',
        form: { kind: 'params', fields: tricky },
      });
      expect(reply.status).toBe(200);
      expect(reply.data).toMatchObject({ ping: 'pong', method: 'POST', userid: USER.userId });
      expect((reply.data as { params: unknown }).params).toEqual([['from', 'url'], ['tag', 'z'], ...tricky]);
    },
  );

  it.each<Placement>(['header', 'query'])(
    '%s placement: GET with query and client params',
    async (placement) => {
      const auth = proofile({ ...withToken, placement });
      const reply = await client.send(auth, BASE, { method: 'GET', path: 'ping?a=1&a=0', params: tricky });
      expect(reply.status).toBe(200);
      expect((reply.data as { params: unknown }).params).toEqual([['a', '1'], ['a', '0'], ...tricky]);
    },
  );

  it('a form body whose Content-Type is spelled in another case is still signed', async () => {
    const reply = await client.send(proofile(withToken), BASE, {
      method: 'POST',
      path: 'ping',
      form: {
        kind: 'string',
        text: 'x=1&y=a+b',
        contentType: 'Application/X-WWW-Form-URLEncoded; charset=UTF-8',
      },
    });
    expect(reply.status).toBe(200);
    expect((reply.data as { params: unknown }).params).toEqual([
      ['x', '1'],
      ['y', 'a b'],
    ]);
  });

  it.each(ALL_METHODS)('%s signatures verify (JSON body with oauth_body_hash)', async (signatureMethod) => {
    emulator = proofileEmulator({
      signatureMethods: ALL_METHODS,
      consumers: [CONSUMER, RSA_CONSUMER],
      tokens: [TOKEN, RSA_TOKEN],
    });
    const options: OAuth1Options =
      signatureMethod === 'RSA-SHA1'
        ? {
            consumerKey: RSA_CONSUMER.consumerKey,
            privateKey,
            token: RSA_TOKEN.token,
            tokenSecret: RSA_TOKEN.tokenSecret,
          }
        : withToken;
    const auth = oauth1({ ...options, signatureMethod, bodyHash: true });
    const reply = await client.send(auth, BASE, { method: 'POST', path: 'ping', json: { hello: 'wörld' } });
    expect(reply.status).toBe(200);
    expect(emulator.stats['ok']).toBe(1);
  });

  it('two-legged ping (no token) works; profile data carries export_u/export_m', async () => {
    expect((await client.send(proofile(CONSUMER), BASE, { method: 'GET', path: 'ping' })).data).toMatchObject(
      {
        userid: null,
      },
    );
    const reply = await client.send(proofile(withToken), BASE, {
      method: 'GET',
      path: `userid/${USER.userId}/profile`,
    });
    expect(proofileVisibility(reply.data)).toMatchObject({
      audience: 'members',
      machineExport: true,
      declared: true,
    });
  });

  it('a token without the right → 403 additional_authorization_required as a typed error', async () => {
    const auth = proofile({ ...CONSUMER, token: PING_TOKEN.token, tokenSecret: PING_TOKEN.tokenSecret });
    expect((await client.send(auth, BASE, { method: 'GET', path: 'ping' })).status).toBe(200);
    const error = await client
      .send(auth, BASE, { method: 'GET', path: `userid/${USER.userId}/connections` })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OAuth1ProblemError);
    expect(error).toMatchObject({ code: 'AUTHPLUG_OAUTH1_INSUFFICIENT_RIGHTS', status: 403 });
  });

  it('wrong consumer secret / wrong token secret → AUTHPLUG_OAUTH1_SIGNATURE_INVALID', async () => {
    for (const options of [
      { ...withToken, consumerSecret: 'wrong-consumer-secret' },
      { ...withToken, tokenSecret: 'wrong-token-secret' },
    ]) {
      const error = await client
        .send(proofile(options), BASE, { method: 'GET', path: 'ping' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OAuth1ProblemError);
      expect(error).toMatchObject({
        code: 'AUTHPLUG_OAUTH1_SIGNATURE_INVALID',
        problem: 'signature_invalid',
      });
      expect(JSON.stringify(error)).not.toContain('wrong-');
    }
    expect(emulator.stats['signature_invalid']).toBe(2);
  });

  it('a replayed nonce → AUTHPLUG_OAUTH1_NONCE_USED', async () => {
    const at = Date.now();
    const auth = proofile({ ...withToken, nonce: () => 'same-nonce', clock: () => at });
    expect((await client.send(auth, BASE, { method: 'GET', path: 'ping' })).status).toBe(200);
    const error = await client.send(auth, BASE, { method: 'GET', path: 'ping' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'AUTHPLUG_OAUTH1_NONCE_USED', problem: 'nonce_used' });
  });

  it('a stale timestamp is corrected once from Date, re-signed with a fresh nonce, and remembered', async () => {
    emulator = proofileEmulator({ now: () => Date.now() + 3_600_000 }); // the server is an hour ahead
    const nonces: string[] = [];
    let n = 0;
    const auth = proofile({
      ...withToken,
      nonce: () => {
        nonces.push(`n${++n}`);
        return `n${n}`;
      },
    });
    expect((await client.send(auth, BASE, { method: 'GET', path: 'ping' })).status).toBe(200);
    expect(emulator.stats['timestamp_refused']).toBe(1);
    expect(nonces).toEqual(['n1', 'n2']);
    expect(Math.abs(auth.clockOffset - 3_600_000)).toBeLessThan(2_000);
    expect((await client.send(auth, BASE, { method: 'GET', path: 'ping' })).status).toBe(200);
    expect(emulator.stats['timestamp_refused']).toBe(1);
    expect(emulator.stats['ok']).toBe(2);
  });

  it('a server whose clock cannot be matched is not retried forever', async () => {
    // A local clock racing ahead ten hours per reading: no learnt offset can fix it.
    let t = 0;
    const auth = proofile({ ...withToken, clock: () => (t += 36_000_000) });
    const error = await client.send(auth, BASE, { method: 'GET', path: 'ping' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OAuth1ProblemError);
    expect(error).toMatchObject({ code: 'AUTHPLUG_OAUTH1_TIMESTAMP_REFUSED', status: 401 });
    expect(emulator.stats['timestamp_refused']).toBe(2);
  });

  it('a token granted for a limited time → AUTHPLUG_OAUTH1_TOKEN_EXPIRED once it ran out', async () => {
    const limited = emulator.issueToken({
      consumerKey: CONSUMER.consumerKey,
      rights: [],
      userId: USER.userId,
      expiresAt: Date.now() - 1000,
    });
    const auth = proofile({ ...CONSUMER, token: limited.token, tokenSecret: limited.tokenSecret });
    const error = await client.send(auth, BASE, { method: 'GET', path: 'ping' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'AUTHPLUG_OAUTH1_TOKEN_EXPIRED', problem: 'token_expired' });
  });

  it('revoked token → AUTHPLUG_OAUTH1_TOKEN_REJECTED', async () => {
    emulator.revoke(TOKEN.token);
    const error = await client
      .send(proofile(withToken), BASE, { method: 'GET', path: 'ping' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'AUTHPLUG_OAUTH1_TOKEN_REJECTED', problem: 'token_revoked' });
  });

  it('store-backed credentials are read per request; a missing RSA key never sends the request', async () => {
    const store = memoryStore({ 'proofile/default': withToken });
    expect((await client.send(proofile({ store }), BASE, { method: 'GET', path: 'ping' })).status).toBe(200);
    const rsa = oauth1({
      store: memoryStore({ 'oauth1/default': { consumerKey: 'k' } }),
      signatureMethod: 'RSA-SHA1',
    });
    const error = await client.send(rsa, BASE, { method: 'GET', path: 'ping' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidCredentialsError);
    expect(error).toMatchObject({ field: 'privateKey' });
    expect(emulator.stats['ok']).toBe(1);
  });

  it('proofile() refuses a call outside /oauth/ before sending it', async () => {
    const error = await client
      .send(proofile(withToken), 'http://api.proofile.org/', { method: 'GET', path: 'ping' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidRequestUrlError);
    expect(Object.keys(emulator.stats)).toEqual([]);
  });
});

it('RSA-SHA1 without a private key → MissingOptionError at construction', () => {
  expect(() => oauth1({ consumerKey: 'k', signatureMethod: 'RSA-SHA1' } as OAuth1Options)).toThrow(
    MissingOptionError,
  );
});

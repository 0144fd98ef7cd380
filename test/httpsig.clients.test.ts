import { generateKeyPairSync } from 'node:crypto';
import { HTTPSIG_TEST_KEYS, httpsigEmulator, type RunningServer, serveFetch } from '@authplug/emulators';
import { mswHandlers } from '@authplug/emulators/msw';
import { httpSignature } from '@authplug/httpsig';
import { http, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Call, clients } from './support/clients.ts';

// RFC 9421 signatures through axios, ky and got, verified by the emulator (node:crypto, its own
// reading of the request) over msw and over a real loopback socket: the Content-Digest must
// match the body bytes the client actually sent.

const ORIGIN = 'https://api.httpsig.test';
const keys = HTTPSIG_TEST_KEYS;
const ed = keys['test-key-ed25519']!;
const pss = keys['test-key-rsa-pss']!;
const ecc = keys['test-key-ecc-p256']!;
const hmac = keys['test-shared-secret']!;

const SKEWED = 'https://skewed.httpsig.test';
const msw = setupServer(
  ...mswHandlers(httpsigEmulator({ require: ['@method', '@target-uri'] }), [ORIGIN]),
  // A server whose clock runs an hour ahead of ours.
  ...mswHandlers(httpsigEmulator({ now: () => Date.now() + 3_600_000 }), [SKEWED]),
);
let loopback: RunningServer;
beforeAll(async () => {
  msw.listen({ onUnhandledFrame: 'error' });
  loopback = await serveFetch(httpsigEmulator({ require: ['@method', '@target-uri'] }).fetch);
  // The loopback server is reached over a real socket; msw lets only its requests through.
  msw.use(http.all(`${loopback.url}/*`, () => passthrough()));
});
afterAll(async () => {
  msw.close();
  await loopback.close();
});

const bodyComponents = ['@method', '@target-uri', 'content-type', 'content-digest', 'content-length'];
const cases: {
  name: string;
  strategy: () => ReturnType<typeof httpSignature>;
  call: Call;
  covered: string[];
}[] = [
  {
    name: 'an Ed25519-signed JSON POST with Content-Digest',
    strategy: () =>
      httpSignature({ keyId: ed.keyId, key: ed.key, algorithm: 'ed25519', components: bodyComponents }),
    call: { method: 'POST', path: 'payments?x=1', json: { amount: 10, note: 'café ☕ & co' } },
    covered: bodyComponents,
  },
  {
    name: 'an HMAC-signed form POST with a sha-512 Content-Digest and an added Date',
    strategy: () =>
      httpSignature({
        keyId: hmac.keyId,
        key: hmac.key,
        keyEncoding: 'base64',
        algorithm: 'hmac-sha256',
        components: ['@method', '@target-uri', 'date', 'content-digest'],
        contentDigest: 'sha-512',
      }),
    call: {
      method: 'POST',
      path: 'forms',
      form: {
        kind: 'params',
        fields: [
          ['title', 'Été & co'],
          ['tag', 'a b'],
        ],
      },
    },
    covered: ['@method', '@target-uri', 'date', 'content-digest'],
  },
  {
    name: 'an RSA-PSS-signed GET covering query parameters, with expires, nonce and alg',
    strategy: () =>
      httpSignature({
        keyId: pss.keyId,
        key: pss.key,
        algorithm: 'rsa-pss-sha512',
        components: ['@method', '@target-uri', '@authority', '@path', '@query', '@query-param;name="q"'],
        params: ['created', 'expires', 'nonce', 'keyid', 'alg'],
        expiresIn: 60,
      }),
    call: { method: 'GET', path: 'search?q=caf%C3%A9%20au%20lait', params: [['page', '2']] },
    covered: ['@method', '@target-uri', '@authority', '@path', '@query', '@query-param'],
  },
  {
    name: 'a form given as a string whose encoding URLSearchParams would change',
    strategy: () =>
      httpSignature({
        keyId: ed.keyId,
        key: ed.key,
        algorithm: 'ed25519',
        components: ['@method', '@target-uri', 'content-digest'],
      }),
    call: { method: 'POST', path: 'forms', form: { kind: 'string', text: 'a=%7e&b=x%20y&c=%2a' } },
    covered: ['@method', '@target-uri', 'content-digest'],
  },
  {
    name: 'an ECDSA-signed JSON POST',
    strategy: () =>
      httpSignature({
        keyId: ecc.keyId,
        key: ecc.key,
        algorithm: 'ecdsa-p256-sha256',
        components: bodyComponents,
      }),
    call: { method: 'POST', path: 'items', json: [1, 2, 3] },
    covered: bodyComponents,
  },
];

describe.each(clients)('httpsig through $name', (client) => {
  describe.each([
    ['msw', (): string => `${ORIGIN}/v1/`],
    ['loopback', (): string => `${loopback.url}/v1/`],
  ] as const)('over %s', (_, base) => {
    it.each(cases)('$name is verified', async ({ strategy, call, covered }) => {
      const reply = await client.send(strategy(), base(), call);
      expect(reply.status).toBe(200);
      expect(reply.data).toMatchObject({ ok: true, covered });
    });
  });
});

describe.each(clients)('httpsig refusals through $name', (client) => {
  it('is refused when signed with another key under a known keyid', async () => {
    const other = generateKeyPairSync('ed25519').privateKey.export({
      type: 'pkcs8',
      format: 'pem',
    }) as string;
    const strategy = httpSignature({
      keyId: ed.keyId,
      key: other,
      algorithm: 'ed25519',
      components: bodyComponents,
    });
    const outcome = await client
      .send(strategy, `${ORIGIN}/v1/`, { method: 'POST', path: 'payments', json: { amount: 1 } })
      .catch((e: unknown) => e);
    // fetch resolves with the 401; axios and ky throw with `response.status`, got with
    // `response.statusCode`.
    const response =
      client.name === 'fetch'
        ? (outcome as { status: number })
        : (outcome as { response?: { status?: number; statusCode?: number } }).response;
    expect(response?.status ?? (response as { statusCode?: number } | undefined)?.statusCode).toBe(401);
  });

  it('learns the server clock from a refused signature and is verified on the re-signed retry', async () => {
    const strategy = httpSignature({
      keyId: ed.keyId,
      key: ed.key,
      algorithm: 'ed25519',
      components: bodyComponents,
    });
    const reply = await client.send(strategy, `${SKEWED}/v1/`, {
      method: 'POST',
      path: 'payments',
      json: { amount: 2 },
    });
    expect(reply).toMatchObject({ status: 200, data: { ok: true } });
  });
});

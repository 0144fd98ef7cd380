import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PROOFILE_TEST_CONSUMER, PROOFILE_TEST_TOKEN } from './accounts.ts';
import { proofileEmulator } from './proofile.ts';
import { oauth1ProviderEmulator } from './provider.ts';

// The RFC 5849 section 1.2 resource request, exactly as printed, verified by the generic emulator.
const photos = (now = 137131202_000) =>
  oauth1ProviderEmulator({
    name: 'photos',
    origins: ['http://photos.example.net'],
    pathPrefix: '',
    consumers: [{ consumerKey: 'dpf43f3p2l4k3l03', consumerSecret: 'kd94hf93k423kf44' }],
    tokens: [
      {
        token: 'nnch734d00sl2jdk',
        tokenSecret: 'pfkkdhi9sl3r4s00',
        consumerKey: 'dpf43f3p2l4k3l03',
        rights: [],
        userId: '1',
      },
    ],
    now: () => now,
    routes: (app, oauth) =>
      app.get('/photos', async (c) => {
        const caller = await oauth.authenticate(c);
        return caller instanceof Response ? caller : c.json({ ok: true, params: caller.params });
      }),
  });

const rfcRequest = (signature = 'MdpQcU8iPSUjWoN%2FUDMsK2sui9I%3D') =>
  new Request('http://photos.example.net/photos?file=vacation.jpg&size=original', {
    headers: {
      authorization:
        'OAuth realm="Photos", oauth_consumer_key="dpf43f3p2l4k3l03", oauth_token="nnch734d00sl2jdk", ' +
        `oauth_signature_method="HMAC-SHA1", oauth_timestamp="137131202", oauth_nonce="chapoH", oauth_signature="${signature}"`,
    },
  });

describe('oauth1ProviderEmulator', () => {
  it('accepts the RFC 5849 1.2 resource request and rejects its replay', async () => {
    const emulator = photos();
    const ok = await emulator.fetch(rfcRequest());
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({
      ok: true,
      params: [
        ['file', 'vacation.jpg'],
        ['size', 'original'],
      ],
    });
    const replay = await emulator.fetch(rfcRequest());
    expect(replay.status).toBe(401);
    expect(replay.headers.get('www-authenticate')).toContain('oauth_problem="nonce_used"');
    expect(await replay.text()).toContain('oauth_problem=nonce_used');
  });

  it('refuses a malformed escape in the Authorization header with parameter_rejected, not a 500', async () => {
    const bad = await photos().fetch(rfcRequest('%zz'));
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('oauth_problem=parameter_rejected');
  });

  it('answers signature_invalid, timestamp_refused and token_rejected like a provider', async () => {
    const bad = await photos().fetch(rfcRequest('AAAAcU8iPSUjWoN%2FUDMsK2sui9I%3D'));
    expect(bad.status).toBe(401);
    expect(new URLSearchParams(await bad.text()).get('oauth_problem')).toBe('signature_invalid');

    const late = await photos(137131202_000 + 3600_000).fetch(rfcRequest());
    expect(late.status).toBe(401);
    expect(late.headers.get('date')).toBe(new Date(137131202_000 + 3600_000).toUTCString());
    const body = new URLSearchParams(await late.text());
    expect(body.get('oauth_problem')).toBe('timestamp_refused');
    expect(body.get('oauth_acceptable_timestamps')).toBe(
      `${137131202 + 3600 - 300}-${137131202 + 3600 + 300}`,
    );

    const emulator = photos();
    emulator.revoke('nnch734d00sl2jdk');
    const revoked = await emulator.fetch(rfcRequest());
    expect(new URLSearchParams(await revoked.text()).get('oauth_problem')).toBe('token_revoked');
  });
});

// An HMAC-SHA1 Authorization header computed by hand (RFC 5849 3.4), over the URL as sent.
const enc = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
function authorization(method: string, url: string, tokenSecret: string, oauth: [string, string][]): string {
  const u = new URL(url);
  const all: [string, string][] = [
    ['oauth_consumer_key', PROOFILE_TEST_CONSUMER.consumerKey],
    ['oauth_nonce', randomBytes(8).toString('hex')],
    ['oauth_signature_method', 'HMAC-SHA1'],
    ['oauth_timestamp', String(Math.floor(Date.now() / 1000))],
    ...oauth,
  ];
  const params = [...u.searchParams, ...all]
    .map(([k, v]) => `${enc(k)}=${enc(v)}`)
    .sort()
    .join('&');
  const base = `${method}&${enc(`${u.origin}${u.pathname}`)}&${enc(params)}`;
  const key = `${enc(PROOFILE_TEST_CONSUMER.consumerSecret)}&${enc(tokenSecret)}`;
  all.push(['oauth_signature', createHmac('sha1', key).update(base).digest('base64')]);
  return `OAuth ${all.map(([k, v]) => `${k}="${enc(v)}"`).join(', ')}`;
}

describe('proofileEmulator under a basePath', () => {
  it('verifies signatures over the URL as received (prefix included) and renders relative form actions', async () => {
    const emulator = proofileEmulator({ basePath: '/proofile' });
    const at = 'http://127.0.0.1/proofile/oauth/';
    const { token, tokenSecret } = PROOFILE_TEST_TOKEN;
    const ping = await emulator.fetch(
      new Request(`${at}ping`, {
        headers: { authorization: authorization('GET', `${at}ping`, tokenSecret, [['oauth_token', token]]) },
      }),
    );
    expect(ping.status).toBe(200);
    expect(await ping.json()).toMatchObject({ ping: 'pong', userid: PROOFILE_TEST_TOKEN.userId });

    // Signed as if the prefix were not there: the base string differs, the emulator refuses.
    const stripped = authorization('GET', 'http://127.0.0.1/oauth/ping', tokenSecret, [
      ['oauth_token', token],
    ]);
    const refused = await emulator.fetch(new Request(`${at}ping`, { headers: { authorization: stripped } }));
    expect(new URLSearchParams(await refused.text()).get('oauth_problem')).toBe('signature_invalid');

    const requestToken = new URLSearchParams(
      await (
        await emulator.fetch(
          new Request(`${at}request_token`, {
            method: 'POST',
            headers: {
              authorization: authorization('POST', `${at}request_token`, '', [['oauth_callback', 'oob']]),
            },
          }),
        )
      ).text(),
    ).get('oauth_token')!;
    const pageUrl = `${at}authorize?oauth_token=${requestToken}`;
    const html = await (await emulator.fetch(new Request(pageUrl))).text();
    const action = /<form[^>]*action="([^"]*)"/.exec(html)![1]!;
    expect(new URL(action, pageUrl).pathname).toBe('/proofile/oauth/authorize');
    const approved = await emulator.fetch(
      new Request(new URL(action, pageUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ oauth_token: requestToken, decision: 'approve' }).toString(),
      }),
    );
    expect(await approved.text()).toMatch(/id="oauth_verifier">[0-9a-f]+</);
    expect((await emulator.fetch(new Request('http://127.0.0.1/oauth/ping'))).status).toBe(404);
  });
});

describe('oauth1ProviderEmulator options for other providers', () => {
  const ping = (app: import('hono').Hono, oauth: import('./provider.ts').OAuth1Routes) =>
    app.get('/api/ping', async (c) => {
      const caller = await oauth.authenticate(c);
      return caller instanceof Response ? caller : c.json({ rights: caller.token?.rights ?? null });
    });

  it('realm: a signed request must carry the configured realm (NetSuite-style)', async () => {
    const emulator = oauth1ProviderEmulator({
      name: 'acct',
      origins: ['https://acct.example'],
      consumers: [PROOFILE_TEST_CONSUMER],
      tokens: [PROOFILE_TEST_TOKEN],
      realm: 'ACCT_1',
      routes: ping,
    });
    const url = 'https://acct.example/api/ping';
    const send = (prefix: string) =>
      emulator.fetch(
        new Request(url, {
          headers: {
            authorization: authorization('GET', url, PROOFILE_TEST_TOKEN.tokenSecret, [
              ['oauth_token', PROOFILE_TEST_TOKEN.token],
            ]).replace(/^OAuth /, `OAuth ${prefix}`),
          },
        }),
      );
    expect((await send('realm="ACCT_1", ')).status).toBe(200);
    for (const prefix of ['', 'realm="ACCT_2", ']) {
      const refused = await send(prefix);
      expect(refused.status).toBe(401);
      expect(refused.headers.get('www-authenticate')).toBe(
        'OAuth realm="ACCT_1", oauth_problem="parameter_rejected"',
      );
    }
  });

  it('rightsParam at the authorize page (Flickr-style perms) and grantParams on the access token', async () => {
    const emulator = oauth1ProviderEmulator({
      name: 'photos',
      origins: ['https://photos.example'],
      pathPrefix: '/services/oauth',
      consumers: [PROOFILE_TEST_CONSUMER],
      rights: ['read', 'write', 'delete'],
      rightsParam: { name: 'perms', at: 'authorize' },
      grantParams: { user_nsid: '1@N01', username: 'tess' },
      routes: ping,
    });
    const at = 'https://photos.example/services/oauth/';
    const issued = new URLSearchParams(
      await (
        await emulator.fetch(
          new Request(`${at}request_token`, {
            headers: {
              authorization: authorization('GET', `${at}request_token`, '', [['oauth_callback', 'oob']]),
            },
          }),
        )
      ).text(),
    );
    const token = issued.get('oauth_token')!;
    const unknown = await emulator.fetch(new Request(`${at}authorize?oauth_token=${token}&perms=admin`));
    expect(unknown.status).toBe(400);
    const page = await (
      await emulator.fetch(new Request(`${at}authorize?oauth_token=${token}&perms=write`))
    ).text();
    expect(page).toContain('<b>write</b>');
    const approved = await emulator.fetch(
      new Request(`${at}authorize`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ oauth_token: token, decision: 'approve' }).toString(),
      }),
    );
    const verifier = /id="oauth_verifier">([0-9a-f]+)</.exec(await approved.text())![1]!;
    const access = await emulator.fetch(
      new Request(`${at}access_token`, {
        headers: {
          authorization: authorization('GET', `${at}access_token`, issued.get('oauth_token_secret')!, [
            ['oauth_token', token],
            ['oauth_verifier', verifier],
          ]),
        },
      }),
    );
    const grant = new URLSearchParams(await access.text());
    expect([...grant.keys()]).toEqual(['oauth_token', 'oauth_token_secret', 'user_nsid', 'username']);
    expect(grant.get('user_nsid')).toBe('1@N01');
  });
});

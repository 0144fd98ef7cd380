import { describe, expect, it } from 'vitest';
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

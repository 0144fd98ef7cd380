// Bundled for Chromium by browser.test.ts: signs RFC 9421's B.2 request with the RFC's keys
// through the public API, where only WebCrypto exists.
import { httpSignature } from '../src/index.ts';

type Keys = Record<'ed25519' | 'hmac' | 'rsaPss' | 'rsa' | 'ecc', string>;

export async function signAll(keys: Keys): Promise<Record<string, Record<string, string>>> {
  const request = (origin: string, extra: Record<string, string> = {}) => ({
    method: 'POST',
    url: `${origin}/foo?param=Value&Pet=dog`,
    headers: new Headers({
      Date: 'Tue, 20 Apr 2021 02:07:55 GMT',
      'Content-Type': 'application/json',
      'Content-Length': '18',
      ...extra,
    }),
    body: { kind: 'bytes' as const, contentType: 'application/json', data: '{"hello": "world"}' },
  });
  const clock = () => 1618884473000;
  const sign = async (
    options: Parameters<typeof httpSignature>[0],
    origin = 'https://example.com',
    extra = {},
  ) => ({ ...(await httpSignature(options).sign(request(origin, extra), { attempt: 0 })).headers });
  return {
    b25: await sign({
      keyId: 'test-shared-secret',
      key: keys.hmac,
      keyEncoding: 'base64',
      algorithm: 'hmac-sha256',
      label: 'sig-b25',
      components: ['date', '@authority', 'content-type'],
      clock,
    }),
    b26: await sign({
      keyId: 'test-key-ed25519',
      key: keys.ed25519,
      algorithm: 'ed25519',
      label: 'sig-b26',
      components: ['date', '@method', '@path', '@authority', 'content-type', 'content-length'],
      clock,
    }),
    b22: await sign({
      keyId: 'test-key-rsa-pss',
      key: keys.rsaPss,
      algorithm: 'rsa-pss-sha512',
      label: 'sig-b22',
      components: ['@authority', 'content-digest', '@query-param;name="Pet"'],
      tag: 'header-example',
      contentDigest: 'sha-512',
      clock,
    }),
    ecc: await sign({
      keyId: 'test-key-ecc-p256',
      key: keys.ecc,
      algorithm: 'ecdsa-p256-sha256',
      label: 'sig-ecc',
      components: ['@method', '@authority'],
      clock,
    }),
    proxy: await sign(
      {
        keyId: 'test-key-rsa',
        key: keys.rsa,
        algorithm: 'rsa-v1_5-sha256',
        label: 'proxy_sig',
        components: [
          '@method',
          '@authority',
          '@path',
          'content-digest',
          'content-type',
          'content-length',
          'forwarded',
        ],
        params: ['created', 'keyid', 'alg', 'expires'],
        expiresIn: 60,
        clock: () => 1618884480000,
        contentDigest: 'sha-512',
      },
      'https://origin.host.internal.example',
      { Forwarded: 'for=192.0.2.123;host=example.com;proto=https' },
    ),
  };
}

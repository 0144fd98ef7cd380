import { createPrivateKey, createPublicKey, type KeyObject, verify } from 'node:crypto';
import type { AuthRequest, Explanation } from '@authplug/core';
import { HTTPSIG_TEST_KEYS } from '@authplug/emulators';
import { describe, expect, it } from 'vitest';
import { type HttpSignatureOptions, httpSignature } from './index.ts';

// RFC 9421 Appendix B.2: every request example, through the public API. Expected values are
// the RFC's own (Signature-Input, signature base, and the signature where the algorithm is
// deterministic); randomized signatures are checked with node:crypto against the RFC's public
// keys, and the RFC's published signatures are checked against the base we build.

const CREATED = 1618884473;
const CONTENT_DIGEST =
  'sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:';

// B.2: POST /foo?param=Value&Pet=dog to example.com with a JSON body.
function testRequest(origin = 'https://example.com', extra: Record<string, string> = {}): AuthRequest {
  return {
    method: 'POST',
    url: `${origin}/foo?param=Value&Pet=dog`,
    headers: new Headers({
      Host: new URL(origin).host,
      Date: 'Tue, 20 Apr 2021 02:07:55 GMT',
      'Content-Type': 'application/json',
      'Content-Digest': CONTENT_DIGEST,
      'Content-Length': '18',
      ...extra,
    }),
    body: { kind: 'bytes', contentType: 'application/json', data: '{"hello": "world"}' },
  };
}

const keyOf = (id: string) => HTTPSIG_TEST_KEYS[id]!;
const publicKey = (id: string): KeyObject => createPublicKey(createPrivateKey(keyOf(id).key));
const b64 = (signatureHeader: string) => Buffer.from(/=:([^:]*):$/.exec(signatureHeader)![1]!, 'base64');

function nodeVerify(algorithm: string, keyId: string, base: string, signature: Buffer): boolean {
  const data = Buffer.from(base);
  const key = publicKey(keyId);
  switch (algorithm) {
    case 'rsa-pss-sha512':
      return verify('sha512', data, { key, padding: 6, saltLength: 64 }, signature);
    case 'rsa-v1_5-sha256':
      return verify('sha256', data, key, signature);
    case 'ecdsa-p256-sha256':
      return verify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, signature);
    default:
      return verify(null, data, key, signature);
  }
}

async function explain(
  keyId: string,
  settings: Omit<HttpSignatureOptions, 'key' | 'keyId' | 'algorithm' | 'store'>,
  request = testRequest(),
): Promise<Explanation> {
  const { key, algorithm } = keyOf(keyId);
  const strategy = httpSignature({
    keyId,
    key,
    algorithm,
    keyEncoding: algorithm === 'hmac-sha256' ? 'base64' : 'utf8',
    clock: () => CREATED * 1000,
    ...settings,
  } as HttpSignatureOptions);
  return strategy.explain!(request, { attempt: 0 });
}

const header = (e: Explanation, name: string) => e.added.headers?.[name];

describe('RFC 9421 B.2 through httpSignature', () => {
  it('B.2.1 minimal signature (rsa-pss-sha512): no components, a nonce', async () => {
    const e = await explain('test-key-rsa-pss', {
      label: 'sig-b21',
      components: [],
      params: ['created', 'keyid', 'nonce'],
      nonce: () => 'b3k2pp5k7z-50gnwp.yemd',
    });
    expect(header(e, 'Signature-Input')).toBe(
      'sig-b21=();created=1618884473;keyid="test-key-rsa-pss";nonce="b3k2pp5k7z-50gnwp.yemd"',
    );
    expect(e.base).toBe(
      '"@signature-params": ();created=1618884473;keyid="test-key-rsa-pss";nonce="b3k2pp5k7z-50gnwp.yemd"',
    );
    expect(nodeVerify('rsa-pss-sha512', 'test-key-rsa-pss', e.base, b64(header(e, 'Signature')!))).toBe(true);
    const published =
      'd2pmTvmbncD3xQm8E9ZV2828BjQWGgiwAaw5bAkgibUopemLJcWDy/lkbbHAve4cRAtx31Iq786U7it++wgGxbtRxf8Udx7zFZsckzXaJMkA7ChG52eSkFxykJeNqsrWH5S+oxNFlD4dzVuwe8DhTSja8xxbR/Z2cOGdCbzR72rgFWhzx2VjBqJzsPLMIQKhO4DGezXehhWwE56YCE+O6c0mKZsfxVrogUvA4HELjVKWmAvtl6UnCh8jYzuVG5WSb/QEVPnP5TmcAnLH1g+s++v6d4s8m0gCw1fV5/SITLq9mhho8K3+7EPYTU8IU1bLhdxO5Nyt8C8ssinQ98Xw9Q==';
    expect(nodeVerify('rsa-pss-sha512', 'test-key-rsa-pss', e.base, Buffer.from(published, 'base64'))).toBe(
      true,
    );
  });

  it('B.2.2 selective components (rsa-pss-sha512): @query-param, content-digest, tag', async () => {
    const e = await explain('test-key-rsa-pss', {
      label: 'sig-b22',
      components: ['@authority', 'content-digest', '@query-param;name="Pet"'],
      tag: 'header-example',
      contentDigest: 'sha-512',
    });
    expect(header(e, 'Signature-Input')).toBe(
      'sig-b22=("@authority" "content-digest" "@query-param";name="Pet");created=1618884473;keyid="test-key-rsa-pss";tag="header-example"',
    );
    expect(header(e, 'Content-Digest')).toBe(CONTENT_DIGEST);
    expect(e.base).toBe(
      [
        '"@authority": example.com',
        `"content-digest": ${CONTENT_DIGEST}`,
        '"@query-param";name="Pet": dog',
        '"@signature-params": ("@authority" "content-digest" "@query-param";name="Pet");created=1618884473;keyid="test-key-rsa-pss";tag="header-example"',
      ].join('\n'),
    );
    expect(nodeVerify('rsa-pss-sha512', 'test-key-rsa-pss', e.base, b64(header(e, 'Signature')!))).toBe(true);
    const published =
      'LjbtqUbfmvjj5C5kr1Ugj4PmLYvx9wVjZvD9GsTT4F7GrcQEdJzgI9qHxICagShLRiLMlAJjtq6N4CDfKtjvuJyE5qH7KT8UCMkSowOB4+ECxCmT8rtAmj/0PIXxi0A0nxKyB09RNrCQibbUjsLS/2YyFYXEu4TRJQzRw1rLEuEfY17SARYhpTlaqwZVtR8NV7+4UKkjqpcAoFqWFQh62s7Cl+H2fjBSpqfZUJcsIk4N6wiKYd4je2U/lankenQ99PZfB4jY3I5rSV2DSBVkSFsURIjYErOs0tFTQosMTAoxk//0RoKUqiYY8Bh0aaUEb0rQl3/XaVe4bXTugEjHSw==';
    expect(nodeVerify('rsa-pss-sha512', 'test-key-rsa-pss', e.base, Buffer.from(published, 'base64'))).toBe(
      true,
    );
  });

  it('B.2.3 full coverage (rsa-pss-sha512)', async () => {
    const e = await explain('test-key-rsa-pss', {
      label: 'sig-b23',
      components: [
        'date',
        '@method',
        '@path',
        '@query',
        '@authority',
        'content-type',
        'content-digest',
        'content-length',
      ],
      contentDigest: 'sha-512',
    });
    expect(header(e, 'Signature-Input')).toBe(
      'sig-b23=("date" "@method" "@path" "@query" "@authority" "content-type" "content-digest" "content-length");created=1618884473;keyid="test-key-rsa-pss"',
    );
    expect(e.base).toBe(
      [
        '"date": Tue, 20 Apr 2021 02:07:55 GMT',
        '"@method": POST',
        '"@path": /foo',
        '"@query": ?param=Value&Pet=dog',
        '"@authority": example.com',
        '"content-type": application/json',
        `"content-digest": ${CONTENT_DIGEST}`,
        '"content-length": 18',
        '"@signature-params": ("date" "@method" "@path" "@query" "@authority" "content-type" "content-digest" "content-length");created=1618884473;keyid="test-key-rsa-pss"',
      ].join('\n'),
    );
    expect(nodeVerify('rsa-pss-sha512', 'test-key-rsa-pss', e.base, b64(header(e, 'Signature')!))).toBe(true);
    const published =
      'bbN8oArOxYoyylQQUU6QYwrTuaxLwjAC9fbY2F6SVWvh0yBiMIRGOnMYwZ/5MR6fb0Kh1rIRASVxFkeGt683+qRpRRU5p2voTp768ZrCUb38K0fUxN0O0iC59DzYx8DFll5GmydPxSmme9v6ULbMFkl+V5B1TP/yPViV7KsLNmvKiLJH1pFkh/aYA2HXXZzNBXmIkoQoLd7YfW91kE9o/CCoC1xMy7JA1ipwvKvfrs65ldmlu9bpG6A9BmzhuzF8Eim5f8ui9eH8LZH896+QIF61ka39VBrohr9iyMUJpvRX2Zbhl5ZJzSRxpJyoEZAFL2FUo5fTIztsDZKEgM4cUA==';
    expect(nodeVerify('rsa-pss-sha512', 'test-key-rsa-pss', e.base, Buffer.from(published, 'base64'))).toBe(
      true,
    );
  });

  it('B.2.4 is a response signature; its ECDSA key signs requests that node:crypto verifies', async () => {
    // The published B.2.4 signature verifies under the key text used here, so the key is the RFC's.
    const b24Base = [
      '"@status": 200',
      '"content-type": application/json',
      '"content-digest": sha-512=:mEWXIS7MaLRuGgxOBdODa3xqM1XdEvxoYhvlCFJ41QJgJc4GTsPp29l5oGX69wWdXymyU0rjJuahq4l5aGgfLQ==:',
      '"content-length": 23',
      '"@signature-params": ("@status" "content-type" "content-digest" "content-length");created=1618884473;keyid="test-key-ecc-p256"',
    ].join('\n');
    const b24 = 'wNmSUAhwb5LxtOtOpNa6W5xj067m5hFrj0XQ4fvpaCLx0NKocgPquLgyahnzDnDAUy5eCdlYUEkLIj+32oiasw==';
    expect(nodeVerify('ecdsa-p256-sha256', 'test-key-ecc-p256', b24Base, Buffer.from(b24, 'base64'))).toBe(
      true,
    );
    const e = await explain('test-key-ecc-p256', {
      label: 'sig-b24',
      components: ['@method', '@authority', 'content-type', 'content-digest', 'content-length'],
    });
    expect(header(e, 'Signature-Input')).toBe(
      'sig-b24=("@method" "@authority" "content-type" "content-digest" "content-length");created=1618884473;keyid="test-key-ecc-p256"',
    );
    expect(b64(header(e, 'Signature')!)).toHaveLength(64);
    expect(nodeVerify('ecdsa-p256-sha256', 'test-key-ecc-p256', e.base, b64(header(e, 'Signature')!))).toBe(
      true,
    );
  });

  it('B.2.5 HMAC (hmac-sha256): the same signature byte for byte', async () => {
    const e = await explain('test-shared-secret', {
      label: 'sig-b25',
      components: ['date', '@authority', 'content-type'],
    });
    expect(header(e, 'Signature-Input')).toBe(
      'sig-b25=("date" "@authority" "content-type");created=1618884473;keyid="test-shared-secret"',
    );
    expect(e.base).toBe(
      [
        '"date": Tue, 20 Apr 2021 02:07:55 GMT',
        '"@authority": example.com',
        '"content-type": application/json',
        '"@signature-params": ("date" "@authority" "content-type");created=1618884473;keyid="test-shared-secret"',
      ].join('\n'),
    );
    expect(header(e, 'Signature')).toBe('sig-b25=:pxcQw6G3AjtMBQjwo8XzkZf/bws5LelbaMk5rGIGtE8=:');
  });

  it('B.2.6 Ed25519: the same signature byte for byte', async () => {
    const e = await explain('test-key-ed25519', {
      label: 'sig-b26',
      components: ['date', '@method', '@path', '@authority', 'content-type', 'content-length'],
    });
    expect(header(e, 'Signature-Input')).toBe(
      'sig-b26=("date" "@method" "@path" "@authority" "content-type" "content-length");created=1618884473;keyid="test-key-ed25519"',
    );
    expect(e.base).toBe(
      [
        '"date": Tue, 20 Apr 2021 02:07:55 GMT',
        '"@method": POST',
        '"@path": /foo',
        '"@authority": example.com',
        '"content-type": application/json',
        '"content-length": 18',
        '"@signature-params": ("date" "@method" "@path" "@authority" "content-type" "content-length");created=1618884473;keyid="test-key-ed25519"',
      ].join('\n'),
    );
    expect(header(e, 'Signature')).toBe(
      'sig-b26=:wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5WPpBKRCw==:',
    );
  });

  it('4.3 proxy signature (rsa-v1_5-sha256): parameters in the configured order, the same signature', async () => {
    const request = testRequest('https://origin.host.internal.example', {
      Forwarded: 'for=192.0.2.123;host=example.com;proto=https',
    });
    const e = await explain(
      'test-key-rsa',
      {
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
        clock: () => 1618884480 * 1000,
        contentDigest: 'sha-512',
      },
      request,
    );
    expect(header(e, 'Signature-Input')).toBe(
      'proxy_sig=("@method" "@authority" "@path" "content-digest" "content-type" "content-length" "forwarded");created=1618884480;keyid="test-key-rsa";alg="rsa-v1_5-sha256";expires=1618884540',
    );
    expect(header(e, 'Signature')).toBe(
      'proxy_sig=:S6ZzPXSdAMOPjN/6KXfXWNO/f7V6cHm7BXYUh3YD/fRad4BCaRZxP+JH+8XY1I6+8Cy+CM5g92iHgxtRPz+MjniOaYmdkDcnL9cCpXJleXsOckpURl49GwiyUpZ10KHgOEe11sx3G2gxI8S0jnxQB+Pu68U9vVcasqOWAEObtNKKZd8tSFu7LB5YAv0RAGhB8tmpv7sFnIm9y+7X5kXQfi8NMaZaA8i2ZHwpBdg7a6CMfwnnrtflzvZdXAsD3LH2TwevU+/PBPv0B6NMNk93wUs/vfJvye+YuI87HU38lZHowtznbLVdp770I6VHR6WfgS9ddzirrswsE1w5o0LV/g==:',
    );
  });
});

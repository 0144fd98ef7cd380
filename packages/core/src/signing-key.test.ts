import { createPrivateKey, createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSigner, type KeyAlgorithm } from './signing-key.ts';

// Each key in the form people hold it; node:crypto (an independent implementation) verifies.
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pss = generateKeyPairSync('rsa-pss', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const ec384 = generateKeyPairSync('ec', { namedCurve: 'P-384' });
const ed = generateKeyPairSync('ed25519');
const pem = (key: typeof rsa.privateKey, type: 'pkcs8' | 'pkcs1' | 'sec1') =>
  key.export({ type, format: 'pem' }) as string;
const data = '"@method": POST\n"@signature-params": ("@method");created=1';

const cases: [string, KeyAlgorithm, string | JsonWebKey, (s: Buffer) => boolean][] = [
  [
    'PKCS#8 Ed25519',
    'ed25519',
    pem(ed.privateKey, 'pkcs8'),
    (s) => verify(null, Buffer.from(data), ed.publicKey, s),
  ],
  [
    'JWK Ed25519',
    'ed25519',
    ed.privateKey.export({ format: 'jwk' }),
    (s) => verify(null, Buffer.from(data), ed.publicKey, s),
  ],
  [
    'SEC1 P-256',
    'ecdsa-p256-sha256',
    pem(ec.privateKey, 'sec1'),
    (s) => verify('sha256', Buffer.from(data), { key: ec.publicKey, dsaEncoding: 'ieee-p1363' }, s),
  ],
  [
    'PKCS#8 P-384',
    'ecdsa-p384-sha384',
    pem(ec384.privateKey, 'pkcs8'),
    (s) => verify('sha384', Buffer.from(data), { key: ec384.publicKey, dsaEncoding: 'ieee-p1363' }, s),
  ],
  [
    'PKCS#1 RSA, v1.5',
    'rsa-v1_5-sha256',
    pem(rsa.privateKey, 'pkcs1'),
    (s) => verify('sha256', Buffer.from(data), rsa.publicKey, s),
  ],
  [
    'PKCS#8 RSA-PSS identifier',
    'rsa-pss-sha512',
    pem(pss.privateKey, 'pkcs8'),
    (s) =>
      verify(
        'sha512',
        Buffer.from(data),
        { key: createPublicKey(pss.privateKey), padding: 6, saltLength: 64 },
        s,
      ),
  ],
];

describe('createSigner', () => {
  it.each(cases)('signs with a %s key, verified by node:crypto', async (_, algorithm, key, check) => {
    const signature = await createSigner('@authplug/test', algorithm, key)(data);
    expect(check(Buffer.from(signature))).toBe(true);
  });

  it('keys HMAC with the secret bytes', async () => {
    const { createHmac } = await import('node:crypto');
    const secret = new Uint8Array([0, 1, 2, 250]);
    const signature = await createSigner('@authplug/test', 'hmac-sha256', secret)(data);
    expect(Buffer.from(signature).toString('hex')).toBe(
      createHmac('sha256', secret).update(data).digest('hex'),
    );
  });

  it('keeps the HMAC key it was given, whatever the caller later does to the array', async () => {
    const { createHmac } = await import('node:crypto');
    // A Buffer: its slice() is a view, not a copy.
    const secret = Buffer.from([9, 8, 7, 6, 5]);
    const expected = createHmac('sha256', secret).update(data).digest('hex');
    const sign = createSigner('@authplug/test', 'hmac-sha256', secret);
    await sign(data);
    secret.fill(0);
    // Another key in between, so a kept per-key state would be rebuilt from the caller's array.
    await createSigner('@authplug/test', 'hmac-sha256', 'other')(data);
    expect(Buffer.from(await sign(data)).toString('hex')).toBe(expected);
  });

  it('names the mismatch when the key is of another type', async () => {
    const error = await createSigner(
      '@authplug/test',
      'ed25519',
      pem(rsa.privateKey, 'pkcs8'),
    )(data).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'AUTHPLUG_UNSUPPORTED_ALGORITHM', algorithm: 'ed25519' });
    expect((error as Error).message).toMatch(/^@authplug\/test: .*RSA key/);
  });

  it('refuses public, encrypted and non-PEM keys without showing them', async () => {
    const encrypted = ed.privateKey.export({
      type: 'pkcs8',
      format: 'pem',
      cipher: 'aes-256-cbc',
      passphrase: 'p',
    });
    const inputs = [ed.publicKey.export({ type: 'spki', format: 'pem' }), encrypted, 'not a key'] as string[];
    for (const key of inputs) {
      const error = await createSigner('@authplug/test', 'ed25519', key)(data).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'AUTHPLUG_INVALID_KEY' });
      if (key.length > 80) expect(JSON.stringify(error)).not.toContain(key.slice(40, 80));
    }
  });

  it('refuses an unknown algorithm at once', () => {
    expect(() => createSigner('@authplug/test', 'rsa-sha1' as KeyAlgorithm, 'k')).toThrowError(
      expect.objectContaining({ code: 'AUTHPLUG_UNSUPPORTED_ALGORITHM' }),
    );
  });

  it('accepts a CryptoKey as is', async () => {
    const key = (await crypto.subtle.importKey(
      'pkcs8',
      createPrivateKey(pem(ed.privateKey, 'pkcs8')).export({ type: 'pkcs8', format: 'der' }),
      'Ed25519',
      false,
      ['sign'],
    )) as CryptoKey;
    const signature = await createSigner('@authplug/test', 'ed25519', key)(data);
    expect(verify(null, Buffer.from(data), ed.publicKey, Buffer.from(signature))).toBe(true);
  });
});

describe('createSigner on Node and through WebCrypto', () => {
  // RFC 9421 B.2.5 and B.2.6: both paths must give the published signatures.
  const secret = Buffer.from(
    'uzvJfB4u3N0Jy4T7NZ75MDVcr8zSTInedJtkgcu46YW4XByzNJjxBdtjUkdJPBtbmHhIDi6pcl8jsasjlTMtDQ==',
    'base64',
  );
  const edKey =
    '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIJ+DYvh6SEqVTm50DFtMDoQikTmiCqirVv9mWG9qfSnF\n-----END PRIVATE KEY-----';
  const b25 = [
    '"date": Tue, 20 Apr 2021 02:07:55 GMT',
    '"@authority": example.com',
    '"content-type": application/json',
    '"@signature-params": ("date" "@authority" "content-type");created=1618884473;keyid="test-shared-secret"',
  ].join('\n');
  const b26 = [
    '"date": Tue, 20 Apr 2021 02:07:55 GMT',
    '"@method": POST',
    '"@path": /foo',
    '"@authority": example.com',
    '"content-type": application/json',
    '"content-length": 18',
    '"@signature-params": ("date" "@method" "@path" "@authority" "content-type" "content-length");created=1618884473;keyid="test-key-ed25519"',
  ].join('\n');
  it.each([false, true])(
    'gives the RFC 9421 HMAC and Ed25519 signatures (webCrypto: %s)',
    async (webCrypto) => {
      const hmac = await createSigner('@authplug/test', 'hmac-sha256', secret, { webCrypto })(b25);
      expect(Buffer.from(hmac).toString('base64')).toBe('pxcQw6G3AjtMBQjwo8XzkZf/bws5LelbaMk5rGIGtE8=');
      const ed = await createSigner('@authplug/test', 'ed25519', edKey, { webCrypto })(b26);
      expect(Buffer.from(ed).toString('base64')).toBe(
        'wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5WPpBKRCw==',
      );
    },
  );
});

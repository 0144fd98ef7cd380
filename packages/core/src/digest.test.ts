import { createHash, createHmac, generateKeyPairSync, verify } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nodeDigests, webDigests } from './digest.ts';
import { md5 } from './md5.ts';

const node = nodeDigests!;

describe('digests', () => {
  it('MD5 in JS equals node:crypto for any input, across block boundaries', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(Buffer.from(md5(bytes)).toString('hex')).toBe(createHash('md5').update(bytes).digest('hex'));
      }),
      { numRuns: 300 },
    );
    // RFC 1321 appendix A.5 test suite.
    const hex = (s: string) => Buffer.from(md5(new TextEncoder().encode(s))).toString('hex');
    expect(hex('')).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(hex('abc')).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(hex('12345678901234567890123456789012345678901234567890123456789012345678901234567890')).toBe(
      '57edf4a22be3c955ac49da2e2107b67a',
    );
  });

  it('the node and web implementations agree on every hash and HMAC', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'grapheme' }),
        fc.string({ unit: 'grapheme' }),
        async (key, data) => {
          for (const algorithm of ['md5', 'sha1', 'sha256'] as const) {
            for (const encoding of ['hex', 'base64'] as const) {
              expect(await webDigests.hash(algorithm, data, encoding)).toBe(
                await node.hash(algorithm, data, encoding),
              );
            }
          }
          for (const algorithm of ['sha1', 'sha256'] as const) {
            expect(await webDigests.hmac(algorithm, key, data)).toBe(
              createHmac(algorithm, key).update(data).digest('hex'),
            );
            expect(await node.hmac(algorithm, key, data, 'base64')).toBe(
              createHmac(algorithm, key).update(data).digest('base64'),
            );
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('node HMAC matches createHmac for long keys and messages, past the reused buffer, and switching keys', async () => {
    const long = `${'k'.repeat(65)}é`;
    const huge = 'x☕'.repeat(40_000);
    const cases: [string, string][] = [
      [long, 'data'],
      ['a'.repeat(64), 'exactly one block of key'],
      ['', ''],
      ['short', huge],
      ['other', 'after the long one \uD800 lone surrogate'],
      [long, 'same key again'],
    ];
    for (const algorithm of ['sha1', 'sha256'] as const) {
      for (const [key, data] of cases) {
        expect(await node.hmac(algorithm, key, data)).toBe(
          createHmac(algorithm, key).update(data).digest('hex'),
        );
      }
    }
  });

  it('RSA-SHA1 signatures from both implementations verify with the public key', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', {
      modulusLength: 1024,
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    for (const digests of [node, webDigests]) {
      const signature = await digests.rsaSha1(privateKey, 'GET&http%3A%2F%2Fx.test%2F&a%3D1');
      expect(
        verify(
          'RSA-SHA1',
          Buffer.from('GET&http%3A%2F%2Fx.test%2F&a%3D1'),
          publicKey,
          Buffer.from(signature, 'base64'),
        ),
      ).toBe(true);
    }
    await expect(webDigests.rsaSha1('not a key', 'x')).rejects.toMatchObject({
      code: 'AUTHPLUG_INVALID_PRIVATE_KEY',
    });
    await expect(node.rsaSha1('not a key', 'x')).rejects.toMatchObject({
      code: 'AUTHPLUG_INVALID_PRIVATE_KEY',
    });
  });
});

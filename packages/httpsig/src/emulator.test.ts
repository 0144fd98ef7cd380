import { HTTPSIG_TEST_KEYS, httpsigEmulator } from '@authplug/emulators';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { httpSignature } from './index.ts';

// Random requests signed here are verified by the emulator, which reads them with its own code
// (node:crypto, its own Signature-Input reading and query-parameter encoding): odd characters in
// query names and values, header values, and bodies.

const emulator = httpsigEmulator();
const { keyId, key } = HTTPSIG_TEST_KEYS['test-shared-secret']!;
// RFC 9421 2.2.8's encoding of a query name, written independently: encodeURIComponent, then the
// characters it leaves alone but the form-urlencoded set encodes.
const encodedName = (name: string) =>
  encodeURIComponent(name).replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

const text = fc.string({ unit: 'grapheme', maxLength: 12 });
const headerValue = fc.string({
  unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)),
  minLength: 1,
  maxLength: 20,
});

describe('signatures the emulator verifies', () => {
  it('on random query parameters, header values and bodies', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(
          fc.tuple(
            text.filter((s) => s.length > 0),
            text,
          ),
          { selector: ([k]) => k, maxLength: 4 },
        ),
        headerValue,
        fc.option(fc.string({ unit: 'grapheme', maxLength: 40 }), { nil: undefined }),
        async (query, header, body) => {
          const search = new URLSearchParams(query).toString();
          const url = `https://api.httpsig.test/items/caf%C3%A9${search ? `?${search}` : ''}`;
          const components = [
            '@method',
            '@target-uri',
            '@authority',
            '@path',
            '@query',
            '@request-target',
            'x-thing',
            'content-digest',
            ...query.map(([name]) => `@query-param;name="${encodedName(name)}"`),
          ];
          const method = body === undefined ? 'GET' : 'POST';
          const headers = new Headers({
            'x-thing': header,
            ...(body === undefined ? {} : { 'content-type': 'text/plain' }),
          });
          const signed = await httpSignature({
            keyId,
            key,
            keyEncoding: 'base64',
            algorithm: 'hmac-sha256',
            components,
          }).sign(
            {
              method,
              url,
              headers,
              body:
                body === undefined || body === ''
                  ? { kind: 'none' }
                  : { kind: 'bytes', contentType: 'text/plain', data: body },
            },
            { attempt: 0 },
          );
          for (const [name, value] of Object.entries(signed.headers!)) headers.set(name, value);
          const response = await emulator.fetch(
            new Request(url, { method, headers, body: body || undefined }),
          );
          expect(response.status, JSON.stringify(await response.clone().json())).toBe(200);
        },
      ),
      { numRuns: 150 },
    );
  });
});

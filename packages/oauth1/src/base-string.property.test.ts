import { createHmac } from 'node:crypto';
import { type AuthRequest, type Param, toBody } from '@authplug/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signatureBaseString } from './base-string.ts';
import { oauth1 } from './oauth1.ts';

// Property tests against an independent oracle (WHATWG URL + URLSearchParams + encodeURIComponent,
// as a server would do it) over the traps peers get wrong: default ports, upper-case hosts, `+`
// in the query, repeated keys, `!*'()`, fragments, form Content-Type spelled in another case.

const enc = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
function oracle(method: string, url: string, params: readonly Param[]): string {
  const u = new URL(url);
  const pairs = [...u.searchParams, ...params]
    .map(([k, v]) => [enc(k), enc(v)] as const)
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  return `${method.toUpperCase()}&${enc(`${u.protocol}//${u.host}${u.pathname}`)}&${enc(pairs)}`;
}

const TRAPS = [
  '!',
  '*',
  "'",
  '(',
  ')',
  '+',
  ' ',
  '~',
  '%',
  '&',
  '=',
  '?',
  '/',
  'é',
  '☕',
  '😀',
  'a',
  'A',
  '0',
];
const text = fc.oneof(
  fc.string({ unit: fc.constantFrom(...TRAPS), maxLength: 6 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
);
// Repeated names are likely: names come from a small pool half the time.
const name = fc.oneof(fc.constantFrom('a', 'b', 'tag', 'a b', "x!*'()"), text);
const pairs = fc.array(fc.tuple(name, text), { maxLength: 6 });
const host = fc.constantFrom('example.com', 'api.photos.example.net', 'localhost', '127.0.0.1');
const path = fc.array(fc.constantFrom('a', 'B', 'r%20v', '%7E', 'x.json', ''), { maxLength: 3 });
const scheme = fc.constantFrom('http', 'https');
const randomCase = (s: string, flips: boolean[]) =>
  [...s].map((c, i) => (flips[i % flips.length] ? c.toUpperCase() : c.toLowerCase())).join('');

const oauthParams = (extra: Param[] = []): Param[] => [
  ['oauth_consumer_key', 'ck'],
  ['oauth_nonce', 'n0nce'],
  ['oauth_signature_method', 'HMAC-SHA1'],
  ['oauth_timestamp', '1700000000'],
  ['oauth_token', 'tk'],
  ['oauth_version', '1.0'],
  ...extra,
];
const strategy = () =>
  oauth1({
    consumerKey: 'ck',
    consumerSecret: "cs !*'()",
    token: 'tk',
    tokenSecret: 'ts+&=',
    clock: () => 1_700_000_000_000,
    nonce: () => 'n0nce',
  });
const KEY = `${enc("cs !*'()")}&${enc('ts+&=')}`;
const signatureOf = (header: string | undefined) =>
  decodeURIComponent(/oauth_signature="([^"]+)"/.exec(header ?? '')![1]!);
const headers = { get: () => undefined };

describe('signature base string properties', () => {
  it('matches the oracle for any query (URLSearchParams-encoded: + for space) and form fields', async () => {
    await fc.assert(
      fc.asyncProperty(scheme, host, path, pairs, pairs, async (s, h, p, query, form) => {
        const search = new URLSearchParams(query).toString();
        const url = `${s}://${h}/${p.join('/')}${search ? `?${search}` : ''}`;
        const request: AuthRequest = {
          method: 'post',
          url,
          headers,
          body: form.length ? { kind: 'form', fields: form } : { kind: 'none' },
        };
        const header = (await strategy().sign(request, { attempt: 0 })).headers?.['authorization'];
        const expected = createHmac('sha1', KEY)
          .update(oracle('POST', url, [...form, ...oauthParams()]))
          .digest('base64');
        expect(signatureOf(header)).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('ignores default ports, the case of scheme and host, and fragments', () => {
    fc.assert(
      fc.property(
        scheme,
        host,
        path,
        pairs,
        fc.array(fc.boolean(), { minLength: 1 }),
        fc.string({ maxLength: 5 }),
        (s, h, p, query, flips, fragment) => {
          const search = new URLSearchParams(query).toString();
          const tail = `/${p.join('/')}${search ? `?${search}` : ''}`;
          const plain = `${s}://${h}${tail}`;
          const port = s === 'http' ? ':80' : ':443';
          const odd = `${randomCase(s, flips)}://${randomCase(h, flips)}${port}${tail}#${fragment}`;
          const params = [...new URLSearchParams(search)] as Param[];
          expect(signatureBaseString('GET', odd, params)).toBe(signatureBaseString('GET', plain, params));
          expect(signatureBaseString('GET', plain, params)).toBe(oracle('GET', plain, []));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps non-default ports; `+` in a query is a space, `%2B` a plus', () => {
    expect(signatureBaseString('GET', 'https://Example.com:8443/p', [])).toBe(
      `GET&${enc('https://example.com:8443/p')}&`,
    );
    expect(signatureBaseString('GET', 'http://example.com:443/p', [])).toContain(
      enc('http://example.com:443/p'),
    );
    const plus = signatureBaseString('GET', 'http://x.test/', [['a', 'b c']]);
    expect(plus).toBe('GET&http%3A%2F%2Fx.test%2F&a%3Db%2520c');
    expect(signatureBaseString('GET', 'http://x.test/', [['a', 'b+c']])).toBe(
      'GET&http%3A%2F%2Fx.test%2F&a%3Db%252Bc',
    );
  });

  it('repeated keys are all kept and ordered by value', () => {
    expect(
      signatureBaseString('GET', 'http://x.test/', [
        ['tag', 'b'],
        ['tag', 'a'],
        ['tag', 'b'],
        ['a', ''],
      ]),
    ).toBe(`GET&http%3A%2F%2Fx.test%2F&${enc('a=&tag=a&tag=b&tag=b')}`);
  });

  it('a form body signs the same whatever the case of its Content-Type', async () => {
    await fc.assert(
      fc.asyncProperty(pairs, fc.array(fc.boolean(), { minLength: 1 }), async (form, flips) => {
        const body = new URLSearchParams(form).toString();
        const type = `${randomCase('application/x-www-form-urlencoded', flips)}; charset=UTF-8`;
        const request = (contentType: string): AuthRequest => ({
          method: 'POST',
          url: 'https://x.test/p',
          headers,
          body: toBody(body, contentType),
        });
        const odd = await strategy().sign(request(type), { attempt: 0 });
        const plain = await strategy().sign(request('application/x-www-form-urlencoded'), { attempt: 0 });
        expect(odd).toEqual(plain);
        const expected = createHmac('sha1', KEY)
          .update(oracle('POST', 'https://x.test/p', [...new URLSearchParams(body), ...oauthParams()]))
          .digest('base64');
        expect(signatureOf(odd.headers?.['authorization'])).toBe(expected);
      }),
      { numRuns: 200 },
    );
  });
});

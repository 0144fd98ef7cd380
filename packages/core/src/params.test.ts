import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { percentEncode } from './encode.ts';
import {
  collectEncodedParams,
  collectParams,
  compareCodePoints,
  isFormContentType,
  parseParams,
  serializeParams,
  sortParams,
} from './params.ts';
import type { AuthRequest, RequestBody } from './request.ts';

const request = (url: string, body: RequestBody = { kind: 'none' }): AuthRequest => ({
  method: 'POST',
  url,
  headers: { get: () => undefined },
  body,
});

// Queries dense in what parsing must get right: escapes (valid, stray, not UTF-8), `+`, `=`, `&`,
// reserved and non-ASCII characters, lone surrogates.
const piece = fc.oneof(
  fc.constantFrom('%', '%2', '%20', '%2B', '%7E', '%41', '%C3%A9', '%C3', '%E2%98%95', '%zz', '%ED%A0%80'),
  fc.constantFrom('+', '=', '&', '?', '~', '*', "'", '!', 'é', '☕', '\uD800', 'a', 'Z', '0', '-', '.', '_'),
  fc.string({ maxLength: 3 }),
);
const query = fc.array(piece, { maxLength: 20 }).map((pieces) => pieces.join(''));

describe('parseParams', () => {
  it('parses dense queries exactly as URLSearchParams does', () => {
    fc.assert(
      fc.property(query, (s) => {
        expect(parseParams(s)).toEqual([...new URLSearchParams(`&${s}`)]);
      }),
      { numRuns: 3000 },
    );
  });

  it('parses exactly as URLSearchParams does', () => {
    // The leading '&' stops the URLSearchParams constructor from stripping a leading '?'.
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(parseParams(s)).toEqual([...new URLSearchParams(`&${s}`)]);
      }),
      { numRuns: 500 },
    );
    for (const s of ['a=1&&b', '=x', 'a==b', 'c=%zz&d=+%2B', 'e&e=&e=1']) {
      expect(parseParams(s)).toEqual([...new URLSearchParams(s)]);
    }
  });
});

describe('collectEncodedParams', () => {
  it('is collectParams with every name and value percent-encoded, for any query', () => {
    const form: RequestBody = { kind: 'form', fields: [['f ☕', 'x&y=z']] };
    fc.assert(
      fc.property(query, fc.boolean(), (q, withForm) => {
        const r = request(`https://x.test/p?${q}#frag`, withForm ? form : { kind: 'none' });
        const expected = collectParams(r).map(([n, v]) => [percentEncode(n), percentEncode(v)]);
        expect(collectEncodedParams(r)).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses a stream that may hold form fields, as collectParams does', () => {
    const r = request('https://x.test/?a=1', { kind: 'opaque', contentType: undefined, stream: true });
    expect(() => collectEncodedParams(r)).toThrow(
      expect.objectContaining({ code: 'AUTHPLUG_UNREADABLE_BODY' }),
    );
  });
});

describe('collectParams', () => {
  it('returns query parameters then form fields, repeats kept', () => {
    const body: RequestBody = {
      kind: 'form',
      fields: [
        ['b', '2'],
        ['a', '3'],
      ],
    };
    expect(collectParams(request('https://x.test/p?a=1&a=2#frag', body))).toEqual([
      ['a', '1'],
      ['a', '2'],
      ['b', '2'],
      ['a', '3'],
    ]);
  });

  it('ignores bytes bodies (JSON) and multipart', () => {
    const json: RequestBody = { kind: 'bytes', contentType: 'application/json', data: '{"a":1}' };
    const multipart: RequestBody = {
      kind: 'opaque',
      contentType: 'multipart/form-data; boundary=x',
      stream: false,
    };
    expect(collectParams(request('https://x.test/?q=1', json))).toEqual([['q', '1']]);
    expect(collectParams(request('https://x.test/?q=1', multipart))).toEqual([['q', '1']]);
  });

  it('refuses a stream that may hold form fields', () => {
    for (const contentType of [undefined, 'application/x-www-form-urlencoded']) {
      expect(() =>
        collectParams(request('https://x.test/', { kind: 'opaque', contentType, stream: true })),
      ).toThrow(expect.objectContaining({ code: 'AUTHPLUG_UNREADABLE_BODY' }));
    }
    const upload: RequestBody = { kind: 'opaque', contentType: 'application/octet-stream', stream: true };
    expect(collectParams(request('https://x.test/?a=1', upload))).toEqual([['a', '1']]);
  });
});

describe('sortParams', () => {
  it('orders by name then value, in UTF-8 byte order', () => {
    const params: [string, string][] = [
      ['b', '1'],
      ['a', '2'],
      ['a', '10'],
      ['a-b', 'x'],
      ['\u{1F600}', 'astral'],
      ['\uFF01', 'bmp'],
    ];
    const byBytes = params.toSorted(
      ([a, x], [b, y]) =>
        Buffer.compare(Buffer.from(a), Buffer.from(b)) || Buffer.compare(Buffer.from(x), Buffer.from(y)),
    );
    expect(sortParams(params)).toEqual(byBytes);
  });

  it('agrees with byte order for any strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (a, b) => {
        expect(Math.sign(compareCodePoints(a, b))).toBe(
          Math.sign(Buffer.compare(Buffer.from(a), Buffer.from(b))),
        );
      }),
    );
  });

  it('does not reorder its input', () => {
    const params: [string, string][] = [
      ['b', '1'],
      ['a', '1'],
    ];
    sortParams(params);
    expect(params[0]![0]).toBe('b');
  });
});

describe('serializeParams', () => {
  it('round-trips through URLSearchParams', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }))),
        (pairs) => {
          expect([...new URLSearchParams(serializeParams(pairs))]).toEqual(pairs);
        },
      ),
    );
  });
});

describe('isFormContentType', () => {
  it('accepts any case and parameters', () => {
    expect(isFormContentType('application/x-www-form-urlencoded')).toBe(true);
    expect(isFormContentType('Application/X-WWW-Form-URLEncoded; charset=UTF-8')).toBe(true);
    expect(isFormContentType('application/json')).toBe(false);
    expect(isFormContentType(undefined)).toBe(false);
  });
});

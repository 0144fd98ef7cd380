import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { percentEncode } from './encode.ts';
import { parseParams } from './params.ts';

describe('percentEncode', () => {
  it('encodes as RFC 3986 section 2.1 and RFC 5849 section 3.6 require', () => {
    // Examples from RFC 5849 section 3.4.1.3.2 and the OAuth test cases of the OAuth wiki.
    expect(percentEncode('abcABC123')).toBe('abcABC123');
    expect(percentEncode('-._~')).toBe('-._~');
    expect(percentEncode('%')).toBe('%25');
    expect(percentEncode('+')).toBe('%2B');
    expect(percentEncode('&=*')).toBe('%26%3D%2A');
    expect(percentEncode("!*'()")).toBe('%21%2A%27%28%29');
    expect(percentEncode(' ')).toBe('%20');
    expect(percentEncode('\n')).toBe('%0A');
    expect(percentEncode('\u0080')).toBe('%C2%80');
    expect(percentEncode('\u3001')).toBe('%E3%80%81');
    expect(percentEncode('Ladies + Gentlemen')).toBe('Ladies%20%2B%20Gentlemen');
  });

  it('replaces a lone surrogate instead of throwing', () => {
    expect(percentEncode('a\ud800b')).toBe('a%EF%BF%BDb');
  });

  it('leaves only unreserved characters unencoded', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(percentEncode(s)).toMatch(/^(?:[A-Za-z0-9\-._~]|%[0-9A-F]{2})*$/);
      }),
    );
  });
});

describe('percentEncode and parseParams', () => {
  it('round-trip every well-formed string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(parseParams(`v=${percentEncode(s)}`)).toEqual([['v', s]]);
      }),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { InvalidRequestUrlError } from './errors.ts';
import { appendQuery, baseOf, pathAfter, pathOf, queryOf } from './url.ts';

describe('url helpers', () => {
  it('split a URL without re-parsing it', () => {
    const url = 'https://Example.COM:443/a/b?x=1&y=2#frag?not';
    expect(baseOf(url)).toBe('https://Example.COM:443/a/b');
    expect(queryOf(url)).toBe('x=1&y=2');
    expect(pathOf(url)).toBe('/a/b');
    expect(pathOf('https://example.com')).toBe('/');
    expect(queryOf('https://example.com/#a?b')).toBe('');
  });

  it('appendQuery adds encoded pairs before the fragment', () => {
    expect(appendQuery('https://x.test/a', [['k', 'v w']])).toBe('https://x.test/a?k=v%20w');
    expect(appendQuery('https://x.test/a?b=1#top', [['c', '!']])).toBe('https://x.test/a?b=1&c=%21#top');
    expect(appendQuery('https://x.test/a?', [['c', 'd']])).toBe('https://x.test/a?c=d');
    expect(appendQuery('https://x.test/a?b=1&', [['c', 'd']])).toBe('https://x.test/a?b=1&c=d');
    expect(appendQuery('https://x.test/a?b', [])).toBe('https://x.test/a?b');
    const appended = new URL(appendQuery('https://x.test/a?b=1', [['é &=', '+']]));
    expect([...appended.searchParams]).toEqual([
      ['b', '1'],
      ['é &=', '+'],
    ]);
  });

  it('pathAfter finds the API path behind any base URL, decoded', () => {
    expect(pathAfter('https://www.historypin.org/en/api/user/get_edit.json?id=19', '/api/', 'p')).toBe(
      'user/get_edit.json',
    );
    expect(pathAfter('http://127.0.0.1:4000/historypin/en/api/a%20b.json', '/api/', 'p')).toBe('a b.json');
    expect(() => pathAfter('https://x.test/v2/a', '/api/', '@authplug/x')).toThrow(
      expect.objectContaining({
        code: 'AUTHPLUG_INVALID_URL',
        message: expect.stringMatching(/^@authplug\/x: /),
      }),
    );
  });

  // Found by the property battery (test/robustness.property.test.ts): a raw URIError escaped.
  it.each([
    ['100%/x', '`%/x`'],
    ['%zz', '`%zz`'],
    ['a/%2', '`%2`'],
  ])('pathAfter refuses the malformed escape in %s with a typed error naming it', (rest, named) => {
    const call = () => pathAfter(`https://x.test/en/api/${rest}?k=secret-value`, '/api/', '@authplug/x');
    expect(call).toThrow(InvalidRequestUrlError);
    expect(call).toThrow(expect.objectContaining({ code: 'AUTHPLUG_INVALID_URL' }));
    expect(call).toThrow(named);
    expect(call).toThrow('%25');
    expect(call).not.toThrow('secret-value');
  });

  it('pathAfter refuses escapes that are not UTF-8', () => {
    expect(() => pathAfter('https://x.test/api/%C3%28', '/api/', '@authplug/x')).toThrow(
      expect.objectContaining({ code: 'AUTHPLUG_INVALID_URL', message: expect.stringContaining('UTF-8') }),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { componentValue, parseComponent } from './components.ts';

// RFC 9421 section 2's own examples of component values.

const source = (url: string, headers: Record<string, string> = {}, method = 'POST') => {
  const h = new Headers(headers);
  return { method, url: new URL(url), header: (name: string) => h.get(name) ?? undefined };
};
const value = (spec: string, s: ReturnType<typeof source>) => componentValue(parseComponent(spec), s);

describe('derived components (RFC 9421 2.2)', () => {
  const s = source('https://www.example.com/path?param=value');
  it.each([
    ['@method', 'POST'],
    ['@target-uri', 'https://www.example.com/path?param=value'],
    ['@authority', 'www.example.com'],
    ['@scheme', 'https'],
    ['@request-target', '/path?param=value'],
    ['@path', '/path'],
    ['@query', '?param=value'],
  ])('%s', (name, expected) => {
    expect(value(name, s)).toBe(expected);
  });

  it('@query keeps the query as sent, and is "?" when there is none (2.2.7)', () => {
    expect(value('@query', source('https://example.com/path?param=value&foo=bar&baz=bat%2Dman'))).toBe(
      '?param=value&foo=bar&baz=bat%2Dman',
    );
    expect(value('@query', source('https://example.com/path?queryString'))).toBe('?queryString');
    expect(value('@query', source('https://example.com/path'))).toBe('?');
  });

  it('@authority drops the default port and lower-cases the host', () => {
    expect(value('@authority', source('https://WWW.Example.com:443/x'))).toBe('www.example.com');
    expect(value('@authority', source('http://example.com:8080/x'))).toBe('example.com:8080');
  });

  it('@query-param re-encodes names and values (2.2.8)', () => {
    const s = source(
      'https://example.com/parameters?var=this%20is%20a%20big%0Avalue&bar=with+plus+whitespace&fa%C3%A7ade%22%3A%20=something',
    );
    expect(value('@query-param;name="var"', s)).toBe('this%20is%20a%20big%0Avalue');
    expect(value('@query-param;name="bar"', s)).toBe('with%20plus%20whitespace');
    expect(value('"@query-param";name="fa%C3%A7ade%22%3A%20"', s)).toBe('something');
    expect(parseComponent('@query-param;name="var"').id).toBe('"@query-param";name="var"');
  });

  it('@query-param refuses an absent or repeated parameter', () => {
    const s = source('https://example.com/?a=1&a=2');
    expect(() => value('@query-param;name="b"', s)).toThrowError(
      expect.objectContaining({ code: 'AUTHPLUG_MISSING_COMPONENT' }),
    );
    expect(() => value('@query-param;name="a"', s)).toThrowError(
      expect.objectContaining({ code: 'AUTHPLUG_INVALID_COMPONENT' }),
    );
  });
});

describe('header fields (RFC 9421 2.1)', () => {
  it('trims the value and lower-cases the name', () => {
    expect(parseComponent('Content-Type').id).toBe('"content-type"');
    expect(value('X-Empty-Header', source('https://e.com/', { 'X-Empty-Header': '' }))).toBe('');
    expect(value('cache-control', source('https://e.com/', { 'Cache-Control': '  max-age=60  ' }))).toBe(
      'max-age=60',
    );
  });

  it('sf re-serializes a dictionary strictly (2.1.1)', () => {
    const s = source('https://e.com/', { 'Example-Dict': ' a=1,    b=2;x=1;y=2,   c=(a   b   c)' });
    expect(value('example-dict', s)).toBe('a=1,    b=2;x=1;y=2,   c=(a   b   c)');
    expect(parseComponent('example-dict;sf').id).toBe('"example-dict";sf');
    expect(componentValue(parseComponent('example-dict;sf'), s, { 'example-dict': 'dictionary' })).toBe(
      'a=1, b=2;x=1;y=2, c=(a b c)',
    );
  });

  it('key selects one dictionary member (2.1.2)', () => {
    const s = source('https://e.com/', { 'Example-Dict': ' a=1, b=2;x=1;y=2, c=(a   b    c), d' });
    expect(value('example-dict;key="a"', s)).toBe('1');
    expect(value('example-dict;key="d"', s)).toBe('?1');
    expect(value('example-dict;key="b"', s)).toBe('2;x=1;y=2');
    expect(value('example-dict;key="c"', s)).toBe('(a b c)');
    expect(() => value('example-dict;key="z"', s)).toThrowError(
      expect.objectContaining({ code: 'AUTHPLUG_MISSING_COMPONENT' }),
    );
  });

  it('bs wraps the value as a byte sequence (2.1.3)', () => {
    const s = source('https://e.com/', { 'Example-Header': 'value, with, lots, of, commas' });
    expect(value('example-header;bs', s)).toBe(':dmFsdWUsIHdpdGgsIGxvdHMsIG9mLCBjb21tYXM=:');
  });

  it('an absent field is an error naming it', () => {
    expect(() => value('x-request-id', source('https://e.com/'))).toThrowError(/"x-request-id"/);
  });
});

describe('parseComponent', () => {
  it.each([
    ['@status', /response/],
    ['content-type;req', /response/],
    ['@unknown', /unknown derived/],
    ['@method;x', /no parameters/],
    ['@query-param', /name=/],
    ['x;bs;sf', /cannot be combined/],
    ['x;foo', /unknown parameter/],
    ['@signature-params', /signer itself/],
    ['bad name', /./],
  ])('refuses %s', (spec, message) => {
    expect(() => parseComponent(spec)).toThrowError(message);
    expect(() => parseComponent(spec)).toThrowError(
      expect.objectContaining({ code: 'AUTHPLUG_INVALID_OPTION' }),
    );
  });
});

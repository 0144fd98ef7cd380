import { describe, expect, it } from 'vitest';
import { canonicalBaseUrl } from './base-url.ts';
import { InvalidRequestUrlError } from './errors.ts';

describe('canonicalBaseUrl', () => {
  it('reproduces the RFC 5849 3.4.1.2 examples', () => {
    expect(canonicalBaseUrl('http://EXAMPLE.COM:80/r%20v/X?id=123')).toBe('http://example.com/r%20v/X');
    expect(canonicalBaseUrl('https://www.example.net:8080/?q=1')).toBe('https://www.example.net:8080/');
  });

  it('drops default ports, user info, query and fragment; keeps other ports and the path as sent', () => {
    expect(canonicalBaseUrl('HTTPS://Api.Example.com:443/A/b%2Fc?x=1#f')).toBe(
      'https://api.example.com/A/b%2Fc',
    );
    expect(canonicalBaseUrl('http://user:pw@host.test:8080#frag')).toBe('http://host.test:8080/');
    expect(canonicalBaseUrl('https://host.test:80/p')).toBe('https://host.test:80/p');
    expect(canonicalBaseUrl('http://[::1]:80/p')).toBe('http://[::1]/p');
    expect(canonicalBaseUrl('http://[::1]:3000/p')).toBe('http://[::1]:3000/p');
    expect(canonicalBaseUrl('http://host.test:/p')).toBe('http://host.test/p');
  });

  it('rejects relative URLs with a typed error', () => {
    expect(() => canonicalBaseUrl('/relative/path')).toThrow(InvalidRequestUrlError);
    expect(() => canonicalBaseUrl('http:///p')).toThrow(InvalidRequestUrlError);
  });
});

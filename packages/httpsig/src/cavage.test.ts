import { createPublicKey, verify } from 'node:crypto';
import type { AuthRequest } from '@authplug/core';
import { describe, expect, it } from 'vitest';
import { cavageSignature } from './index.ts';

// draft-cavage-http-signatures-12 Appendix C: its RSA test key and published signatures
// (RSASSA-PKCS1-v1_5 is deterministic, so they reproduce byte for byte).
const TEST_KEY = [
  '-----BEGIN RSA PRIVATE KEY-----',
  'MIICXgIBAAKBgQDCFENGw33yGihy92pDjZQhl0C36rPJj+CvfSC8+q28hxA161QF',
  'NUd13wuCTUcq0Qd2qsBe/2hFyc2DCJJg0h1L78+6Z4UMR7EOcpfdUE9Hf3m/hs+F',
  'UR45uBJeDK1HSFHD8bHKD6kv8FPGfJTotc+2xjJwoYi+1hqp1fIekaxsyQIDAQAB',
  'AoGBAJR8ZkCUvx5kzv+utdl7T5MnordT1TvoXXJGXK7ZZ+UuvMNUCdN2QPc4sBiA',
  'QWvLw1cSKt5DsKZ8UETpYPy8pPYnnDEz2dDYiaew9+xEpubyeW2oH4Zx71wqBtOK',
  'kqwrXa/pzdpiucRRjk6vE6YY7EBBs/g7uanVpGibOVAEsqH1AkEA7DkjVH28WDUg',
  'f1nqvfn2Kj6CT7nIcE3jGJsZZ7zlZmBmHFDONMLUrXR/Zm3pR5m0tCmBqa5RK95u',
  '412jt1dPIwJBANJT3v8pnkth48bQo/fKel6uEYyboRtA5/uHuHkZ6FQF7OUkGogc',
  'mSJluOdc5t6hI1VsLn0QZEjQZMEOWr+wKSMCQQCC4kXJEsHAve77oP6HtG/IiEn7',
  'kpyUXRNvFsDE0czpJJBvL/aRFUJxuRK91jhjC68sA7NsKMGg5OXb5I5Jj36xAkEA',
  'gIT7aFOYBFwGgQAQkWNKLvySgKbAZRTeLBacpHMuQdl1DfdntvAyqpAZ0lY0RKmW',
  'G6aFKaqQfOXKCyWoUiVknQJAXrlgySFci/2ueKlIE1QqIiLSZ8V8OlpFLRnb1pzI',
  '7U1yQXnTAEFYM560yJlzUpOb1V4cScGd365tiSMvxLOvTA==',
  '-----END RSA PRIVATE KEY-----',
].join('\n');

// The draft's request, with Date set and Digest left for the strategy to compute.
const request = (headers: Record<string, string> = {}): AuthRequest => ({
  method: 'POST',
  url: 'https://example.com/foo?param=value&pet=dog',
  headers: new Headers({
    Host: 'example.com',
    Date: 'Sun, 05 Jan 2014 21:31:40 GMT',
    'Content-Type': 'application/json',
    'Content-Length': '18',
    ...headers,
  }),
  body: { kind: 'bytes', contentType: 'application/json', data: '{"hello": "world"}' },
});

describe('cavageSignature (draft-cavage-12 Appendix C)', () => {
  it('C.2 basic test: the same Signature header', async () => {
    const { headers } = await cavageSignature({
      keyId: 'Test',
      key: TEST_KEY,
      headers: ['(request-target)', 'host', 'date'],
    }).sign(request(), { attempt: 0 });
    expect(headers!.Signature).toBe(
      'keyId="Test",algorithm="rsa-sha256",headers="(request-target) host date",signature="qdx+H7PHHDZgy4y/Ahn9Tny9V3GP6YgBPyUXMmoxWtLbHpUnXS2mg2+SbrQDMCJypxBLSPQR2aAjn7ndmw2iicw3HMbe8VfEdKFYRqzic+efkb3nndiv/x1xSHDJWeSWkx3ButlYSuBskLu6kd9Fswtemr3lgdDEmn04swr2Os0="',
    );
  });

  it('C.3 all headers test: the draft Digest computed from the body, the same signature, in Authorization', async () => {
    const e = await cavageSignature({
      keyId: 'Test',
      key: TEST_KEY,
      headers: ['(request-target)', 'host', 'date', 'content-type', 'digest', 'content-length'],
      placement: 'authorization',
    }).explain!(request(), { attempt: 0 });
    expect(e.added.headers!.Digest).toBe('SHA-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=');
    expect(e.base).toBe(
      [
        '(request-target): post /foo?param=value&pet=dog',
        'host: example.com',
        'date: Sun, 05 Jan 2014 21:31:40 GMT',
        'content-type: application/json',
        'digest: SHA-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=',
        'content-length: 18',
      ].join('\n'),
    );
    expect(e.added.headers!.Authorization).toBe(
      'Signature keyId="Test",algorithm="rsa-sha256",headers="(request-target) host date content-type digest content-length",signature="vSdrb+dS3EceC9bcwHSo4MlyKS59iFIrhgYkz8+oVLEEzmYZZvRs8rgOp+63LEM3v+MFHB32NfpB2bEKBIvB1q52LaEUHFv120V01IL+TAD48XaERZFukWgHoBTLMhYS2Gb51gWxpeIq8knRmPnYePbF5MOkR0Zkly4zKH7s1dE="',
    );
  });

  it('signs the fediverse default, adding Date from the clock and (created)/(expires) on request', async () => {
    const now = Date.UTC(2026, 0, 2, 3, 4, 5);
    const e = await cavageSignature({
      keyId: 'https://my.example/users/me#main-key',
      key: TEST_KEY,
      headers: ['(request-target)', '(created)', '(expires)', 'host', 'date', 'digest'],
      expiresIn: 30,
      clock: () => now,
    }).explain!(request({ Date: '' }), { attempt: 0 });
    const headers = e.added.headers!;
    expect(headers.Date).toBe('Fri, 02 Jan 2026 03:04:05 GMT');
    expect(headers.Signature).toMatch(
      new RegExp(
        `^keyId="https://my.example/users/me#main-key",algorithm="rsa-sha256",created=${now / 1000},expires=${now / 1000 + 30},headers="\\(request-target\\) \\(created\\) \\(expires\\) host date digest",signature="`,
      ),
    );
    const signature = Buffer.from(/signature="([^"]+)"/.exec(headers.Signature!)![1]!, 'base64');
    expect(verify('sha256', Buffer.from(e.base), createPublicKey(TEST_KEY), signature)).toBe(true);
  });

  it('refuses an unknown algorithm or pseudo-header, and hs2019 without the key algorithm', () => {
    expect(() => cavageSignature({ keyId: 'k', key: TEST_KEY, algorithm: 'rsa-sha1' as never })).toThrowError(
      /`algorithm`/,
    );
    expect(() => cavageSignature({ keyId: 'k', key: TEST_KEY, headers: ['(method)'] })).toThrowError(
      /`headers`/,
    );
    expect(() => cavageSignature({ keyId: 'k', key: TEST_KEY, algorithm: 'hs2019' })).toThrowError(
      /`keyAlgorithm`/,
    );
  });
});

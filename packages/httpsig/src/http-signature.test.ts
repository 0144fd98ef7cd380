import { createHash, createHmac, generateKeyPairSync, verify } from 'node:crypto';
import { inspect } from 'node:util';
import { type AuthRequest, RETRY, type RequestBody, UnreadableBodyError } from '@authplug/core';
import { memoryStore } from '@authplug/credentials';
import { describe, expect, it } from 'vitest';
import { httpSignature } from './index.ts';

const ed = generateKeyPairSync('ed25519');
const edPem = ed.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
const rsaPem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
  type: 'pkcs8',
  format: 'pem',
}) as string;
const NOW = Date.UTC(2026, 0, 2, 3, 4, 5);
const clock = () => NOW;

const request = (
  body: RequestBody = { kind: 'none' },
  headers: Record<string, string> = {},
): AuthRequest => ({
  method: body.kind === 'none' ? 'GET' : 'POST',
  url: 'https://api.example.com/v1/items?b=2&a=1#frag',
  headers: new Headers(headers),
  body,
});
const sha = (algorithm: string, data: string) => createHash(algorithm).update(data).digest('base64');
const signatureBytes = (value: string) => Buffer.from(/=:([^:]*):$/.exec(value)![1]!, 'base64');

describe('httpSignature', () => {
  it('adds Content-Digest from the exact JSON bytes and signs a base node:crypto verifies', async () => {
    const json = '{"amount":10,"note":"café"}';
    const strategy = httpSignature({
      keyId: 'k1',
      key: edPem,
      algorithm: 'ed25519',
      components: ['@method', '@target-uri', 'content-type', 'content-digest'],
      clock,
    });
    const e = await strategy.explain!(
      request(
        { kind: 'bytes', contentType: 'application/json', data: json },
        {
          'content-type': 'application/json',
        },
      ),
      { attempt: 0 },
    );
    const headers = e.added.headers!;
    expect(headers['Content-Digest']).toBe(`sha-256=:${sha('sha256', json)}:`);
    const created = NOW / 1000;
    expect(headers['Signature-Input']).toBe(
      `sig1=("@method" "@target-uri" "content-type" "content-digest");created=${created};keyid="k1"`,
    );
    expect(e.base).toBe(
      [
        '"@method": POST',
        '"@target-uri": https://api.example.com/v1/items?b=2&a=1',
        '"content-type": application/json',
        `"content-digest": sha-256=:${sha('sha256', json)}:`,
        `"@signature-params": ${headers['Signature-Input']!.slice('sig1='.length)}`,
      ].join('\n'),
    );
    expect(verify(null, Buffer.from(e.base), ed.publicKey, signatureBytes(headers.Signature!))).toBe(true);
    expect(e).toMatchObject({
      algorithm: 'ed25519',
      key: 'key (keyid k1)',
      placement: 'header Signature-Input, Signature',
    });
  });

  it('digests form fields as URLSearchParams sends them, with both algorithms when asked', async () => {
    const fields: [string, string][] = [
      ['q', 'a b&c'],
      ['é', '~*'],
    ];
    const wire = new URLSearchParams(fields).toString();
    const signature = await httpSignature({
      key: 'secret',
      algorithm: 'hmac-sha256',
      components: ['content-digest', 'content-length'],
      contentDigest: ['sha-256', 'sha-512'],
      clock,
    }).sign(request({ kind: 'form', fields }), { attempt: 0 });
    expect(signature.headers!['Content-Digest']).toBe(
      `sha-256=:${sha('sha256', wire)}:, sha-512=:${sha('sha512', wire)}:`,
    );
    const base = [
      `"content-digest": ${signature.headers!['Content-Digest']}`,
      `"content-length": ${Buffer.byteLength(wire)}`,
      `"@signature-params": ("content-digest" "content-length");created=${NOW / 1000}`,
    ].join('\n');
    expect(signature.headers!.Signature).toBe(
      `sig1=:${createHmac('sha256', 'secret').update(base).digest('base64')}:`,
    );
  });

  it('digests an empty body on a GET, and adds Date from the clock when date is covered', async () => {
    const { headers } = await httpSignature({
      key: 'secret',
      algorithm: 'hmac-sha256',
      components: ['date', 'content-digest', 'host'],
      clock,
    }).sign(request(), { attempt: 0 });
    expect(headers!.Date).toBe('Fri, 02 Jan 2026 03:04:05 GMT');
    expect(headers!['Content-Digest']).toBe(`sha-256=:${sha('sha256', '')}:`);
  });

  it('refuses a stream body when the digest is covered, and never signs it', async () => {
    const error = await httpSignature({ key: 's', algorithm: 'hmac-sha256', components: ['content-digest'] })
      .sign(request({ kind: 'opaque', contentType: 'application/octet-stream', stream: true }), {
        attempt: 0,
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnreadableBodyError);
    expect(error).toMatchObject({
      code: 'AUTHPLUG_UNREADABLE_BODY',
      message: expect.stringMatching(/^@authplug\/httpsig: /),
    });
  });

  it('sends the parameters in the configured order, with expires, nonce, alg and tag', async () => {
    const { headers } = await httpSignature({
      keyId: 'k',
      key: 's',
      algorithm: 'hmac-sha256',
      components: ['@authority'],
      params: ['tag', 'nonce', 'alg', 'keyid', 'expires', 'created'],
      expiresIn: 300,
      tag: 'app',
      nonce: () => 'n-1',
      label: 'req-1',
      clock,
    }).sign(request(), { attempt: 0 });
    const created = NOW / 1000;
    expect(headers!['Signature-Input']).toBe(
      `req-1=("@authority");tag="app";nonce="n-1";alg="hmac-sha256";keyid="k";expires=${created + 300};created=${created}`,
    );
  });

  it('reads key and keyId from a store on every request', async () => {
    const store = memoryStore({ 'httpsig/partner': { keyId: 'p1', key: 'one' } });
    const strategy = httpSignature({
      store,
      profile: 'partner',
      algorithm: 'hmac-sha256',
      components: [],
      clock,
    });
    const first = await strategy.sign(request(), { attempt: 0 });
    await store.set('httpsig/partner', { keyId: 'p2', key: 'two' });
    const second = await strategy.sign(request(), { attempt: 0 });
    expect(first.headers!['Signature-Input']).toContain('keyid="p1"');
    const base = `"@signature-params": ();created=${NOW / 1000};keyid="p2"`;
    expect(second.headers!.Signature).toBe(
      `sig1=:${createHmac('sha256', 'two').update(base).digest('base64')}:`,
    );
  });

  it('takes a base64 HMAC secret with keyEncoding', async () => {
    const secret = Buffer.from([1, 2, 3, 255]);
    const { headers } = await httpSignature({
      key: secret.toString('base64'),
      keyEncoding: 'base64',
      algorithm: 'hmac-sha256',
      components: [],
      clock,
    }).sign(request(), { attempt: 0 });
    const base = `"@signature-params": ();created=${NOW / 1000}`;
    expect(headers!.Signature).toBe(`sig1=:${createHmac('sha256', secret).update(base).digest('base64')}:`);
  });

  it('refuses bad options at construction, naming them', () => {
    const base = { key: 's', algorithm: 'hmac-sha256', components: [] } as const;
    const cases: [object, string, RegExp][] = [
      [{ ...base, algorithm: 'rsa-sha1' }, 'AUTHPLUG_UNSUPPORTED_ALGORITHM', /rsa-sha1/],
      [{ ...base, key: '' }, 'AUTHPLUG_MISSING_OPTION', /`key`/],
      [{ ...base, label: 'Sig' }, 'AUTHPLUG_INVALID_OPTION', /`label`/],
      [{ ...base, components: ['@method', '@method'] }, 'AUTHPLUG_INVALID_OPTION', /twice/],
      [{ ...base, params: ['expires'] }, 'AUTHPLUG_MISSING_OPTION', /`expiresIn`/],
      [{ ...base, params: ['tag'] }, 'AUTHPLUG_MISSING_OPTION', /`tag`/],
      [{ ...base, contentDigest: 'md5' }, 'AUTHPLUG_INVALID_OPTION', /`contentDigest`/],
      [{ ...base, expiresIn: -1 }, 'AUTHPLUG_INVALID_OPTION', /`expiresIn`/],
    ];
    for (const [options, code, message] of cases) {
      expect(() => httpSignature(options as never), JSON.stringify(options)).toThrowError(
        expect.objectContaining({ code, message: expect.stringMatching(message) }),
      );
    }
  });

  it('refuses a key that does not fit the algorithm, and a missing header, before sending', async () => {
    const mismatch = await httpSignature({ key: rsaPem, algorithm: 'ed25519', components: [] })
      .sign(request(), { attempt: 0 })
      .catch((e: unknown) => e);
    expect(mismatch).toMatchObject({ code: 'AUTHPLUG_UNSUPPORTED_ALGORITHM', algorithm: 'ed25519' });
    const missing = await httpSignature({ key: 's', algorithm: 'hmac-sha256', components: ['x-request-id'] })
      .sign(request(), { attempt: 0 })
      .catch((e: unknown) => e);
    expect(missing).toMatchObject({ code: 'AUTHPLUG_MISSING_COMPONENT', component: '"x-request-id"' });
    const keyidListed = await httpSignature({
      key: 's',
      algorithm: 'hmac-sha256',
      components: [],
      params: ['keyid'],
    })
      .sign(request(), { attempt: 0 })
      .catch((e: unknown) => e);
    expect(keyidListed).toMatchObject({ code: 'AUTHPLUG_MISSING_OPTION', option: 'keyId' });
  });

  it('learns the clock from a 401 Date far from its own and asks for one re-signed retry', async () => {
    const strategy = httpSignature({ key: 's', algorithm: 'hmac-sha256', components: [], clock });
    const response = (date: string) => ({
      status: 401,
      headers: new Headers({ date }),
      text: async () => '',
    });
    expect(
      strategy.inspect!(response(new Date(NOW + 5_000).toUTCString()), request(), { attempt: 0 }),
    ).toBeUndefined();
    const server = NOW + 3_600_000;
    expect(strategy.inspect!(response(new Date(server).toUTCString()), request(), { attempt: 0 })).toBe(
      RETRY,
    );
    const { headers } = await strategy.sign(request(), { attempt: 1 });
    expect(headers!['Signature-Input']).toBe(`sig1=();created=${server / 1000}`);
  });

  it('never shows the key: not in the strategy, its errors, nor the explanation', async () => {
    const secret = 'hmac-secret-value-1234';
    const strategy = httpSignature({ key: secret, algorithm: 'hmac-sha256', components: ['authorization'] });
    expect(inspect(strategy, { depth: 10, showHidden: true })).not.toContain(secret);
    expect(JSON.stringify(strategy)).not.toContain(secret);
    const e = await strategy.explain!(request({ kind: 'none' }, { authorization: `Bearer ${secret}` }), {
      attempt: 0,
    });
    expect(e.base).toContain('"authorization": Bearer ‹key›');
    const edStrategy = httpSignature({ key: edPem, algorithm: 'ed25519', components: ['x-missing'] });
    const error = await edStrategy.sign(request(), { attempt: 0 }).catch((x: unknown) => x);
    const pemBody = edPem.split('\n')[1]!;
    expect(`${inspect(error)}${JSON.stringify(error)}${inspect(edStrategy, { depth: 10 })}`).not.toContain(
      pemBody,
    );
  });
});

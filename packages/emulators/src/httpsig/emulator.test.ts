import { describe, expect, it } from 'vitest';
import { httpsigEmulator } from './emulator.ts';

// The emulator accepts RFC 9421's published request signatures and refuses altered ones.

const CREATED = 1618884473;
const CONTENT_DIGEST =
  'sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:';
const emulator = httpsigEmulator({ now: () => CREATED * 1000 });

function rfcRequest(signatureInput: string, signature: string, body = '{"hello": "world"}') {
  return new Request('https://example.com/foo?param=Value&Pet=dog', {
    method: 'POST',
    headers: {
      Date: 'Tue, 20 Apr 2021 02:07:55 GMT',
      'Content-Type': 'application/json',
      'Content-Digest': CONTENT_DIGEST,
      'Signature-Input': signatureInput,
      Signature: signature,
    },
    body,
  });
}
const call = async (request: Request, target = emulator) => {
  const response = await target.fetch(request);
  return {
    status: response.status,
    date: response.headers.get('date'),
    body: (await response.json()) as Record<string, unknown>,
  };
};

const B26 = [
  'sig-b26=("date" "@method" "@path" "@authority" "content-type" "content-length");created=1618884473;keyid="test-key-ed25519"',
  'sig-b26=:wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5WPpBKRCw==:',
] as const;
const B22 = [
  'sig-b22=("@authority" "content-digest" "@query-param";name="Pet");created=1618884473;keyid="test-key-rsa-pss";tag="header-example"',
  'sig-b22=:LjbtqUbfmvjj5C5kr1Ugj4PmLYvx9wVjZvD9GsTT4F7GrcQEdJzgI9qHxICagShLRiLMlAJjtq6N4CDfKtjvuJyE5qH7KT8UCMkSowOB4+ECxCmT8rtAmj/0PIXxi0A0nxKyB09RNrCQibbUjsLS/2YyFYXEu4TRJQzRw1rLEuEfY17SARYhpTlaqwZVtR8NV7+4UKkjqpcAoFqWFQh62s7Cl+H2fjBSpqfZUJcsIk4N6wiKYd4je2U/lankenQ99PZfB4jY3I5rSV2DSBVkSFsURIjYErOs0tFTQosMTAoxk//0RoKUqiYY8Bh0aaUEb0rQl3/XaVe4bXTugEjHSw==:',
] as const;

describe('httpsig emulator', () => {
  it('accepts the RFC 9421 B.2.6 (Ed25519), B.2.5 (HMAC) and B.2.2 (RSA-PSS, Content-Digest) requests', async () => {
    expect(await call(rfcRequest(...B26))).toMatchObject({
      status: 200,
      body: { ok: true, keyid: 'test-key-ed25519' },
    });
    const b25 = await call(
      rfcRequest(
        'sig-b25=("date" "@authority" "content-type");created=1618884473;keyid="test-shared-secret"',
        'sig-b25=:pxcQw6G3AjtMBQjwo8XzkZf/bws5LelbaMk5rGIGtE8=:',
      ),
    );
    expect(b25).toMatchObject({ status: 200, body: { keyid: 'test-shared-secret' } });
    expect(await call(rfcRequest(...B22))).toMatchObject({
      status: 200,
      body: { covered: ['@authority', 'content-digest', '@query-param'] },
    });
  });

  it('refuses a body that does not match its Content-Digest', async () => {
    const { status, body } = await call(rfcRequest(...B22, '{"hello": "w0rld"}'));
    expect(status).toBe(401);
    expect(body.error).toBe('content_digest_mismatch');
  });

  it('refuses an altered signature, an unknown key, a missing required component', async () => {
    const altered = await call(rfcRequest(B26[0], B26[1].replace('wqcA', 'wqcB')));
    expect(altered.body.error).toBe('invalid_signature');
    const unknown = await call(rfcRequest(B26[0].replace('test-key-ed25519', 'nobody'), B26[1]));
    expect(unknown.body.error).toBe('unknown_key');
    const strict = httpsigEmulator({ now: () => CREATED * 1000, require: ['content-digest'] });
    expect((await call(rfcRequest(...B26), strict)).body.error).toBe('uncovered_component');
    expect((await call(new Request('https://example.com/'))).body.error).toBe('missing_signature');
  });

  it('refuses a stale signature and sends its own Date so a client can learn its clock', async () => {
    const later = httpsigEmulator({ now: () => (CREATED + 3600) * 1000 });
    const { status, body, date } = await call(rfcRequest(...B26), later);
    expect(status).toBe(401);
    expect(body.error).toBe('stale_signature');
    expect(Date.parse(date!)).toBe((CREATED + 3600) * 1000);
  });
});

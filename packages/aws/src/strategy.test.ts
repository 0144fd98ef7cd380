import { createHash, createHmac } from 'node:crypto';
import { inspect } from 'node:util';
import { type AuthRequest, type AuthResponse, RETRY, type RequestBody } from '@authplug/core';
import { memoryStore } from '@authplug/credentials';
import { describe, expect, it } from 'vitest';
import { type AwsCredentialIdentity, awsSigV4, s3 } from './index.ts';

const accessKeyId = 'AKIDEXAMPLE';
const secretAccessKey = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const NOW = Date.UTC(2015, 7, 30, 12, 36, 0);
const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

const request = (
  url: string,
  body: RequestBody = { kind: 'none' },
  method = 'GET',
  headers: Record<string, string> = {},
): AuthRequest => {
  const map = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { method, url, headers: { get: (name) => map.get(name.toLowerCase()) }, body };
};

// An independent SigV4 computation (node:crypto, straight from the AWS documentation) for checks
// the published suite does not cover (S3 headers, bodies).
function expectedSignature(
  canonicalRequest: string,
  date: string,
  scope: string,
  secret = secretAccessKey,
): string {
  const sts = `AWS4-HMAC-SHA256\n${date}\n${scope}\n${sha256(canonicalRequest)}`;
  let key: Buffer = createHmac('sha256', `AWS4${secret}`).update(scope.split('/')[0]!).digest();
  for (const part of scope.split('/').slice(1)) key = createHmac('sha256', key).update(part).digest();
  return createHmac('sha256', key).update(sts).digest('hex');
}

const response = (status: number, body: string, headers: Record<string, string> = {}): AuthResponse => ({
  status,
  headers: { get: (name) => headers[name.toLowerCase()] },
  text: async () => body,
});

describe('awsSigV4', () => {
  it('signs an S3 PUT with X-Amz-Content-Sha256 over the exact bytes, S3 path rule, no double encoding', async () => {
    const auth = s3({ region: 'us-east-1', credentials: { accessKeyId, secretAccessKey }, clock: () => NOW });
    const data = new TextEncoder().encode('Welcome to Amazon S3.');
    const url = 'https://examplebucket.s3.amazonaws.com/a%20b/./c!.txt';
    const signed = await auth.sign(
      request(url, { kind: 'bytes', contentType: 'text/plain', data }, 'PUT', {
        'Content-Type': 'text/plain',
      }),
      {
        attempt: 0,
      },
    );
    const hash = sha256(data);
    expect(signed.headers?.['x-amz-content-sha256']).toBe(hash);
    const creq = [
      'PUT',
      '/a%20b/./c%21.txt',
      '',
      'content-type:text/plain',
      'host:examplebucket.s3.amazonaws.com',
      `x-amz-content-sha256:${hash}`,
      'x-amz-date:20150830T123600Z',
      '',
      'content-type;host;x-amz-content-sha256;x-amz-date',
      hash,
    ].join('\n');
    const scope = '20150830/us-east-1/s3/aws4_request';
    expect(signed.headers?.authorization).toBe(
      `AWS4-HMAC-SHA256 Credential=${accessKeyId}/${scope}, SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date, Signature=${expectedSignature(creq, '20150830T123600Z', scope)}`,
    );
  });

  it('double-encodes and normalizes the path for other services', async () => {
    const auth = awsSigV4({
      region: 'eu-west-1',
      service: 'execute-api',
      accessKeyId,
      secretAccessKey,
      clock: () => NOW,
    });
    const explained = await auth.explain(
      request('https://x.execute-api.eu-west-1.amazonaws.com/prod/a%20b/../c'),
      { attempt: 0 },
    );
    expect(explained.base.split('\n')[1]).toBe('/prod/c');
    const spaced = await auth.explain(request('https://x.execute-api.eu-west-1.amazonaws.com/prod/a%20b'), {
      attempt: 0,
    });
    expect(spaced.base.split('\n')[1]).toBe('/prod/a%2520b');
  });

  it('hashes JSON text, form fields as sent and no body; UNSIGNED-PAYLOAD only when asked', async () => {
    const auth = awsSigV4({
      region: 'us-east-1',
      service: 'sts',
      accessKeyId,
      secretAccessKey,
      clock: () => NOW,
      contentSha256: true,
    });
    const sign = (body: RequestBody, a = auth) =>
      a.sign(request('https://sts.amazonaws.com/', body, 'POST'), { attempt: 0 });
    expect(
      (await sign({ kind: 'bytes', contentType: 'application/json', data: '{"a":"é"}' })).headers?.[
        'x-amz-content-sha256'
      ],
    ).toBe(sha256('{"a":"é"}'));
    const form: RequestBody = {
      kind: 'form',
      fields: [
        ['Action', 'GetCallerIdentity'],
        ['Note', 'a b&c'],
      ],
    };
    expect((await sign(form)).headers?.['x-amz-content-sha256']).toBe(
      sha256('Action=GetCallerIdentity&Note=a+b%26c'),
    );
    const written: RequestBody = { kind: 'form', fields: [['Note', 'a b']], raw: 'Note=a%20b' };
    expect((await sign(written)).headers?.['x-amz-content-sha256']).toBe(sha256('Note=a%20b'));
    expect((await sign({ kind: 'none' })).headers?.['x-amz-content-sha256']).toBe(sha256(''));

    const stream: RequestBody = { kind: 'opaque', contentType: 'application/octet-stream', stream: true };
    await expect(sign(stream)).rejects.toMatchObject({ code: 'AUTHPLUG_UNREADABLE_BODY' });
    const streams = awsSigV4({
      region: 'us-east-1',
      service: 's3',
      accessKeyId,
      secretAccessKey,
      unsignedPayload: 'streams',
    });
    expect((await sign(stream, streams)).headers?.['x-amz-content-sha256']).toBe('UNSIGNED-PAYLOAD');
    expect(
      (await sign({ kind: 'bytes', contentType: undefined, data: 'x' }, streams)).headers?.[
        'x-amz-content-sha256'
      ],
    ).toBe(sha256('x'));
    const always = awsSigV4({
      region: 'us-east-1',
      service: 's3',
      accessKeyId,
      secretAccessKey,
      unsignedPayload: true,
    });
    expect(
      (await sign({ kind: 'bytes', contentType: undefined, data: 'x' }, always)).headers?.[
        'x-amz-content-sha256'
      ],
    ).toBe('UNSIGNED-PAYLOAD');
  });

  it('signs a payload hash the caller computed (a stream whose hash is known)', async () => {
    const auth = s3({ region: 'us-east-1', accessKeyId, secretAccessKey });
    const given = sha256('streamed');
    const signed = await auth.sign(
      request(
        'https://b.s3.amazonaws.com/k',
        { kind: 'opaque', contentType: undefined, stream: true },
        'PUT',
        {
          'x-amz-content-sha256': given,
        },
      ),
      { attempt: 0 },
    );
    expect(signed.headers?.['x-amz-content-sha256']).toBe(given);
  });

  it('adds and signs X-Amz-Security-Token, and masks it in explain', async () => {
    const sessionToken = 'FQoGZXIvYXdzEXAMPLETOKEN';
    const auth = awsSigV4({
      region: 'us-east-1',
      service: 'sts',
      accessKeyId,
      secretAccessKey,
      sessionToken,
    });
    const signed = await auth.sign(request('https://sts.amazonaws.com/'), { attempt: 0 });
    expect(signed.headers?.['x-amz-security-token']).toBe(sessionToken);
    expect(signed.headers?.authorization).toContain('SignedHeaders=host;x-amz-date;x-amz-security-token,');
    const explained = await auth.explain(request('https://sts.amazonaws.com/'), { attempt: 0 });
    expect(JSON.stringify(explained)).not.toContain(sessionToken);
    expect(explained.base).toContain('x-amz-security-token:‹sessionToken›');
    expect(explained).toMatchObject({
      strategy: 'aws',
      algorithm: 'AWS4-HMAC-SHA256',
      key: 'secretAccessKey',
      placement: 'header Authorization',
    });
  });

  it('refreshes provider credentials before they expire, once for concurrent requests', async () => {
    let now = NOW;
    let calls = 0;
    // The provider holds each call open until the test lets it go, after every request has asked.
    let entered: () => void = () => {};
    let release: () => void = () => {};
    const gate = () => {
      const inside = new Promise<void>((resolve) => {
        entered = resolve;
      });
      const open = new Promise<void>((resolve) => {
        release = resolve;
      });
      return { inside, open };
    };
    let current = gate();
    const provider = async (): Promise<AwsCredentialIdentity> => {
      calls++;
      entered();
      await current.open;
      return {
        accessKeyId: `AKID${calls}`,
        secretAccessKey,
        sessionToken: `t${calls}`,
        expiration: new Date(now + 3_600_000),
      };
    };
    const settle = () => new Promise((resolve) => setImmediate(resolve));
    const auth = awsSigV4({ region: 'us-east-1', service: 'sts', credentials: provider, clock: () => now });
    const url = 'https://sts.amazonaws.com/';
    const first = Promise.all([1, 2, 3].map(() => auth.sign(request(url), { attempt: 0 })));
    await current.inside;
    await settle();
    release();
    const signed = await first;
    expect(calls).toBe(1);
    expect(signed.every((s) => s.headers?.authorization?.includes('Credential=AKID1/'))).toBe(true);

    await auth.sign(request(url), { attempt: 0 });
    expect(calls).toBe(1); // cached while far from expiry

    now += 3_600_000 - 299_000; // inside the 5-minute window: refreshed, once
    current = gate();
    const again = Promise.all([1, 2].map(() => auth.sign(request(url), { attempt: 0 })));
    await current.inside;
    await settle();
    release();
    const refreshed = await again;
    expect(calls).toBe(2);
    expect(refreshed.map((s) => s.headers?.authorization?.includes('Credential=AKID2/'))).toEqual([
      true,
      true,
    ]);
  });

  it('keeps still-valid credentials when a refresh fails, and reports a provider failure typed', async () => {
    let now = NOW;
    let fail = false;
    const provider = async (): Promise<AwsCredentialIdentity> => {
      if (fail) throw new Error('metadata service down');
      return { accessKeyId, secretAccessKey, expiration: now + 600_000 };
    };
    const auth = awsSigV4({ region: 'us-east-1', service: 'sts', credentials: provider, clock: () => now });
    await auth.sign(request('https://sts.amazonaws.com/'), { attempt: 0 });
    fail = true;
    now += 400_000; // in the refresh window, not expired
    await expect(auth.sign(request('https://sts.amazonaws.com/'), { attempt: 0 })).resolves.toBeDefined();
    now += 300_000; // expired
    await expect(auth.sign(request('https://sts.amazonaws.com/'), { attempt: 0 })).rejects.toMatchObject({
      code: 'AUTHPLUG_AWS_CREDENTIALS_UNAVAILABLE',
    });
    const empty = awsSigV4({
      region: 'us-east-1',
      service: 'sts',
      credentials: async () => ({ accessKeyId, secretAccessKey: '' }),
    });
    await expect(empty.sign(request('https://sts.amazonaws.com/'), { attempt: 0 })).rejects.toThrow(
      /`secretAccessKey`/,
    );
  });

  it('reads aws/<profile> from a store on every request', async () => {
    const store = memoryStore({ 'aws/work': { accessKeyId: 'K1', secretAccessKey: 'S1' } });
    const auth = awsSigV4({ region: 'us-east-1', service: 'sts', store, profile: 'work' });
    expect(
      (await auth.sign(request('https://sts.amazonaws.com/'), { attempt: 0 })).headers?.authorization,
    ).toContain('Credential=K1/');
    await store.set('aws/work', { accessKeyId: 'K2', secretAccessKey: 'S2', sessionToken: 'T2' });
    const second = await auth.sign(request('https://sts.amazonaws.com/'), { attempt: 0 });
    expect(second.headers?.authorization).toContain('Credential=K2/');
    expect(second.headers?.['x-amz-security-token']).toBe('T2');
  });

  it('learns the clock from a skew refusal and asks for one retry, then gives up typed', async () => {
    const auth = awsSigV4({
      region: 'us-east-1',
      service: 's3',
      accessKeyId,
      secretAccessKey,
      clock: () => NOW,
    });
    const req = request('https://b.s3.amazonaws.com/k');
    const skewed = response(
      403,
      '<Error><Code>RequestTimeTooSkewed</Code><Message>The difference between the request time and the current time is too large.</Message></Error>',
      {
        date: 'Sun, 30 Aug 2015 13:06:00 GMT',
      },
    );
    expect(await auth.inspect!(skewed, req, { attempt: 0 })).toBe(RETRY);
    expect(auth.clock.offset).toBe(30 * 60_000);
    expect((await auth.sign(req, { attempt: 1 })).headers?.['x-amz-date']).toBe('20150830T130600Z');
    await expect(auth.inspect!(skewed, req, { attempt: 1 })).rejects.toMatchObject({
      code: 'AUTHPLUG_AWS_SIGNATURE_REJECTED',
      providerCode: 'RequestTimeTooSkewed',
    });
    const json = response(
      400,
      '{"__type":"InvalidSignatureException","message":"Signature expired: 20150830T123600Z is now earlier than 20150830T130100Z"}',
      {
        date: 'Sun, 30 Aug 2015 13:06:00 GMT',
      },
    );
    expect(await auth.inspect!(json, req, { attempt: 0 })).toBe(RETRY);
  });

  it('types other signature refusals, retries once on an expired token, and passes the rest on', async () => {
    const auth = awsSigV4({ region: 'us-east-1', service: 'sts', accessKeyId, secretAccessKey });
    const req = request('https://sts.amazonaws.com/');
    await expect(
      auth.inspect!(
        response(
          403,
          '<ErrorResponse><Error><Code>SignatureDoesNotMatch</Code><Message>nope</Message></Error></ErrorResponse>',
        ),
        req,
        { attempt: 0 },
      ),
    ).rejects.toMatchObject({
      code: 'AUTHPLUG_AWS_SIGNATURE_REJECTED',
      providerCode: 'SignatureDoesNotMatch',
      status: 403,
    });
    expect(
      await auth.inspect!(response(403, '{"__type":"com.amazon.coral#ExpiredTokenException"}'), req, {
        attempt: 0,
      }),
    ).toBe(RETRY);
    expect(
      await auth.inspect!(response(403, '<Error><Code>AccessDenied</Code></Error>'), req, { attempt: 0 }),
    ).toBeUndefined();
    expect(await auth.inspect!(response(200, 'ok'), req, { attempt: 0 })).toBeUndefined();
  });

  it('presigns with the query parameters AWS expects, and refuses a lifetime over 7 days', async () => {
    const auth = s3({
      region: 'us-east-1',
      accessKeyId,
      secretAccessKey,
      sessionToken: 'tok',
      clock: () => NOW,
    });
    const url = new URL(
      await auth.presign('https://examplebucket.s3.amazonaws.com/test.txt', { expiresIn: 86_400 }),
    );
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
      'X-Amz-Credential': `${accessKeyId}/20150830/us-east-1/s3/aws4_request`,
      'X-Amz-Date': '20150830T123600Z',
      'X-Amz-Expires': '86400',
      'X-Amz-SignedHeaders': 'host',
      'X-Amz-Security-Token': 'tok',
    });
    await expect(
      auth.presign('https://examplebucket.s3.amazonaws.com/x', { expiresIn: 604_801 }),
    ).rejects.toMatchObject({
      code: 'AUTHPLUG_INVALID_OPTION',
      option: 'expiresIn',
    });
  });

  it('refuses a missing region or service at construction, naming it', () => {
    expect(() => awsSigV4({ service: 's3', accessKeyId, secretAccessKey } as never)).toThrowError(
      expect.objectContaining({ code: 'AUTHPLUG_MISSING_OPTION', option: 'region' }),
    );
    expect(() => awsSigV4({ region: 'us-east-1', accessKeyId, secretAccessKey } as never)).toThrowError(
      /`service`/,
    );
    expect(() => awsSigV4({ region: 'us-east-1', service: 's3', accessKeyId } as never)).toThrowError(
      /`secretAccessKey`/,
    );
  });

  it('never shows a secret', async () => {
    const sessionToken = 'SESSIONTOKENVALUE';
    const auth = awsSigV4({
      region: 'us-east-1',
      service: 's3',
      credentials: { accessKeyId, secretAccessKey, sessionToken },
    });
    const error = await auth
      .sign(
        request('https://b.s3.amazonaws.com/', { kind: 'opaque', contentType: undefined, stream: true }),
        { attempt: 0 },
      )
      .catch((e: unknown) => e);
    const explained = await auth.explain(request('https://b.s3.amazonaws.com/'), { attempt: 0 });
    for (const text of [
      inspect(auth, { depth: 10, showHidden: true }),
      JSON.stringify(auth),
      inspect(error),
      JSON.stringify(error),
      JSON.stringify(explained),
    ]) {
      expect(text).not.toContain(secretAccessKey);
      expect(text).not.toContain(sessionToken);
    }
  });
});

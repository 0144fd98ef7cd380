import { describe, expect, it } from 'vitest';
import { AWS_TEST_ACCOUNT, awsEmulator } from './emulator.ts';

// Vectors from AWS's published SigV4 test suite (the `.sreq` signed requests, 2015-08-30).
const SUITE_TIME = Date.UTC(2015, 7, 30, 12, 36, 0);
const scope = 'AKIDEXAMPLE/20150830/us-east-1/service/aws4_request';
const suite = () => awsEmulator({ services: ['service'], clock: () => SUITE_TIME });
const headers = (signedHeaders: string, signature: string, extra: Record<string, string> = {}) => ({
  ...extra,
  'x-amz-date': '20150830T123600Z',
  authorization: `AWS4-HMAC-SHA256 Credential=${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
});

describe('awsEmulator', () => {
  it('accepts the test suite signed requests (query order, form body)', async () => {
    const emulator = suite();
    const query = await emulator.fetch(
      new Request('https://example.amazonaws.com/?Param2=value2&Param1=value1', {
        headers: headers(
          'host;x-amz-date',
          'b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500',
        ),
      }),
    );
    expect(query.status).toBe(200);
    const form = await emulator.fetch(
      new Request('https://example.amazonaws.com/', {
        method: 'POST',
        body: 'Param1=value1',
        headers: headers(
          'content-type;host;x-amz-date',
          'ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a',
          {
            'content-type': 'application/x-www-form-urlencoded',
          },
        ),
      }),
    );
    expect(form.status).toBe(200);
    expect(emulator.verified).toHaveLength(2);
  });

  it('refuses a wrong signature with the canonical request it computed', async () => {
    const response = await suite().fetch(
      new Request('https://example.amazonaws.com/', {
        headers: headers('host;x-amz-date', '0'.repeat(64)),
      }),
    );
    expect(response.status).toBe(403);
    const body = (await response.json()) as { __type: string; canonicalRequest: string };
    expect(body.__type).toBe('InvalidSignatureException');
    expect(body.canonicalRequest).toBe(
      'GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });

  it('refuses a time more than 15 minutes off with its own Date', async () => {
    const emulator = awsEmulator({ services: ['service'], clock: () => SUITE_TIME + 16 * 60_000 });
    const response = await emulator.fetch(
      new Request('https://example.amazonaws.com/', {
        headers: headers(
          'host;x-amz-date',
          '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
        ),
      }),
    );
    expect(response.status).toBe(403);
    expect(((await response.json()) as { message: string }).message).toMatch(/^Signature expired/);
    expect(Date.parse(response.headers.get('date')!)).toBe(SUITE_TIME + 16 * 60_000);
  });

  it('refuses unknown keys, missing auth, and an S3 body whose hash differs from X-Amz-Content-Sha256', async () => {
    const emulator = awsEmulator();
    const unknown = await emulator.fetch(
      new Request('https://s3.us-east-1.amazonaws.com/b/k', {
        headers: {
          'x-amz-date': '20150830T123600Z',
          authorization: `AWS4-HMAC-SHA256 Credential=NOPE/20150830/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=${'0'.repeat(64)}`,
        },
      }),
    );
    expect(unknown.status).toBe(403);
    expect(await unknown.text()).toContain('<Code>InvalidAccessKeyId</Code>');
    expect((await emulator.fetch(new Request('https://sts.us-east-1.amazonaws.com/'))).status).toBe(403);
    const now = new Date().toISOString().replace(/[-:]|\.\d{3}/g, '');
    const mismatch = await emulator.fetch(
      new Request('https://s3.us-east-1.amazonaws.com/b/k', {
        method: 'PUT',
        body: 'abc',
        headers: {
          'x-amz-date': now,
          'x-amz-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
          authorization: `AWS4-HMAC-SHA256 Credential=${AWS_TEST_ACCOUNT.accessKeyId}/${now.slice(0, 8)}/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=${'0'.repeat(64)}`,
        },
      }),
    );
    expect(mismatch.status).toBe(400);
    expect(await mismatch.text()).toContain('XAmzContentSHA256Mismatch');
  });
});

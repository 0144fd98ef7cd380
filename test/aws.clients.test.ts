import { awsSigV4, s3 } from '@authplug/aws';
import { withAuth as withAxios } from '@authplug/axios';
import type { AuthStrategy } from '@authplug/core';
import { AWS_TEST_ACCOUNT, awsEmulator, type RunningServer, serveFetch } from '@authplug/emulators';
import { mswHandlers } from '@authplug/emulators/msw';
import { withAuth as withFetch } from '@authplug/fetch';
import { withAuth as withGot } from '@authplug/got';
import { withAuth as withKy } from '@authplug/ky';
import axios from 'axios';
import got from 'got';
import ky from 'ky';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// SigV4 through every client (axios, ky, got, fetch), verified by the AWS emulator (an independent implementation of
// AWS's checks) over a real loopback socket and over msw for AWS's own origins.

type Body =
  | { kind: 'text'; text: string; contentType: string }
  | { kind: 'json'; value: unknown }
  | { kind: 'form'; fields: URLSearchParams };
interface Sent {
  status: number;
  text: string;
}
type Send = (strategy: AuthStrategy, method: string, url: string, body?: Body) => Promise<Sent>;

const clients: { name: string; send: Send }[] = [
  {
    name: 'axios',
    async send(strategy, method, url, body) {
      const response = await withAxios(axios.create(), strategy).request({
        method,
        url,
        data: body?.kind === 'text' ? body.text : body?.kind === 'json' ? body.value : body?.fields,
        headers: body?.kind === 'text' ? { 'Content-Type': body.contentType } : undefined,
        responseType: 'text',
        transformResponse: (data: unknown) => data,
        validateStatus: () => true,
      });
      return { status: response.status, text: String(response.data) };
    },
  },
  {
    name: 'ky',
    async send(strategy, method, url, body) {
      const response = await withKy(ky.create({ retry: 0, throwHttpErrors: false }), strategy)(url, {
        method,
        ...(body?.kind === 'text'
          ? { body: body.text, headers: { 'content-type': body.contentType } }
          : body?.kind === 'json'
            ? { json: body.value }
            : body?.kind === 'form'
              ? { body: body.fields }
              : {}),
      });
      return { status: response.status, text: await response.text() };
    },
  },
  {
    name: 'got',
    async send(strategy, method, url, body) {
      const response = await withGot(got.extend({ throwHttpErrors: false, retry: { limit: 0 } }), strategy)(
        url,
        {
          method: method as 'GET',
          ...(body?.kind === 'text'
            ? { body: body.text, headers: { 'content-type': body.contentType } }
            : body?.kind === 'json'
              ? { json: body.value }
              : body?.kind === 'form'
                ? { form: Object.fromEntries(body.fields) }
                : {}),
        },
      );
      return { status: response.statusCode, text: response.body };
    },
  },
  {
    name: 'fetch',
    async send(strategy, method, url, body) {
      const response = await withFetch(fetch, strategy)(url, {
        method,
        ...(body?.kind === 'text'
          ? { body: body.text, headers: { 'content-type': body.contentType } }
          : body?.kind === 'json'
            ? { body: JSON.stringify(body.value), headers: { 'content-type': 'application/json' } }
            : body?.kind === 'form'
              ? { body: body.fields }
              : {}),
      });
      return { status: response.status, text: await response.text() };
    },
  },
];

const credentials = AWS_TEST_ACCOUNT;

describe('aws over loopback', () => {
  const emulator = awsEmulator();
  let server: RunningServer;
  beforeAll(async () => {
    server = await serveFetch(emulator.fetch);
  });
  afterAll(() => server.close());

  describe.each(clients)('through $name', ({ name, send }) => {
    it('PUTs an object to S3 and GETs it back, keys with odd characters included', async () => {
      const auth = s3({ region: 'us-east-1', credentials });
      const key = `${server.url}/bucket/${name}/r%C3%A9sum%C3%A9%20(1)!.txt`;
      const put = await send(auth, 'PUT', key, {
        kind: 'text',
        text: 'Été — 1923',
        contentType: 'text/plain; charset=utf-8',
      });
      expect(put).toMatchObject({ status: 200 });
      const get = await send(auth, 'GET', `${key}?x-id=GetObject&versionId=`);
      expect(get).toEqual({ status: 200, text: 'Été — 1923' });
    });

    it('POSTs JSON to an API Gateway route with a session token, query and a path with dot segments', async () => {
      const auth = awsSigV4({
        region: 'us-east-1',
        service: 'execute-api',
        credentials: async () => ({ ...credentials, sessionToken: 'session-token-1' }),
      });
      const temporary = awsEmulator({ accounts: [{ ...credentials, sessionToken: 'session-token-1' }] });
      const local = await serveFetch(temporary.fetch);
      try {
        const sent = await send(auth, 'POST', `${local.url}/prod/orders/a%20b?tag=x&tag=&z=%2A`, {
          kind: 'json',
          value: { item: 'tea', note: 'ünï' },
        });
        expect(sent.status).toBe(200);
        expect(JSON.parse(sent.text)).toMatchObject({ ok: true, service: 'execute-api', method: 'POST' });
      } finally {
        await local.close();
      }
    });

    it('POSTs a form to STS', async () => {
      const auth = awsSigV4({ region: 'us-east-1', service: 'sts', credentials });
      const sent = await send(auth, 'POST', `${server.url}/`, {
        kind: 'form',
        fields: new URLSearchParams([
          ['Action', 'GetCallerIdentity'],
          ['Version', '2011-06-15'],
          ['Note', "a b&c=d+é!*'()"],
        ]),
      });
      expect(sent.status).toBe(200);
      expect(JSON.parse(sent.text)).toMatchObject({ ok: true, service: 'sts' });
    });

    it('POSTs a hand-written form string, hashing its bytes as sent (not as re-serialized)', async () => {
      const auth = awsSigV4({ region: 'us-east-1', service: 'sts', credentials });
      const sent = await send(auth, 'POST', `${server.url}/`, {
        kind: 'text',
        text: 'Action=GetCallerIdentity&Version=2011-06-15&Note=a%20b%2Bc',
        contentType: 'application/x-www-form-urlencoded',
      });
      expect(sent.status).toBe(200);
    });

    it('learns a skewed clock from the refusal and succeeds on the one retry', async () => {
      const ahead = awsEmulator({ clock: () => Date.now() + 40 * 60_000 });
      const local = await serveFetch(ahead.fetch);
      try {
        const auth = s3({ region: 'us-east-1', credentials });
        const sent = await send(auth, 'PUT', `${local.url}/bucket/skew.txt`, {
          kind: 'text',
          text: 'x',
          contentType: 'text/plain',
        });
        expect(sent.status).toBe(200);
        expect(ahead.verified).toHaveLength(1);
        expect(Math.round(auth.clock.offset / 60_000)).toBe(40);
      } finally {
        await local.close();
      }
    });

    it('rejects with a typed error when the key is wrong, and the emulator sends its canonical request', async () => {
      const auth = s3({ region: 'us-east-1', credentials: { ...credentials, secretAccessKey: 'wrong' } });
      await expect(send(auth, 'GET', `${server.url}/bucket/x`)).rejects.toMatchObject({
        code: 'AUTHPLUG_AWS_SIGNATURE_REJECTED',
        providerCode: 'SignatureDoesNotMatch',
      });
    });
  });

  it('serves a presigned URL to a client without any signing', async () => {
    const auth = s3({ region: 'us-east-1', credentials });
    emulator.objects.set('/bucket/shared.txt', new TextEncoder().encode('shared'));
    const url = await auth.presign(`${server.url}/bucket/shared.txt`, { expiresIn: 60 });
    const response = await fetch(url);
    expect(await response.text()).toBe('shared');
    const tampered = await fetch(url.replace('X-Amz-Expires=60', 'X-Amz-Expires=600'));
    expect(tampered.status).toBe(403);
  });
});

describe('aws over msw, for AWS origins', () => {
  const emulator = awsEmulator();
  const server = setupServer(...mswHandlers(emulator));
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
  afterAll(() => server.close());

  describe.each(clients)('through $name', ({ name, send }) => {
    it('PUTs and GETs an S3 object', async () => {
      const auth = s3({ region: 'us-east-1', credentials });
      const url = `https://s3.us-east-1.amazonaws.com/bucket/${name}.json`;
      expect((await send(auth, 'PUT', url, { kind: 'json', value: { a: 1 } })).status).toBe(200);
      expect(await send(auth, 'GET', url)).toEqual({ status: 200, text: '{"a":1}' });
    });

    it('calls API Gateway', async () => {
      const auth = awsSigV4({ region: 'us-east-1', service: 'execute-api', credentials });
      const sent = await send(
        auth,
        'GET',
        'https://abc123.execute-api.us-east-1.amazonaws.com/prod/items?limit=10&next=a%2Fb',
      );
      expect(sent.status).toBe(200);
    });
  });
});

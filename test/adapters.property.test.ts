import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { withAuth as withAxios } from '@authplug/axios';
import type { AuthStrategy } from '@authplug/core';
import { withAuth as withGot } from '@authplug/got';
import { historypin } from '@authplug/historypin';
import { withAuth as withKy } from '@authplug/ky';
import { oauth1 } from '@authplug/oauth1';
import axios from 'axios';
import fc from 'fast-check';
import got from 'got';
import ky from 'ky';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorProblem, oddText, RUNS, settled } from './support/odd.ts';

// Each adapter's request translation (URL with base, params and fragment; method; headers;
// body as the client serializes it), fed odd calls through the client's own API against a
// loopback server. Differential: a call the plain client itself cannot make may fail the same
// way signed; a call the plain client makes must come out signed or as a typed AuthplugError.

const SECRETS = ['hp-secret-Q7x1', 'oa-consumer-secret-M3v8'];
const strategies: Record<string, () => AuthStrategy> = {
  historypin: () => historypin({ apiKey: 'hp-key', apiSecret: SECRETS[0]! }),
  'oauth1 header': () => oauth1({ consumerKey: 'ck', consumerSecret: SECRETS[1]!, bodyHash: true }),
  'oauth1 form': () => oauth1({ consumerKey: 'ck', consumerSecret: SECRETS[1]!, placement: 'form' }),
};
// What the server must see on a call that went out signed.
const SIGNED = /api_token=|oauth_signature/;

let server: Server;
let origin = '';
beforeAll(async () => {
  // 10 kB values in the query: allow long request lines, so the call itself is what is tested.
  server = createServer({ maxHeaderSize: 1 << 20 }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          url: req.url,
          auth: req.headers.authorization ?? '',
          body: Buffer.concat(chunks).toString(),
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

type BodyKind = 'none' | 'params' | 'text' | 'json' | 'bytes' | 'formdata';
interface OddCall {
  base: string;
  method: string;
  path: string;
  params: [string, string][];
  body: BodyKind;
  fields: [string, string][];
  text: string;
  contentType: string | undefined;
}

const encodeOrNot = (text: string, raw: boolean) => (raw ? text : encodeURIComponent(text.toWellFormed()));
const oddCall: fc.Arbitrary<OddCall> = fc.record({
  base: fc.constantFrom('/api/', '/en/api/', '/p%20q/api/', '/api/sub/'),
  method: fc.constantFrom('get', 'GET', 'post', 'Post', 'PUT', 'patch', 'delete'),
  path: fc
    .array(
      fc.tuple(
        fc.oneof(
          { weight: 3, arbitrary: fc.constantFrom('user', 'x.json', 'doc.get') },
          { weight: 1, arbitrary: oddText },
        ),
        fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
      ),
      { minLength: 1, maxLength: 3 },
    )
    .chain((segs) =>
      fc
        .constantFrom('', '?a=1&a=2', '?x=%zz', '#frag', '?q=1#f?g')
        .map((tail) => segs.map(([s, raw]) => encodeOrNot(s, raw)).join('/') + tail),
    ),
  params: fc.array(fc.tuple(oddText, oddText), { maxLength: 3 }),
  body: fc.constantFrom<BodyKind>('none', 'params', 'text', 'json', 'bytes', 'formdata'),
  fields: fc.array(fc.tuple(oddText, oddText), { maxLength: 3 }),
  text: oddText,
  contentType: fc.constantFrom(
    undefined,
    'application/x-www-form-urlencoded',
    'Application/X-WWW-Form-Urlencoded; charset=utf-8',
    'application/json',
    'text/plain',
    'multipart/form-data; boundary=zz',
    'application/octet-stream',
  ),
});

const bodyOf = (call: OddCall): unknown => {
  switch (call.body) {
    case 'none':
      return undefined;
    case 'params':
      return new URLSearchParams(call.fields);
    case 'text':
      return call.text;
    case 'json':
      return JSON.stringify(Object.fromEntries(call.fields));
    case 'bytes':
      return new TextEncoder().encode(call.text);
    case 'formdata': {
      const form = new FormData();
      for (const [k, v] of call.fields) form.append(k, v);
      return form;
    }
  }
};
const bodiless = (call: OddCall) => /^(get|head)$/i.test(call.method);
const headers = (call: OddCall) => (call.contentType ? { 'content-type': call.contentType } : {});

interface Client {
  name: string;
  send(call: OddCall, strategy: AuthStrategy | undefined): Promise<string>;
}

const clients: Client[] = [
  {
    name: 'axios',
    async send(call, strategy) {
      const plain = axios.create({
        baseURL: origin + call.base,
        responseType: 'text',
        transitional: { silentJSONParsing: true },
      });
      const instance = strategy ? withAxios(plain, strategy) : plain;
      const response = await instance.request({
        method: call.method,
        url: call.path,
        params: new URLSearchParams(call.params),
        data: bodiless(call) ? undefined : bodyOf(call),
        headers: headers(call),
      });
      return String(response.data);
    },
  },
  {
    name: 'ky',
    async send(call, strategy) {
      const plain = ky.create({ baseUrl: origin + call.base, retry: 0 });
      const instance = strategy ? withKy(plain, strategy) : plain;
      return instance(call.path, {
        method: call.method,
        searchParams: call.params.length ? new URLSearchParams(call.params) : undefined,
        body: bodiless(call) ? undefined : (bodyOf(call) as BodyInit),
        headers: headers(call),
      }).text();
    },
  },
  {
    name: 'got',
    async send(call, strategy) {
      const plain = got.extend({ prefixUrl: origin + call.base, retry: { limit: 0 } });
      const instance = strategy ? withGot(plain, strategy) : plain;
      const body = bodiless(call) ? undefined : bodyOf(call);
      const response = await instance(call.path, {
        method: call.method as 'GET',
        searchParams: call.params.length ? new URLSearchParams(call.params) : undefined,
        body:
          body instanceof URLSearchParams
            ? body.toString()
            : (body as string | Uint8Array | FormData | undefined),
        headers: headers(call),
      });
      return response.body;
    },
  },
];

const outcome = (promise: Promise<string>) =>
  settled(promise).then(
    (text) => ({ ok: true as const, text }),
    (error: unknown) => ({ ok: false as const, error }),
  );

describe("each adapter's translation: signed or a typed error wherever the plain client works", () => {
  for (const client of clients) {
    it(client.name, async () => {
      let signed = 0;
      await fc.assert(
        fc.asyncProperty(oddCall, fc.constantFrom(...Object.keys(strategies)), async (call, which) => {
          const plain = await outcome(client.send(call, undefined));
          const result = await outcome(client.send(call, strategies[which]!()));
          if (result.ok) {
            expect(result.text).toMatch(SIGNED);
            signed++;
            return;
          }
          const problem = errorProblem(result.error, SECRETS);
          if (problem === undefined) return;
          // Not authplug's: the plain client fails on this call as well.
          expect(plain.ok, problem).toBe(false);
        }),
        { ...RUNS, numRuns: 150 },
      );
      expect(signed).toBeGreaterThan(150 / 4);
    });
  }
});

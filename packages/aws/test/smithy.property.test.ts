import { type AuthRequest, percentEncode, type RequestBody } from '@authplug/core';
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { awsSigV4 } from '../src/index.ts';

// authplug against AWS's own signer on generated requests: odd characters in paths and
// queries, dot and empty segments, repeated and empty parameters, multi-line and repeated
// (folded) headers, bodies; the generic path rule and S3's. Byte for byte.

const ODD = [
  ' ',
  '%',
  '+',
  '&',
  '=',
  '?',
  '#',
  '!',
  "'",
  '(',
  ')',
  '*',
  '~',
  '.',
  '-',
  '_',
  'é',
  'ሴ',
  '😀',
  '/',
];
const text = (maxLength: number) =>
  fc
    .array(fc.oneof(fc.constantFrom(...ODD), fc.string({ unit: 'grapheme', maxLength: 3 })), { maxLength })
    .map((parts) => parts.join(''));
const segment = fc.oneof(
  { weight: 6, arbitrary: text(4).map((s) => s.replaceAll('/', '')) },
  { weight: 1, arbitrary: fc.constantFrom('.', '..', '') },
);
const headerName = fc
  .tuple(
    fc.constantFrom('x-amz-meta-', 'x-custom-', 'My-Header', 'X-Amz-Target', 'accept', 'content-md5'),
    fc.stringMatching(/^[a-z0-9]{0,4}$/),
  )
  .map(([prefix, rest]) => `${prefix}${rest}`);
// What a header reader hands over: printable ASCII with runs of spaces and tabs, repeats folded
// with `,`, and (from obs-fold or a hand-built reader) line breaks.
const headerValue = fc
  .array(
    fc.oneof(
      fc.stringMatching(/^[!-~]{1,6}$/),
      fc.constantFrom(' ', '  ', '\t', ' \t ', ',', '\n  ', '\r\n '),
    ),
    { maxLength: 6 },
  )
  .map((parts) => parts.join(''));
const body = fc.oneof(
  fc.constant<RequestBody>({ kind: 'none' }),
  text(12).map(
    (data): RequestBody => ({
      kind: 'bytes',
      contentType: 'application/json',
      data: JSON.stringify({ data }),
    }),
  ),
  fc
    .uint8Array({ maxLength: 64 })
    .map((data): RequestBody => ({ kind: 'bytes', contentType: 'application/octet-stream', data })),
  fc.array(fc.tuple(text(3), text(4)), { minLength: 1, maxLength: 4 }).map((fields): RequestBody => {
    // A form as a client sends it: the bytes as written, fields as parsed from them.
    const raw = fields.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
    return { kind: 'form', fields: [...new URLSearchParams(raw)], raw };
  }),
);

const requestArb = fc.record({
  s3: fc.boolean(),
  method: fc.constantFrom('GET', 'PUT', 'POST', 'DELETE', 'HEAD'),
  host: fc.constantFrom('example.amazonaws.com', 'bucket.s3.eu-west-1.amazonaws.com', '127.0.0.1:9000'),
  segments: fc.array(segment, { maxLength: 5 }),
  trailingSlash: fc.boolean(),
  query: fc.array(fc.tuple(fc.oneof(fc.constantFrom('a', 'list-type', 'A', 'prefix'), text(3)), text(5)), {
    maxLength: 6,
  }),
  headers: fc.uniqueArray(fc.tuple(headerName, headerValue), {
    maxLength: 5,
    selector: ([name]) => name.toLowerCase(),
  }),
  body,
  sessionToken: fc.option(fc.stringMatching(/^[A-Za-z0-9/+=]{8,40}$/), { nil: undefined }),
  time: fc.integer({ min: Date.UTC(2015, 0, 1), max: Date.UTC(2035, 0, 1) }),
});

const credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};

describe('authplug vs @smithy/signature-v4', () => {
  it('produces the same Authorization header', async () => {
    await fc.assert(
      fc.asyncProperty(requestArb, async (r) => {
        // The path as an SDK serializer sends it: each segment strictly encoded.
        const path = `/${r.segments.map(percentEncode).join('/')}${r.trailingSlash && r.segments.length ? '/' : ''}`;
        const search = r.query.map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`).join('&');
        const url = `https://${r.host}${path}${search ? `?${search}` : ''}`;
        const headerMap = new Map(r.headers.map(([name, value]) => [name.toLowerCase(), value]));
        const request: AuthRequest = {
          method: r.method,
          url,
          headers: { get: (name) => headerMap.get(name.toLowerCase()) },
          body: r.body,
        };
        const service = r.s3 ? 's3' : 'execute-api';
        const ours = await awsSigV4({
          region: 'eu-west-1',
          service,
          credentials: { ...credentials, sessionToken: r.sessionToken },
          signedHeaders: r.headers.map(([name]) => name),
          clock: () => r.time,
        }).sign(request, { attempt: 0 });

        const query: Record<string, string | string[]> = {};
        for (const [k, v] of r.query) {
          const seen = query[k];
          query[k] = seen === undefined ? v : Array.isArray(seen) ? [...seen, v] : [seen, v];
        }
        const smithy = new SignatureV4({
          credentials: { ...credentials, sessionToken: r.sessionToken },
          region: 'eu-west-1',
          service,
          sha256: Hash.bind(null, 'sha256'),
          uriEscapePath: !r.s3,
          applyChecksum: r.s3,
        });
        const signed = await smithy.sign(
          {
            method: r.method,
            protocol: 'https:',
            hostname: r.host,
            path,
            query,
            headers: { host: r.host, ...Object.fromEntries(r.headers) },
            body: r.body.kind === 'bytes' ? r.body.data : r.body.kind === 'form' ? r.body.raw : undefined,
          },
          { signingDate: new Date(r.time) },
        );
        expect(ours.headers?.authorization).toBe(
          (signed as { headers: Record<string, string> }).headers.authorization,
        );
      }),
      { numRuns: 400 },
    );
  }, 120_000); // hundreds of runs: a loaded CI machine needs more than the default 20 s

  it('produces the same presigned URL signature', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(segment, { maxLength: 4 }),
        fc.array(fc.tuple(text(3), text(4)), { maxLength: 4 }),
        fc.integer({ min: 1, max: 604_800 }),
        fc.integer({ min: Date.UTC(2015, 0, 1), max: Date.UTC(2035, 0, 1) }),
        async (segments, pairs, expiresIn, time) => {
          const path = `/${segments.map(percentEncode).join('/')}`;
          const search = pairs.map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`).join('&');
          const url = `https://example.amazonaws.com${path}${search ? `?${search}` : ''}`;
          const presigned = await awsSigV4({
            region: 'us-east-1',
            service: 'execute-api',
            credentials,
            clock: () => time,
          }).presign(url, {
            expiresIn,
          });
          const query: Record<string, string | string[]> = {};
          for (const [k, v] of pairs) {
            const seen = query[k];
            query[k] = seen === undefined ? v : Array.isArray(seen) ? [...seen, v] : [seen, v];
          }
          const smithy = new SignatureV4({
            credentials,
            region: 'us-east-1',
            service: 'execute-api',
            sha256: Hash.bind(null, 'sha256'),
          });
          const signed = (await smithy.presign(
            {
              method: 'GET',
              protocol: 'https:',
              hostname: 'example.amazonaws.com',
              path,
              query,
              headers: { host: 'example.amazonaws.com' },
            },
            { signingDate: new Date(time), expiresIn },
          )) as { query: Record<string, string> };
          expect(new URL(presigned).searchParams.get('X-Amz-Signature')).toBe(
            signed.query['X-Amz-Signature'],
          );
        },
      ),
      { numRuns: 200 },
    );
  }, 120_000);
});

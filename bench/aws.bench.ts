// AWS SigV4 signing throughput: @authplug/aws vs `aws4` vs `@smithy/signature-v4` (AWS SDK v3's
// signer), on the same 64 varied requests, same run.
//
//   node --conditions=@authplug/source bench/aws.bench.ts
//
// The requests vary the way an application's do: GETs with 0 to 6 query parameters (some with
// characters to encode), POSTs with a JSON body of a few hundred bytes, a few extra headers,
// paths with encoded segments. Every contender signs the same request with the same date and
// produces the Authorization header; before timing, all three must agree on every request. They
// run interleaved in many short rounds (machine load hits all alike): ops/s are medians over
// rounds, ratios medians of per-round ratios. Each keeps its derived-key cache (all three have
// one), as in a long-running process.
import { createRequire } from 'node:module';
import { awsSigV4 } from '@authplug/aws';
import type { AuthRequest } from '@authplug/core';
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import { fmt, interleaved, timeAsync, timeSync } from './rounds.ts';

const require = createRequire(import.meta.url);
const aws4 = require('aws4') as {
  sign(opts: Record<string, unknown>, creds: Record<string, string>): { headers: Record<string, string> };
};

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 41);
const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 40);
const NOW = Date.UTC(2026, 11, 2, 12, 0, 0);
const DATE = '20261202T120000Z';
const credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};
const region = 'eu-west-1';
const service = 'execute-api';
const host = 'abc123.execute-api.eu-west-1.amazonaws.com';

interface Case {
  method: string;
  path: string;
  query: [string, string][];
  headers: Record<string, string>;
  body?: string;
}

const enc = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const cases: Case[] = Array.from({ length: 64 }, (_, i) => {
  const post = i % 3 === 0;
  const query: [string, string][] = Array.from({ length: post ? i % 2 : i % 7 }, (_, j) => [
    ['limit', 'next', 'sort', 'q', 'tag', 'fields'][j]!,
    j === 3 ? `café ${i}` : j === 5 ? 'id,name' : String(i * 7 + j),
  ]);
  const body = post
    ? JSON.stringify({ id: i, name: `item ${i}`, tags: ['a', 'b', 'c'], note: 'x'.repeat(120 + i) })
    : undefined;
  const headers: Record<string, string> = { host, 'x-amz-date': DATE };
  if (body) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(Buffer.byteLength(body));
  }
  if (i % 4 === 1) headers['x-amz-target'] = 'Service.Operation';
  return {
    method: post ? 'POST' : 'GET',
    path: `/prod/items/${i}${i % 5 === 0 ? '/sub%20dir' : ''}`,
    query,
    headers,
    body,
  };
});

const search = (c: Case) =>
  c.query.length ? `?${c.query.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&')}` : '';

// @authplug/aws, one strategy per header set (signedHeaders lists the extras)
const ours = awsSigV4({
  region,
  service,
  credentials,
  clock: () => NOW,
  signedHeaders: ['content-length', 'x-amz-target'],
});
const requests: AuthRequest[] = cases.map((c) => {
  const h = new Map(Object.entries(c.headers));
  return {
    method: c.method,
    url: `https://${host}${c.path}${search(c)}`,
    headers: { get: (name: string) => h.get(name.toLowerCase()) },
    body:
      c.body === undefined
        ? { kind: 'none' }
        : { kind: 'bytes', contentType: 'application/json', data: c.body },
  };
});

// aws4 (it reads X-Amz-Date from the headers and signs every header given)
const aws4Sign = (c: Case) =>
  aws4.sign(
    {
      host,
      method: c.method,
      path: `${c.path}${search(c)}`,
      service,
      region,
      headers: { ...c.headers },
      body: c.body,
    },
    credentials,
  ).headers.Authorization;

// @smithy/signature-v4
const smithy = new SignatureV4({
  credentials,
  region,
  service,
  sha256: Hash.bind(null, 'sha256'),
  applyChecksum: false,
});
const smithyRequests = cases.map((c) => {
  const query: Record<string, string> = Object.fromEntries(c.query);
  const { 'x-amz-date': _, ...headers } = c.headers;
  return { method: c.method, protocol: 'https:', hostname: host, path: c.path, query, headers, body: c.body };
});
const signingDate = new Date(NOW);
const smithySign = async (i: number) =>
  ((await smithy.sign(smithyRequests[i]!, { signingDate })) as { headers: Record<string, string> }).headers
    .authorization;

const context = { attempt: 0 };
for (let i = 0; i < cases.length; i++) {
  const a = (await ours.sign(requests[i]!, context)).headers!.authorization;
  const b = aws4Sign(cases[i]!);
  const c = await smithySign(i);
  if (a !== b || a !== c)
    throw new Error(`request ${i}: signatures differ\n  ours   ${a}\n  aws4   ${b}\n  smithy ${c}`);
}

// A different request on every call, in turn through the 64.
let next = 0;
const turn = () => next++ & 63;

const OURS = '@authplug/aws';
const AWS4 = 'aws4';
const SMITHY = '@smithy/signature-v4';
const contenders: Record<string, () => Promise<number>> = {
  [OURS]: () => timeAsync(() => ours.sign(requests[turn()]!, context), ROUND_MS),
  [AWS4]: () => timeSync(() => aws4Sign(cases[turn()]!), ROUND_MS),
  [SMITHY]: () => timeAsync(() => smithySign(turn()), ROUND_MS),
};
const { opsPerSecond, ratio } = await interleaved(contenders, ROUNDS);
console.log(
  `AWS SigV4 header signing, 64 varied requests (GET 0-6 params, JSON POSTs), same date ` +
    `(Node ${process.version}, ${ROUNDS} interleaved rounds of ${ROUND_MS} ms; medians)`,
);
for (const [name, ops] of Object.entries(opsPerSecond))
  console.log(`  ${name.padEnd(24)} ${fmt(ops).padStart(12)} ops/s`);
console.log(`  @authplug/aws / aws4:                  ${ratio(OURS, AWS4).toFixed(2)}x  (target > 1)`);
console.log(`  @authplug/aws / @smithy/signature-v4:  ${ratio(OURS, SMITHY).toFixed(2)}x  (target > 1)`);

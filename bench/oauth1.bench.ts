// OAuth 1.0a signing throughput: @authplug/oauth1 vs the `oauth-1.0a` package vs a bare HMAC.
//
//   node --conditions=@authplug/source bench/oauth1.bench.ts
//
// The same GET with a token and 6 query params, HMAC-SHA1, header placement, fixed nonce and
// timestamp. Each contender signs and produces the Authorization header; the floor is one
// `createHmac('sha1')` over the precomputed base string. The three run interleaved in many short
// rounds (so machine load hits all alike); each figure is the median ops/s over rounds.
import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import type { AuthRequest } from '@authplug/core';
import { oauth1, signatureBaseString } from '@authplug/oauth1';

const require = createRequire(import.meta.url);
const OAuth = require('oauth-1.0a') as typeof import('oauth-1.0a');

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 200);

const consumer = { key: 'dpf43f3p2l4k3l03', secret: 'kd94hf93k423kf44' };
const token = { key: 'nnch734d00sl2jdk', secret: 'pfkkdhi9sl3r4s00' };
const NONCE = 'kllo9940pd9333jh';
const TIMESTAMP = 1191242096;
const params: [string, string][] = [
  ['file', 'vacation.jpg'],
  ['size', 'original'],
  ['page', '2'],
  ['limit', '50'],
  ['sort', 'date desc'],
  ['q', 'café ☕'],
];
const url = `http://photos.example.net/photos?${new URLSearchParams(params).toString().replaceAll('+', '%20')}`;

// @authplug/oauth1
const auth = oauth1({
  consumerKey: consumer.key,
  consumerSecret: consumer.secret,
  token: token.key,
  tokenSecret: token.secret,
  clock: () => TIMESTAMP * 1000,
  nonce: () => NONCE,
});
const request: AuthRequest = { method: 'GET', url, headers: { get: () => undefined }, body: { kind: 'none' } };
const context = { attempt: 0 };

// oauth-1.0a with node:crypto as its hash
const peer = new OAuth({
  consumer,
  signature_method: 'HMAC-SHA1',
  hash_function: (base: string, key: string) => createHmac('sha1', key).update(base).digest('base64'),
});
peer.getNonce = () => NONCE;
peer.getTimeStamp = () => TIMESTAMP;
const peerRequest = { url, method: 'GET' };

// the floor: one HMAC over the same base string
const base = signatureBaseString('GET', url, [
  ...params,
  ['oauth_consumer_key', consumer.key],
  ['oauth_nonce', NONCE],
  ['oauth_signature_method', 'HMAC-SHA1'],
  ['oauth_timestamp', String(TIMESTAMP)],
  ['oauth_token', token.key],
  ['oauth_version', '1.0'],
]);
const key = `${consumer.secret}&${token.secret}`;

// All three must produce the same signature, or the comparison is meaningless.
const ours = (await auth.sign(request, context)).headers!['authorization']!;
const theirs = peer.toHeader(peer.authorize(peerRequest, token)).Authorization;
const floor = createHmac('sha1', key).update(base).digest('base64');
const sig = (header: string) => decodeURIComponent(/oauth_signature="([^"]+)"/.exec(header)![1]!);
if (sig(ours) !== floor || sig(theirs) !== floor) {
  throw new Error(`signatures differ: ours ${sig(ours)}, oauth-1.0a ${sig(theirs)}, floor ${floor}`);
}

async function timeAsync(fn: () => Promise<unknown>, ms: number): Promise<number> {
  let n = 0;
  const end = performance.now() + ms;
  const start = performance.now();
  while (performance.now() < end) {
    for (let i = 0; i < 200; i++) await fn();
    n += 200;
  }
  return (n * 1000) / (performance.now() - start);
}
function timeSync(fn: () => unknown, ms: number): number {
  let n = 0;
  const end = performance.now() + ms;
  const start = performance.now();
  while (performance.now() < end) {
    for (let i = 0; i < 200; i++) fn();
    n += 200;
  }
  return (n * 1000) / (performance.now() - start);
}

const contenders = {
  '@authplug/oauth1': () => timeAsync(() => auth.sign(request, context), ROUND_MS),
  'oauth-1.0a': async () => timeSync(() => peer.toHeader(peer.authorize(peerRequest, token)), ROUND_MS),
  "bare createHmac('sha1')": async () =>
    timeSync(() => createHmac('sha1', key).update(base).digest('base64'), ROUND_MS),
};
type Name = keyof typeof contenders;
const results: Record<Name, number[]> = { '@authplug/oauth1': [], 'oauth-1.0a': [], "bare createHmac('sha1')": [] };
const names = Object.keys(contenders) as Name[];

for (const name of names) await contenders[name](); // warm-up
for (let round = 0; round < ROUNDS; round++) {
  const order = round % 2 ? [...names].reverse() : names;
  for (const name of order) results[name].push(await contenders[name]());
}
const median = (xs: number[]) => {
  const s = xs.toSorted((a, b) => a - b);
  return s[s.length >> 1]!;
};
const ops = Object.fromEntries(names.map((n) => [n, median(results[n])])) as Record<Name, number>;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

console.log(`OAuth 1.0a HMAC-SHA1 signing, GET + token + 6 params, header placement (${process.version})`);
for (const name of names) console.log(`  ${name.padEnd(26)} ${fmt(ops[name]).padStart(12)} ops/s`);
const vsPeer = ops['@authplug/oauth1'] / ops['oauth-1.0a'];
const vsFloor = ops['@authplug/oauth1'] / ops["bare createHmac('sha1')"];
console.log(`  vs oauth-1.0a:  ${vsPeer.toFixed(2)}x   (target >= 2.5x)`);
console.log(`  vs bare HMAC:   ${vsFloor.toFixed(2)}    (target >= 0.25)`);

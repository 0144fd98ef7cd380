// OAuth 1.0a signing throughput: @authplug/oauth1 vs the `oauth-1.0a` package vs a bare HMAC.
//
//   npx -y pnpm@12 bench oauth1
//
// The headline is what users run: a different GET on every call (token + 6 query params, one of
// them changing), a real CSPRNG nonce and the real clock, HMAC-SHA1, header placement, each call
// awaited. The second row signs the same request over and over with a fixed nonce and
// timestamp. The floor is one `createHmac('sha1')` over a precomputed base string. Contenders run
// interleaved in many short rounds (so machine load hits all alike): ops/s are medians over
// rounds, ratios medians of the per-round ratios. All three must agree on a signature first.
import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import type { AuthRequest } from '@authplug/core';
import { oauth1, signatureBaseString } from '@authplug/oauth1';
import { fmt, interleaved, timeAsync, timeSync } from './rounds.ts';

const require = createRequire(import.meta.url);
const OAuth = require('oauth-1.0a') as typeof import('oauth-1.0a');

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 61);
const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 40);

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
const request: AuthRequest = {
  method: 'GET',
  url,
  headers: { get: () => undefined },
  body: { kind: 'none' },
};
const context = { attempt: 0 };
// The same call with a different query each time (the signer's per-URL cache never hits).
const varied: AuthRequest[] = Array.from({ length: 1024 }, (_, i) => ({
  ...request,
  url: url.replace('page=2', `page=${i + 2}`),
}));
let next = 0;

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

const OURS = '@authplug/oauth1';
const PEER = 'oauth-1.0a';
const FLOOR = "bare createHmac('sha1')";
const VARIED = '@authplug/oauth1, new query';
// The varied case: real nonces and clock on both sides, a new URL every call.
const realAuth = oauth1({
  consumerKey: consumer.key,
  consumerSecret: consumer.secret,
  token: token.key,
  tokenSecret: token.secret,
});
const realPeer = new OAuth({
  consumer,
  signature_method: 'HMAC-SHA1',
  hash_function: (text: string, secret: string) => createHmac('sha1', secret).update(text).digest('base64'),
});
const PEER_VARIED = 'oauth-1.0a, new query';
const contenders: Record<string, () => Promise<number>> = {
  [VARIED]: () => timeAsync(() => realAuth.sign(varied[next++ & 1023]!, context), ROUND_MS),
  [PEER_VARIED]: () =>
    timeSync(
      () => realPeer.toHeader(realPeer.authorize({ url: varied[next++ & 1023]!.url, method: 'GET' }, token)),
      ROUND_MS,
    ),
  [FLOOR]: () => timeSync(() => createHmac('sha1', key).update(base).digest('base64'), ROUND_MS),
  [OURS]: () => timeAsync(() => auth.sign(request, context), ROUND_MS),
  [PEER]: () => timeSync(() => peer.toHeader(peer.authorize(peerRequest, token)), ROUND_MS),
};
const { opsPerSecond, ratio } = await interleaved(contenders, ROUNDS);

console.log(
  `OAuth 1.0a HMAC-SHA1 signing, GET + token + 6 params, header placement (Node ${process.version}, ` +
    `${ROUNDS} interleaved rounds of ${ROUND_MS} ms; medians)`,
);
for (const [name, ops] of Object.entries(opsPerSecond))
  console.log(`  ${name.padEnd(26)} ${fmt(ops).padStart(12)} ops/s`);
console.log(
  `  new query each call, real nonce and clock: ${ratio(VARIED, PEER_VARIED).toFixed(2)}x oauth-1.0a (target >= 2.5x), ` +
    `${ratio(VARIED, FLOOR).toFixed(3)} of bare HMAC (target >= 0.25)`,
);
console.log(
  `  same request over and over:               ${ratio(OURS, PEER).toFixed(2)}x oauth-1.0a, ` +
    `${ratio(OURS, FLOOR).toFixed(3)} of bare HMAC`,
);

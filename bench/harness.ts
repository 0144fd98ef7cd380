// The in-situ harness behind overhead.bench.ts and overhead-breakdown.bench.ts.
//
// For each scheme and client (axios, ky, got, fetch): a keep-alive GET with six params, one of them different on every
// request (identical requests are rare in real use), sent one at a time to a loopback server in
// another process, by up to four variants:
// - plain:  the client as it comes, sending the request unsigned;
// - floor:  the plain client sending the very bytes a signer sends (the same added params or
//           header, same lengths) plus the scheme's one bare digest over a string-to-sign of the
//           real length: what any correct signer must pay, nothing below it is possible;
// - signed: `withAuth(client, strategy)`;
// - peers:  other libraries doing the same job, where the scheme has one worth comparing.
// Variants take turns request by request, the order rotating every request, and each request is
// timed on its own: the figures compare medians of thousands of single requests, which load
// bursts, GC pauses and scheduler hiccups on a 2-core machine do not move (rounds of hundreds do).

import { fork } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { Agent } from 'node:http';
import { withAuth as withAxios } from '@authplug/axios';
import type { AuthRequest, AuthStrategy, Param, Signature } from '@authplug/core';
import { withAuth as withFetch } from '@authplug/fetch';
import { withAuth as withGot } from '@authplug/got';
import { withAuth as withKy } from '@authplug/ky';
import axios, { type AxiosInstance } from 'axios';
import got, { type Got } from 'got';
import ky, { type KyInstance } from 'ky';
import { median } from './rounds.ts';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 3000);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 600);
export const TARGET = 1.05;

/** The six params of every request; `page` takes a new value on every request. */
export function paramsFor(i: number, first?: Param): [string, string][] {
  return [
    first ? [first[0], first[1]] : ['id', '19'],
    ['example_variable', '123'],
    ['page', String(i)],
    ['limit', '50'],
    ['sort', 'date desc'],
    ['q', 'café ☕'],
  ];
}

/** The scheme's one bare digest, as the floor pays it. */
export interface BareDigest {
  readonly algorithm: 'md5' | 'sha1' | 'sha256';
  /** HMAC key; absent for a plain hash (the secret is inside the string, as with MD5 `api_sig`). */
  readonly hmacKey?: string;
  readonly encoding: 'hex' | 'base64';
}

/** A scheme measured in situ, on the request shape its provider expects. */
export interface BenchScheme {
  name: string;
  /** Path under the server root, e.g. `/en/api/user/get_edit.json`. */
  path: string;
  /** Replaces the first of the six params where the scheme needs one (Safe Creative's `component`). */
  firstParam?: Param;
  make(): AuthStrategy;
  /** Absent: no floor row (a diagnostic strategy). */
  digest?: BareDigest;
  /** Where the signature sits in what `sign` adds: a query param, or `oauth_signature` in the header. */
  signatureIn?: { query: string } | { header: string; field: string };
  /** Other libraries signing the same way, per client name. */
  peers?: Partial<Record<string, { name: string; make(base: string): Send }>>;
}

type Send = (i: number) => Promise<unknown>;
interface Client {
  name: string;
  /** A sender for the plain client, or for the signing one when `strategy` is given. */
  make(
    base: string,
    scheme: BenchScheme,
    strategy?: AuthStrategy,
  ): (i: number, add?: Added) => Promise<unknown>;
}
/** What the floor adds to a plain request. */
interface Added {
  query?: Param[];
  headers?: Record<string, string>;
}

/** The agent every in-situ sender uses: one keep-alive socket, as a client talking to one API keeps. */
export const keepAlive = (): Agent => new Agent({ keepAlive: true, maxSockets: 1 });
const withQuery = (scheme: BenchScheme, i: number, add?: Added): [string, string][] => {
  const query = paramsFor(i, scheme.firstParam);
  if (add?.query) for (const [k, v] of add.query) query.push([k, v]);
  return query;
};

export const clients: Client[] = [
  {
    name: 'axios',
    make(base, scheme, strategy) {
      const plain = axios.create({ baseURL: base, httpAgent: keepAlive() });
      const instance: AxiosInstance = strategy ? withAxios(plain, strategy) : plain;
      return (i, add) =>
        instance.get(scheme.path, {
          params: new URLSearchParams(withQuery(scheme, i, add)),
          headers: add?.headers,
        });
    },
  },
  {
    name: 'ky',
    make(base, scheme, strategy) {
      const plain = ky.create({ baseUrl: base, retry: 0 });
      const instance: KyInstance = strategy ? withKy(plain, strategy) : plain;
      const path = scheme.path.slice(1);
      return (i, add) =>
        instance.get(path, { searchParams: withQuery(scheme, i, add), headers: add?.headers }).arrayBuffer();
    },
  },
  {
    name: 'got',
    make(base, scheme, strategy) {
      const plain = got.extend({ prefixUrl: base, agent: { http: keepAlive() }, retry: { limit: 0 } });
      const instance: Got = strategy ? withGot(plain, strategy) : plain;
      const path = scheme.path.slice(1);
      return (i, add) =>
        instance
          .get(path, { searchParams: new URLSearchParams(withQuery(scheme, i, add)), headers: add?.headers })
          .buffer();
    },
  },
  {
    name: 'fetch',
    make(base, scheme, strategy) {
      const send = strategy ? withFetch(fetch, strategy) : fetch;
      return async (i, add) => {
        const url = `${base}${scheme.path}?${new URLSearchParams(withQuery(scheme, i, add))}`;
        return (await send(url, add?.headers ? { headers: add.headers } : undefined)).arrayBuffer();
      };
    },
  },
];

/**
 * The floor's sender: what `sign` adds to a sample request, learnt once, replayed on every request
 * with the signature replaced by one bare digest over the string-to-sign of a sample request
 * (from `explain`, so it has the real length).
 */
async function floorOf(
  scheme: BenchScheme,
  plain: (i: number, add?: Added) => Promise<unknown>,
  base: string,
) {
  const { digest, signatureIn } = scheme;
  if (!digest || !signatureIn) return undefined;
  const strategy = scheme.make();
  const sample: AuthRequest = {
    method: 'GET',
    url: `${base}${scheme.path}?${new URLSearchParams(paramsFor(0, scheme.firstParam))}`,
    headers: { get: () => undefined },
    body: { kind: 'none' },
  };
  const added: Signature = await strategy.sign(sample, { attempt: 0 });
  const text = (await strategy.explain!(sample, { attempt: 0 })).base;
  const bare = () =>
    digest.hmacKey === undefined
      ? createHash(digest.algorithm).update(text).digest(digest.encoding)
      : createHmac(digest.algorithm, digest.hmacKey).update(text).digest(digest.encoding);
  if ('query' in signatureIn) {
    const fixed = (added.query ?? []).filter(([k]) => k !== signatureIn.query);
    return (i: number) => plain(i, { query: [...fixed, [signatureIn.query, bare()]] });
  }
  const header = added.headers?.[signatureIn.header];
  if (!header) throw new Error(`${scheme.name}: sign added no ${signatureIn.header} header`);
  const at = header.indexOf(`${signatureIn.field}="`) + signatureIn.field.length + 2;
  const [head, tail] = [header.slice(0, at), header.slice(header.indexOf('"', at))];
  return (i: number) =>
    plain(i, { headers: { [signatureIn.header]: head + encodeURIComponent(bare()) + tail } });
}

/** One row's medians, in µs. */
export interface Row {
  scheme: string;
  client: string;
  medians: Record<string, number>;
}

/**
 * Runs the interleaved in-situ measurement for `schemes` through every client and prints a
 * table. Returns the rows for callers that print more.
 */
export async function measureInSitu(schemes: readonly BenchScheme[], title: string): Promise<Row[]> {
  const child = fork(new URL('./server.ts', import.meta.url), { stdio: 'inherit' });
  const port = await new Promise<number>((resolve) => child.once('message', (m) => resolve(Number(m))));
  const base = `http://127.0.0.1:${port}`;
  console.log(
    `# ${title}: keep-alive GET, 6 params (one new on every request), loopback server in another process`,
  );
  console.log(
    `# ${REQUESTS} single requests per variant, interleaved one by one in rotating order; medians; node ${process.version}\n`,
  );
  console.log(
    '| scheme | client | plain µs | floor µs | signed µs | floor/plain | **signed/floor** | signed/plain |',
  );
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  const rows: Row[] = [];
  const peerLines: string[] = [];
  for (const scheme of schemes) {
    for (const client of clients) {
      const plain = client.make(base, scheme);
      const variants: [string, Send][] = [
        ['plain', (i) => plain(i)],
        ['signed', client.make(base, scheme, scheme.make())],
      ];
      const floor = await floorOf(scheme, client.make(base, scheme), base);
      if (floor) variants.push(['floor', floor]);
      const peer = scheme.peers?.[client.name];
      if (peer) variants.push([peer.name, peer.make(base)]);
      const times = variants.map(() => [] as number[]);
      const n = variants.length;
      for (let i = 0; i < WARMUP + REQUESTS; i++) {
        for (let j = 0; j < n; j++) {
          const v = (i + j) % n;
          const start = performance.now();
          await variants[v]![1](i);
          if (i >= WARMUP) times[v]!.push(performance.now() - start);
        }
      }
      const medians = Object.fromEntries(variants.map(([name], v) => [name, median(times[v]!) * 1000]));
      rows.push({ scheme: scheme.name, client: client.name, medians });
      const f = (x: number | undefined) => (x === undefined ? '–' : x.toFixed(1));
      const r = (a: number | undefined, b: number | undefined) =>
        a === undefined || b === undefined ? '–' : (a / b).toFixed(3);
      const m = medians as Record<string, number | undefined>;
      console.log(
        `| ${scheme.name} | ${client.name} | ${f(m.plain)} | ${f(m.floor)} | ${f(m.signed)} | ${r(m.floor, m.plain)} | **${r(m.signed, m.floor)}** | ${r(m.signed, m.plain)} |`,
      );
      if (peer) {
        peerLines.push(
          `| ${scheme.name} | ${client.name} | ${peer.name} | ${f(m[peer.name])} | ${f(m.signed)} | **${r(m.signed, m[peer.name])}** | ${r(m[peer.name], m.floor)} |`,
        );
      }
    }
  }
  child.disconnect();
  if (peerLines.length) {
    console.log('\n| scheme | client | peer | peer µs | authplug µs | **authplug/peer** | peer/floor |');
    console.log('| --- | --- | --- | ---: | ---: | ---: | ---: |');
    for (const line of peerLines) console.log(line);
  }
  const over = rows.filter((row) => row.medians.floor && row.medians.signed! / row.medians.floor > TARGET);
  console.log(
    over.length === 0
      ? `\nEvery signed/floor within ${TARGET}.`
      : `\nsigned/floor over ${TARGET}: ${over.map((row) => `${row.scheme}/${row.client} ${(row.medians.signed! / row.medians.floor!).toFixed(3)}`).join(', ')}`,
  );
  return rows;
}

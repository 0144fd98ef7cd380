// The overhead harness behind overhead.bench.ts and overhead-breakdown.bench.ts.
//
// For each client (axios, ky, got, fetch) and each strategy: the same keep-alive GET with six params,
// sent one at a time to a loopback server in another process, by a plain instance and by a
// signing instance (withAuth). Plain and signed requests alternate one by one (the order flips
// every pair), so drift in machine load hits both alike, and each request is timed on its own:
// the figure compares the median latencies, which GC pauses and scheduler hiccups do not move.
// (Batch-level timing here swung ±15 % between runs on this 2-core machine.)
import { fork } from 'node:child_process';
import { Agent } from 'node:http';
import { withAuth as withAxios } from '@authplug/axios';
import type { AuthStrategy } from '@authplug/core';
import { withAuth as withFetch } from '@authplug/fetch';
import { withAuth as withGot } from '@authplug/got';
import { withAuth as withKy } from '@authplug/ky';
import axios from 'axios';
import got from 'got';
import ky from 'ky';
import type { BenchStrategy } from './strategies.ts';

const PAIRS = Number(process.env.BENCH_PAIRS ?? 6000);
const WARMUP = 1500;
const sixParams: [string, string][] = [
  ['id', '19'],
  ['example_variable', '123'],
  ['page', '2'],
  ['limit', '50'],
  ['sort', 'date desc'],
  ['q', 'café ☕'],
];

type Send = () => Promise<unknown>;
interface ClientFactory {
  name: string;
  make(base: string, path: string, params: [string, string][], strategy?: AuthStrategy): Send;
}

const clients: ClientFactory[] = [
  {
    name: 'axios',
    make(base, path, params, strategy) {
      const plain = axios.create({ baseURL: base, httpAgent: new Agent({ keepAlive: true, maxSockets: 1 }) });
      const instance = strategy ? withAxios(plain, strategy) : plain;
      const search = new URLSearchParams(params);
      return () => instance.get(path, { params: search });
    },
  },
  {
    name: 'ky',
    make(base, path, params, strategy) {
      const plain = ky.create({ baseUrl: base, retry: 0 });
      const instance = strategy ? withKy(plain, strategy) : plain;
      return () => instance.get(path.slice(1), { searchParams: params }).arrayBuffer();
    },
  },
  {
    name: 'got',
    make(base, path, params, strategy) {
      const plain = got.extend({
        prefixUrl: base,
        agent: { http: new Agent({ keepAlive: true, maxSockets: 1 }) },
        retry: { limit: 0 },
      });
      const instance = strategy ? withGot(plain, strategy) : plain;
      const search = new URLSearchParams(params);
      return () => instance.get(path.slice(1), { searchParams: search }).buffer();
    },
  },
  {
    name: 'fetch',
    make(base, path, params, strategy) {
      const send = strategy ? withFetch(fetch, strategy) : fetch;
      const url = `${base}${path}?${new URLSearchParams(params)}`;
      return async () => (await send(url)).arrayBuffer();
    },
  },
];

const median = (xs: number[]) => xs.toSorted((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const quantile = (xs: number[], q: number) => xs.toSorted((a, b) => a - b)[Math.floor((xs.length - 1) * q)]!;

async function timed(send: Send): Promise<number> {
  const start = performance.now();
  await send();
  return performance.now() - start;
}

/** Runs the interleaved signed-vs-plain measurement for `strategies` and prints a table. */
export async function measureOverhead(strategies: readonly BenchStrategy[], title: string): Promise<void> {
  const child = fork(new URL('./server.ts', import.meta.url), { stdio: 'inherit' });
  const port = await new Promise<number>((resolve) => child.once('message', (m) => resolve(Number(m))));
  const base = `http://127.0.0.1:${port}`;
  console.log(`# ${title}: keep-alive GET, 6 params, loopback server in another process`);
  console.log(
    `# ${PAIRS} plain/signed pairs per row, interleaved request by request; node ${process.version}\n`,
  );
  console.log(
    '| strategy | client | plain median µs | signed median µs | overhead (medians) | plain p90 → signed p90 µs |',
  );
  console.log('| --- | --- | ---: | ---: | ---: | ---: |');
  const results: { strategy: string; client: string; overhead: number }[] = [];
  for (const strategy of strategies) {
    for (const client of clients) {
      const query: [string, string][] = strategy.firstParam
        ? [strategy.firstParam, ...sixParams.slice(1)]
        : sixParams;
      const plain = client.make(base, strategy.path, query);
      const signed = client.make(base, strategy.path, query, strategy.make());
      for (let i = 0; i < WARMUP; i++) {
        await plain();
        await signed();
      }
      const p: number[] = [];
      const s: number[] = [];
      for (let i = 0; i < PAIRS; i++) {
        if (i % 2 === 0) {
          p.push(await timed(plain));
          s.push(await timed(signed));
        } else {
          s.push(await timed(signed));
          p.push(await timed(plain));
        }
      }
      const overhead = median(s) / median(p) - 1;
      results.push({ strategy: strategy.name, client: client.name, overhead });
      const us = (ms: number) => (ms * 1000).toFixed(1);
      console.log(
        `| ${strategy.name} | ${client.name} | ${us(median(p))} | ${us(median(s))} | ${(overhead * 100).toFixed(1)} % | ${us(quantile(p, 0.9))} → ${us(quantile(s, 0.9))} |`,
      );
    }
  }
  child.disconnect();
  const over = results.filter((r) => r.overhead > 0.05);
  console.log(
    over.length === 0
      ? '\nAll within the 5 % target.'
      : `\nOver the 5 % target: ${over.map((r) => `${r.strategy}/${r.client}`).join(', ')}`,
  );
}

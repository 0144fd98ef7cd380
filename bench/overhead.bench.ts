// pnpm bench — signing overhead per client and strategy.
//
// For each client (axios, ky, got) and each strategy: the same keep-alive GET with six params,
// sent one at a time to a loopback server in another process, by a plain instance and by a
// signing instance (withAuth). The two run interleaved in alternating order, in many short
// rounds, so drift in machine load hits both alike; the figure is the median over rounds of
// (signed time / plain time) − 1.
import { fork } from 'node:child_process';
import { Agent } from 'node:http';
import { withAuth as withAxios } from '@authplug/axios';
import type { AuthStrategy } from '@authplug/core';
import { withAuth as withGot } from '@authplug/got';
import { withAuth as withKy } from '@authplug/ky';
import axios from 'axios';
import got from 'got';
import ky from 'ky';
import { strategies } from './strategies.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);
const PER_ROUND = Number(process.env.BENCH_PER_ROUND ?? 150);
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
];

/** Wall time (ms) and this process's CPU time (ms) for `n` sequential requests. */
async function time(send: Send, n: number): Promise<{ wall: number; cpu: number }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < n; i++) await send();
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { wall, cpu: (used.user + used.system) / 1000 };
}

const median = (xs: number[]) => {
  const s = xs.toSorted((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};
const quantile = (xs: number[], q: number) => xs.toSorted((a, b) => a - b)[Math.floor((xs.length - 1) * q)]!;

async function main() {
  const child = fork(new URL('./server.ts', import.meta.url), { stdio: 'inherit' });
  const port = await new Promise<number>((resolve) => child.once('message', (m) => resolve(Number(m))));
  const base = `http://127.0.0.1:${port}`;
  console.log(`# Signing overhead: keep-alive GET, 6 params, loopback server in another process`);
  console.log(
    `# ${ROUNDS} interleaved rounds x ${PER_ROUND} requests per variant; node ${process.version}\n`,
  );
  console.log(
    '| strategy | client | plain µs/req | signed µs/req | overhead (median) | p25..p75 | client CPU µs/req plain → signed |',
  );
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: |');
  const results: { strategy: string; client: string; overhead: number }[] = [];
  for (const strategy of strategies) {
    for (const client of clients) {
      const query: [string, string][] = strategy.firstParam
        ? [strategy.firstParam, ...sixParams.slice(1)]
        : sixParams;
      const plain = client.make(base, strategy.path, query);
      const signed = client.make(base, strategy.path, query, strategy.make());
      await time(plain, WARMUP);
      await time(signed, WARMUP);
      const ratios: number[] = [];
      const plainTimes: number[] = [];
      const signedTimes: number[] = [];
      const plainCpu: number[] = [];
      const signedCpu: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        // Alternate which goes first, so neither always inherits the other's warm state.
        const plainFirst = round % 2 === 0;
        const a = plainFirst ? await time(plain, PER_ROUND) : undefined;
        const b = await time(signed, PER_ROUND);
        const c = a ?? (await time(plain, PER_ROUND));
        plainTimes.push(c.wall);
        signedTimes.push(b.wall);
        plainCpu.push(c.cpu);
        signedCpu.push(b.cpu);
        ratios.push(b.wall / c.wall);
      }
      const overhead = median(ratios) - 1;
      results.push({ strategy: strategy.name, client: client.name, overhead });
      const us = (ms: number) => ((ms * 1000) / PER_ROUND).toFixed(1);
      const pct = (r: number) => `${(r * 100).toFixed(1)} %`;
      console.log(
        `| ${strategy.name} | ${client.name} | ${us(median(plainTimes))} | ${us(median(signedTimes))} | ${pct(overhead)} | ${pct(quantile(ratios, 0.25) - 1)}..${pct(quantile(ratios, 0.75) - 1)} | ${us(median(plainCpu))} → ${us(median(signedCpu))} |`,
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

await main();

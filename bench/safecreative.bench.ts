// Safe Creative throughput against the loopback emulator.
//
//   node --conditions=@authplug/source bench/safecreative.bench.ts
//
// The emulator runs in a child process (serveFetch on 127.0.0.1), so its CPU time is not charged
// to the client. Through axios + withAuth, keep-alive, one strategy per scenario (memoryStore):
//   - nonce calls: `work.register` — each one fetches a fresh noncekey from authkey.state and
//     holds the authkey until its answer, so calls on one authkey are serialized by design;
//   - plain signed calls: `work.list` (signed with the authkey's private key, verified);
//   - unsigned baseline: `version` through a plain axios instance (no strategy).
// Each scenario runs with 1 and 16 concurrent callers, interleaved over ROUNDS rounds of
// ROUND_MS each; the figure is the median calls/s over rounds.
import { fork } from 'node:child_process';
import { Agent } from 'node:http';
import { withAuth } from '@authplug/axios';
import { memoryStore } from '@authplug/credentials';
import {
  SAFECREATIVE_PRIVATE_KEY,
  SAFECREATIVE_SHARED_KEY,
  safecreativeEmulator,
  serveFetch,
} from '@authplug/emulators';
import { safecreative } from '@authplug/safecreative';
import axios from 'axios';
import { median } from './rounds.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 1000);
const ADDER = { authKey: 'bench0adder000000000000001', authPrivateKey: 'bench0adderprivate0000001' };
const READER = { authKey: 'bench0reader00000000000001', authPrivateKey: 'bench0readerprivate000001' };

if (process.argv[2] === 'serve') {
  const emulator = safecreativeEmulator({
    authKeys: [
      { authKey: ADDER.authKey, privateKey: ADDER.authPrivateKey, level: 'ADD' },
      { authKey: READER.authKey, privateKey: READER.authPrivateKey, level: 'GET' },
    ],
  });
  const server = await serveFetch(emulator.fetch);
  process.send?.(server.url);
  process.on('disconnect', () => void server.close().then(() => process.exit(0)));
} else {
  const child = fork(new URL(import.meta.url).pathname, ['serve'], {
    execArgv: ['--conditions=@authplug/source'],
  });
  const origin = await new Promise<string>((resolve) => child.once('message', (m) => resolve(String(m))));
  const server = `${origin}/v2/`;
  const agent = new Agent({ keepAlive: true, maxSockets: 32 });
  const app = { sharedKey: SAFECREATIVE_SHARED_KEY, privateKey: SAFECREATIVE_PRIVATE_KEY };

  const signed = (creds: object) => {
    const auth = safecreative({
      store: memoryStore({ 'safecreative/default': { ...app, ...creds } }),
      server,
    });
    return withAuth(axios.create({ baseURL: server, httpAgent: agent }), auth);
  };
  const registerApi = signed(ADDER);
  const listApi = signed(READER);
  const plainApi = axios.create({ baseURL: server, httpAgent: agent });
  let n = 0;
  const scenarios: Record<string, () => Promise<unknown>> = {
    'nonce call (work.register)': () =>
      registerApi.post('', new URLSearchParams({ component: 'work.register', title: `bench ${n++}` })),
    'plain signed call (work.list)': () => listApi.post('', new URLSearchParams({ component: 'work.list' })),
    'unsigned baseline (version)': () => plainApi.post('', new URLSearchParams({ component: 'version' })),
  };

  async function run(call: () => Promise<unknown>, callers: number, ms: number): Promise<number> {
    const end = performance.now() + ms;
    let done = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: callers }, async () => {
        while (performance.now() < end) {
          await call();
          done++;
        }
      }),
    );
    return done / ((performance.now() - started) / 1000);
  }

  const results = new Map<string, number[]>();
  for (const call of Object.values(scenarios)) for (const c of [1, 16]) await run(call, c, 200); // warm-up
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, call] of Object.entries(scenarios)) {
      for (const callers of round % 2 ? [16, 1] : [1, 16]) {
        const key = `${name} | ${callers}`;
        results.set(key, [...(results.get(key) ?? []), await run(call, callers, ROUND_MS)]);
      }
    }
  }
  console.log(
    `Safe Creative via axios against the loopback emulator (median of ${ROUNDS} × ${ROUND_MS} ms)\n`,
  );
  console.log('scenario                        | callers | calls/s');
  console.log('--------------------------------|---------|--------');
  for (const [key, values] of results) {
    const [name, callers] = key.split(' | ');
    console.log(`${name!.padEnd(32)}| ${callers!.padStart(7)} | ${median(values).toFixed(0).padStart(6)}`);
  }
  agent.destroy();
  child.disconnect();
}

import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileStore } from '@authplug/credentials';
import {
  type RunningServer,
  SAFECREATIVE_PRIVATE_KEY,
  SAFECREATIVE_SHARED_KEY,
  safecreativeEmulator,
  serveFetch,
} from '@authplug/emulators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Two processes register works concurrently on one authkey, sharing a fileStore: the strategy's
// lease in the store (taken with its atomic, cross-process `update`) serializes the nonce calls,
// so the emulator never sees a nonce twice.

const AUTH = { authKey: 'shared0authkey000000000001', authPrivateKey: 'shared0private00000000001' };
const emulator = safecreativeEmulator({
  authKeys: [{ authKey: AUTH.authKey, privateKey: AUTH.authPrivateKey, level: 'ADD' }],
});
let loopback: RunningServer;
let dir: string;
beforeAll(async () => {
  loopback = await serveFetch(emulator.fetch);
  dir = await mkdtemp(join(tmpdir(), 'authplug-safecreative-procs-'));
});
afterAll(async () => {
  await loopback.close();
  await rm(dir, { recursive: true, force: true });
});

// Each process: 12 registrations, 4 at a time, through axios.
const worker = `
  import axios from 'axios';
  import { withAuth } from '@authplug/axios';
  import { fileStore } from '@authplug/credentials';
  import { safecreative } from '@authplug/safecreative';
  const [path, server, name] = process.argv.slice(-3);
  const auth = safecreative({ store: fileStore({ path }), server });
  const api = withAuth(axios.create({ baseURL: auth.endpoint }), auth);
  const codes = [];
  for (let batch = 0; batch < 3; batch++) {
    const calls = Array.from({ length: 4 }, (_, i) =>
      api.post('', new URLSearchParams({ component: 'work.register', title: name + ' ' + batch + '.' + i, format: 'json' })));
    for (const r of await Promise.all(calls)) codes.push(r.data.workregistry.code);
  }
  console.log(JSON.stringify(codes));
`;

describe('two processes, one authkey, one fileStore', () => {
  it('register concurrently: every call succeeds and no nonce is used twice', async () => {
    const path = join(dir, 'credentials.json');
    await fileStore({ path }).set('safecreative/default', {
      sharedKey: SAFECREATIVE_SHARED_KEY,
      privateKey: SAFECREATIVE_PRIVATE_KEY,
      ...AUTH,
      level: 'ADD',
    });
    const run = (name: string) =>
      promisify(execFile)(
        process.execPath,
        [
          '--conditions=@authplug/source',
          '--input-type=module',
          '-e',
          worker,
          path,
          `${loopback.url}/v2/`,
          name,
        ],
        { cwd: import.meta.dirname, timeout: 60_000 },
      );
    const [a, b] = await Promise.all([run('A'), run('B')]);
    const codes = [...JSON.parse(a.stdout), ...JSON.parse(b.stdout)];
    expect(codes).toHaveLength(24);
    expect(new Set(codes).size).toBe(24);
    expect(emulator.nonces.consumed).toHaveLength(24);
    expect(new Set(emulator.nonces.consumed).size).toBe(24);
    expect(emulator.nonces.rejected).toEqual([]);
    // The lease is given back: nothing left under the authkey's lock key.
    expect(await fileStore({ path }).get(`safecreative-nonce/${AUTH.authKey}`)).toBeUndefined();
  });
});

// A user's program, as a new user would write it against the published packages: every
// strategy through every client, each call verified by the emulators on a loopback server.
// The consumer smoke test (scripts/consumer-smoke.ts) type-checks it with TypeScript 5 under
// `nodenext` and `bundler` resolution, then runs it under Node, Bun and Deno.
// It prints one line per call and exits non-zero when any call was not verified.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withAuth as withAxios } from '@authplug/axios';
import type { AuthStrategy } from '@authplug/core';
import { fileStore, memoryStore } from '@authplug/credentials';
import { startEmulators } from '@authplug/emulators';
import { withAuth as withGot } from '@authplug/got';
import { historypin } from '@authplug/historypin';
import { ipernity } from '@authplug/ipernity';
import { withAuth as withKy } from '@authplug/ky';
import { proofile } from '@authplug/oauth1';
import { safecreative } from '@authplug/safecreative';
import axios from 'axios';
import got from 'got';
import ky from 'ky';

type Client = 'axios' | 'ky' | 'got';
interface Call {
  strategy: string;
  base: string;
  auth: () => AuthStrategy;
  method: 'GET' | 'POST';
  path: string;
  form?: Record<string, string>;
  /** What the emulator's answer holds when it verified the signature. */
  verified: RegExp;
}

const server = await startEmulators();
const { apps, urls } = server;
// A credentials file under the OS temp dir: its path handling and owner-only permissions are
// what differ between Linux, macOS and Windows. A second store reads what the first wrote.
const home = mkdtempSync(join(tmpdir(), 'authplug-smoke-'));
const credentialsFile = join(home, 'nested dir', 'credentials.json');
await fileStore({ path: credentialsFile }).set('historypin/default', {
  apiKey: apps.historypin.account.apiKey,
  apiSecret: apps.historypin.account.apiSecret,
});
const calls: Call[] = [
  {
    strategy: 'historypin',
    base: urls.historypin.api,
    auth: () =>
      historypin({ apiKey: apps.historypin.account.apiKey, apiSecret: apps.historypin.account.apiSecret }),
    method: 'GET',
    path: 'user/get_edit.json?id=19',
    verified: /"ok":true/,
  },
  {
    strategy: 'historypin (fileStore)',
    base: urls.historypin.api,
    auth: () => historypin({ store: fileStore({ path: credentialsFile }), profile: 'default' }),
    method: 'POST',
    path: 'pin/save.json',
    form: { caption: 'x y&z' },
    verified: /"ok":true/,
  },
  {
    strategy: 'ipernity',
    base: urls.ipernity.api,
    auth: () => ipernity({ apiKey: apps.ipernity.app.apiKey, secret: apps.ipernity.app.secret }),
    method: 'POST',
    path: 'test.echo/json',
    form: { text: 'a b&c é' },
    verified: /"status":"ok"/,
  },
  {
    strategy: 'proofile (OAuth 1.0a)',
    base: urls.proofile.api,
    auth: () =>
      proofile({
        store: memoryStore({
          'proofile/default': {
            ...apps.proofile.consumer,
            token: apps.proofile.token.token,
            tokenSecret: apps.proofile.token.tokenSecret,
          },
        }),
      }),
    method: 'GET',
    path: 'ping',
    verified: /"ping":"pong"/,
  },
  {
    strategy: 'safecreative',
    base: urls.safecreative.api,
    auth: () =>
      safecreative({
        sharedKey: apps.safecreative.app.sharedKey,
        privateKey: apps.safecreative.app.privateKey,
        server: urls.safecreative.api,
      }),
    method: 'POST',
    path: '',
    form: { component: 'authkey.create', format: 'json' },
    verified: /"authkey"/,
  },
];

async function send(client: Client, call: Call): Promise<string> {
  const body = call.form ? new URLSearchParams(call.form) : undefined;
  if (client === 'axios') {
    const api = withAxios(axios.create({ baseURL: call.base, responseType: 'text' }), call.auth());
    const { data } = await api.request<string>({ method: call.method, url: call.path, data: body });
    return data;
  }
  if (client === 'ky') {
    const api = withKy(ky.create({ baseUrl: call.base }), call.auth());
    return api(call.path, { method: call.method, body }).text();
  }
  const api = withGot(got.extend({ prefixUrl: call.base }), call.auth());
  const response = await api(call.path, {
    method: call.method,
    body: body?.toString(),
    headers: body ? { 'content-type': 'application/x-www-form-urlencoded' } : {},
  });
  return response.body;
}

const clients: Client[] = ['axios', 'ky', 'got'];
let failed = 0;
try {
  for (const call of calls) {
    for (const client of clients) {
      let outcome: string;
      try {
        const text = await send(client, call);
        outcome = call.verified.test(text) ? 'verified' : `NOT verified: ${text.slice(0, 200)}`;
      } catch (error) {
        const { code, message } = error as { code?: string; message?: string };
        outcome = `FAILED: ${code ?? ''} ${message ?? String(error)}`;
      }
      if (outcome !== 'verified') failed++;
      console.log(`smoke: ${call.strategy} via ${client}: ${outcome}`);
    }
  }
} finally {
  await server.close();
  rmSync(home, { recursive: true, force: true });
}
if (failed > 0) {
  console.log(`smoke: ${failed} call(s) not verified`);
  globalThis.process.exitCode = 1;
}

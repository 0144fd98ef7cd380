import {
  HISTORYPIN_TEST_ACCOUNT,
  historypinEmulator,
  type RunningServer,
  serveFetch,
} from '@authplug/emulators';
import { historypin } from '@authplug/historypin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { historypinCalls } from './support/historypin.ts';

// The same calls over real sockets, behind a base URL that is not Historypin's: the API path is
// found after /api/ wherever the emulator is mounted.
let server: RunningServer;
beforeAll(async () => {
  server = await serveFetch(historypinEmulator().fetch);
});
afterAll(() => server.close());

const { apiKey, apiSecret } = HISTORYPIN_TEST_ACCOUNT;

describe.each(historypinCalls)('historypin over loopback through $name', (client) => {
  it('is verified by the emulator', async () => {
    const body = await client.get(`${server.url}/en/api/`, historypin({ apiKey, apiSecret }));
    expect(body).toMatchObject({ ok: true, api_path: 'user/get_edit.json' });
  });

  it('POSTs a form that the emulator verifies', async () => {
    const body = await client.post(
      `${server.url}/en/api/`,
      historypin({ apiKey, apiSecret }),
      new URLSearchParams([['a', 'b c']]),
    );
    expect(body).toMatchObject({ ok: true, method: 'POST', params: expect.arrayContaining([['a', 'b c']]) });
  });
});

import { HISTORYPIN_TEST_ACCOUNT, historypinEmulator } from '@authplug/emulators';
import { mswHandlers } from '@authplug/emulators/msw';
import { historypin } from '@authplug/historypin';
import { http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { historypinCalls } from './support/historypin.ts';

// The published example token, checked on the wire for every client, against the emulator
// answering for Historypin's real origin.
const SEED_TOKEN = '0083a327ee8f63e9f57829dc58214bd63a078c7fcd69f369d54e4fd28a7df7d3';
const BASE = 'https://www.historypin.org/en/api/';
const wire: URL[] = [];
const server = setupServer(
  http.all('https://www.historypin.org/*', ({ request }) => {
    wire.push(new URL(request.url));
  }),
  ...mswHandlers(historypinEmulator()),
);
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => {
  wire.length = 0;
});
afterAll(() => server.close());

const { apiKey, apiSecret } = HISTORYPIN_TEST_ACCOUNT;

describe.each(historypinCalls)('historypin through $name', (client) => {
  it('sends the published api_token and the emulator verifies it', async () => {
    const body = await client.get(BASE, historypin({ apiKey, apiSecret }));
    expect(wire).toHaveLength(1);
    expect(wire[0]!.searchParams.get('api_token')).toBe(SEED_TOKEN);
    expect(wire[0]!.searchParams.get('api_key')).toBe(apiKey);
    expect(body).toMatchObject({ ok: true, api_path: 'user/get_edit.json' });
  });

  it('signs form fields with unicode and reserved characters', async () => {
    const form = new URLSearchParams([
      ['caption', "Été 1923 — !*'()&=+/?#"],
      ['empty', ''],
    ]);
    const body = await client.post(BASE, historypin({ apiKey, apiSecret }), form);
    expect(body).toMatchObject({ ok: true, method: 'POST', api_path: 'pin/save.json' });
    expect((body as { params: string[][] }).params).toContainEqual(['caption', "Été 1923 — !*'()&=+/?#"]);
  });

  it('is rejected by the emulator with a wrong secret', async () => {
    const error = await client
      .get(BASE, historypin({ apiKey, apiSecret: 'x'.repeat(32) }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(wire).toHaveLength(1);
  });
});

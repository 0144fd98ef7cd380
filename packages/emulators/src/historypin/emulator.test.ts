import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HISTORYPIN_TEST_ACCOUNT } from './accounts.ts';
import { historypinEmulator } from './emulator.ts';

const { apiKey, apiSecret } = HISTORYPIN_TEST_ACCOUNT;
const emulator = historypinEmulator();
const call = async (url: string, init?: RequestInit) => {
  const response = await emulator.fetch(new Request(url, init));
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

describe('historypin emulator', () => {
  it('accepts the published example request', async () => {
    const token = '0083a327ee8f63e9f57829dc58214bd63a078c7fcd69f369d54e4fd28a7df7d3';
    const { status, body } = await call(
      `https://www.historypin.org/en/api/user/get_edit.json?id=19&example_variable=123&api_key=${apiKey}&api_token=${token}`,
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({ ok: true, api_path: 'user/get_edit.json' });
  });

  it('refuses a malformed escape in the API path with a 400, not a 500', async () => {
    const { status, body } = await call(`http://127.0.0.1/en/api/100%25/%zz?api_key=${apiKey}&api_token=x`);
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: 'malformed_path' });
  });

  it('verifies form fields as part of the token', async () => {
    const base = `api_key=${apiKey}&api_path=pin/save.json&caption=x y`;
    const token = createHmac('sha256', apiSecret).update(base).digest('hex');
    const url = `http://127.0.0.1/en/api/pin/save.json?api_key=${apiKey}&api_token=${token}`;
    const ok = await call(url, { method: 'POST', body: new URLSearchParams({ caption: 'x y' }) });
    expect(ok.status).toBe(200);
    const tampered = await call(url, { method: 'POST', body: new URLSearchParams({ caption: 'x z' }) });
    expect(tampered).toMatchObject({ status: 401, body: { error: 'invalid_api_token' } });
  });

  it('says why it refuses', async () => {
    expect((await call('http://127.0.0.1/en/api/a.json')).body.error).toBe('missing_api_key');
    expect((await call('http://127.0.0.1/en/api/a.json?api_key=nope')).body.error).toBe('unknown_api_key');
    expect((await call(`http://127.0.0.1/en/api/a.json?api_key=${apiKey}`)).body.error).toBe(
      'missing_api_token',
    );
    expect((await call('http://127.0.0.1/en/user.json')).status).toBe(404);
  });

  it('lives under basePath and still verifies the token over the API path', async () => {
    const mounted = historypinEmulator({ basePath: '/historypin/' });
    expect(mounted.basePath).toBe('/historypin');
    const token = '0083a327ee8f63e9f57829dc58214bd63a078c7fcd69f369d54e4fd28a7df7d3';
    const query = `id=19&example_variable=123&api_key=${apiKey}&api_token=${token}`;
    const ok = await mounted.fetch(
      new Request(`http://127.0.0.1/historypin/en/api/user/get_edit.json?${query}`),
    );
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ ok: true, api_path: 'user/get_edit.json' });
    const outside = await mounted.fetch(new Request(`http://127.0.0.1/en/api/user/get_edit.json?${query}`));
    expect(outside.status).toBe(404);
  });
});

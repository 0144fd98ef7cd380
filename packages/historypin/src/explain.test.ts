import type { AuthRequest } from '@authplug/core';
import { describe, expect, it } from 'vitest';
import { historypin } from './index.ts';

// The published example (PROVIDERS.md section 3, seeds/historypin-auth.txt).
const apiKey = 'e519f7e8481e2002f9874cf10ac19bfca533704746d02b98ee9f9f6baa3231d8';
const apiSecret = '4a37d542252bd03300a8e79131f9624c';
const SEED_TOKEN = '0083a327ee8f63e9f57829dc58214bd63a078c7fcd69f369d54e4fd28a7df7d3';
const request: AuthRequest = {
  method: 'GET',
  url: 'https://www.historypin.org/en/api/user/get_edit.json?id=19&example_variable=123',
  headers: { get: () => undefined },
  body: { kind: 'none' },
};

describe('historypin explain', () => {
  it('shows the published token string, key name and token, and what sign adds', async () => {
    const auth = historypin({ apiKey, apiSecret });
    const e = await auth.explain!(request, { attempt: 0 });
    expect(e).toMatchObject({
      strategy: 'historypin',
      algorithm: 'HMAC-SHA256',
      base: `api_key=${apiKey}&api_path=user/get_edit.json&example_variable=123&id=19`,
      key: 'apiSecret',
      signature: SEED_TOKEN,
      placement: 'query api_token',
    });
    expect(e.params.map(([name]) => name)).toEqual(['api_key', 'api_path', 'example_variable', 'id']);
    expect(e.added).toEqual(await auth.sign(request, { attempt: 0 }));
    expect(JSON.stringify(e)).not.toContain(apiSecret);
  });
});

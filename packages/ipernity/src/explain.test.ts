import type { AuthRequest } from '@authplug/core';
import { describe, expect, it } from 'vitest';
import { ipernity } from './strategy.ts';

// Reference values from ../shared/PROVIDERS.md section 1 (the provider's own examples).
const KEY = '6fa87ba500002712bd4eed6020f3bd72';
const SECRET = 'e9a599f0cf6ce193';
const headers = { get: () => undefined };

describe('ipernity explain', () => {
  it('shows the published signing string with the secret masked, and the published api_sig', async () => {
    const auth = ipernity({ apiKey: KEY, secret: SECRET });
    const request: AuthRequest = {
      method: 'POST',
      url: 'https://api.ipernity.com/api/doc.tags.add/json',
      headers,
      body: {
        kind: 'form',
        fields: [
          ['doc_id', '1234'],
          ['keywords', 'easy'],
        ],
      },
    };
    const e = await auth.explain!(request, { attempt: 0 });
    expect(e).toMatchObject({
      strategy: 'ipernity',
      algorithm: 'MD5',
      base: 'api_key6fa87ba500002712bd4eed6020f3bd72doc_id1234keywordseasydoc.tags.add‹secret›',
      key: 'secret',
      signature: 'a269b218feb341ef03bc093a0f2c8078',
      placement: 'form api_sig',
    });
    expect(e.added).toEqual(await auth.sign(request, { attempt: 0 }));
    expect(JSON.stringify(e)).not.toContain(SECRET);
  });
});

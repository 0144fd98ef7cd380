import { createHash } from 'node:crypto';
import { IPERNITY_TEST_APP as APP, ipernityEmulator } from '@authplug/emulators';
import { sendThroughClients } from '@authplug/emulators/testing';
import { ipernity } from '@authplug/ipernity';
import { describe, expect, it } from 'vitest';

// The same request carries the same signature through axios, ky, got and fetch: one call, sent
// by the published test kit through each client to a loopback ipernity emulator, which verifies
// each api_sig. The expected api_sig is computed here with node:crypto from ipernity's rule
// (the name+value pairs sorted by UTF-8 bytes, then the method, then the secret; MD5).

const utf8 = (s: string) => Buffer.from(s, 'utf8');
const apiSig = (params: [string, string][], method: string) =>
  createHash('md5')
    .update(
      [...params]
        .sort(([a, x], [b, y]) => Buffer.compare(utf8(a), utf8(b)) || Buffer.compare(utf8(x), utf8(y)))
        .map(([k, v]) => k + v)
        .join('') +
        method +
        APP.secret,
    )
    .digest('hex');

describe('one request through every client', () => {
  it('carries the same api_sig on the wire through axios, ky, got and fetch, each verified', async () => {
    const fields: [string, string][] = [
      ['text', 'café ☕ & co'],
      ['tag', "a&b=c+d/e?f#g!*'()"],
      ['tag', 'Zürich'],
    ];
    const results = await sendThroughClients(
      ipernity({ apiKey: APP.apiKey, secret: APP.secret }),
      { method: 'POST', path: 'test.echo/json?n=42', form: { kind: 'params', fields } },
      { emulator: ipernityEmulator(), basePath: '/api/' },
    );
    const expected = apiSig([['n', '42'], ...fields, ['api_key', APP.apiKey]], 'test.echo');
    expect(Object.keys(results)).toEqual(['axios', 'ky', 'got', 'fetch']);
    for (const [client, { requests, reply, error }] of Object.entries(results)) {
      expect(error, client).toBeUndefined();
      expect(reply?.data, client).toMatchObject({ api: { status: 'ok' } });
      expect(requests, client).toHaveLength(1);
      const url = new URL(requests[0]!.url);
      const sent = [...url.searchParams, ...new URLSearchParams(requests[0]!.body)];
      expect(sent.find(([k]) => k === 'api_sig')?.[1], client).toBe(expected);
      expect(url.pathname, client).toBe('/api/test.echo/json');
    }
  });
});

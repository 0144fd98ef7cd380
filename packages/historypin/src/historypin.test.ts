import { createHmac } from 'node:crypto';
import { inspect } from 'node:util';
import {
  AuthplugError,
  type AuthRequest,
  nodeDigests,
  type RequestBody,
  type Signature,
  webDigests,
} from '@authplug/core';
import { memoryStore } from '@authplug/credentials';
import { describe, expect, it } from 'vitest';
import { historypin, tokenBase } from './index.ts';

// The published example (PROVIDERS.md section 3, seeds/historypin-auth.txt).
const apiKey = 'e519f7e8481e2002f9874cf10ac19bfca533704746d02b98ee9f9f6baa3231d8';
const apiSecret = '4a37d542252bd03300a8e79131f9624c';
const SEED_TOKEN = '0083a327ee8f63e9f57829dc58214bd63a078c7fcd69f369d54e4fd28a7df7d3';
const noHeaders = { get: () => undefined };

const request = (url: string, body: RequestBody = { kind: 'none' }, method = 'GET'): AuthRequest => ({
  method,
  url,
  headers: noHeaders,
  body,
});
const param = (signature: Signature, name: string) => signature.query?.find(([k]) => k === name)?.[1];

describe('historypin', () => {
  it('reproduces the published api_token', async () => {
    const signature = await historypin({ apiKey, apiSecret }).sign(
      request('https://www.historypin.org/en/api/user/get_edit.json?id=19&example_variable=123'),
      { attempt: 0 },
    );
    expect(signature.query).toEqual([
      ['api_key', apiKey],
      ['api_token', SEED_TOKEN],
    ]);
  });

  it('builds the published token string', () => {
    expect(
      tokenBase([
        ['id', '19'],
        ['example_variable', '123'],
        ['api_key', apiKey],
        ['api_path', 'user/get_edit.json'],
      ]),
    ).toBe(`api_key=${apiKey}&api_path=user/get_edit.json&example_variable=123&id=19`);
  });

  it('gives the same token through the WebCrypto digests as through node:crypto', async () => {
    const url = 'https://proxy.test/hp/api/user/get_edit.json?id=19&example_variable=123';
    const sign = (digests: typeof webDigests) =>
      historypin({ apiKey, apiSecret, digests }).sign(request(url), { attempt: 0 });
    const [node, web] = await Promise.all([sign(nodeDigests!), sign(webDigests)]);
    expect(param(web, 'api_token')).toBe(SEED_TOKEN);
    expect(param(node, 'api_token')).toBe(SEED_TOKEN);
  });

  it('signs form fields and the query together, raw values, and keeps an api_key already sent', async () => {
    const body: RequestBody = {
      kind: 'form',
      fields: [
        ['caption', 'Été 1923 & co'],
        ['tag', 'a'],
        ['tag', ''],
      ],
    };
    const url = `https://www.historypin.org/en/api/pin/save.json?api_key=${apiKey}&x=1%2B1`;
    const signature = await historypin({ apiKey, apiSecret }).sign(request(url, body, 'POST'), {
      attempt: 0,
    });
    const expected = createHmac('sha256', apiSecret)
      .update(`api_key=${apiKey}&api_path=pin/save.json&caption=Été 1923 & co&tag=&tag=a&x=1+1`)
      .digest('hex');
    expect(signature.query).toEqual([['api_token', expected]]);
  });

  it('reads credentials from a store on every request', async () => {
    const store = memoryStore({ 'historypin/work': { apiKey: 'k1', apiSecret: 's1' } });
    const strategy = historypin({ store, profile: 'work' });
    const url = 'https://www.historypin.org/en/api/a.json';
    const first = await strategy.sign(request(url), { attempt: 0 });
    await store.set('historypin/work', { apiKey: 'k2', apiSecret: 's2' });
    const second = await strategy.sign(request(url), { attempt: 0 });
    expect(param(first, 'api_key')).toBe('k1');
    expect(param(second, 'api_key')).toBe('k2');
    expect(param(second, 'api_token')).toBe(
      createHmac('sha256', 's2').update('api_key=k2&api_path=a.json').digest('hex'),
    );
  });

  it('refuses missing or empty credentials at construction, naming the option', () => {
    expect(() => historypin({ apiKey, apiSecret: '' })).toThrowError(/`apiSecret`/);
    expect(() => historypin({ apiKey: undefined as unknown as string, apiSecret })).toThrowError(
      expect.objectContaining({ code: 'AUTHPLUG_MISSING_OPTION', option: 'apiKey' }),
    );
  });

  it('refuses a URL without an /api/ segment', async () => {
    await expect(
      historypin({ apiKey, apiSecret }).sign(request('https://www.historypin.org/en/user.json'), {
        attempt: 0,
      }),
    ).rejects.toMatchObject({ code: 'AUTHPLUG_INVALID_URL' });
  });

  it('refuses a stream body rather than signing without its fields', async () => {
    const body: RequestBody = {
      kind: 'opaque',
      contentType: 'application/x-www-form-urlencoded',
      stream: true,
    };
    const error = await historypin({ apiKey, apiSecret })
      .sign(request('https://www.historypin.org/en/api/pin/save.json', body, 'POST'), { attempt: 0 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthplugError);
    expect(error).toMatchObject({ code: 'AUTHPLUG_UNREADABLE_BODY' });
  });

  it('never shows the secret', async () => {
    const strategy = historypin({ apiKey, apiSecret });
    expect(inspect(strategy, { depth: 10, showHidden: true })).not.toContain(apiSecret);
    expect(JSON.stringify(strategy)).not.toContain(apiSecret);
    const error = await strategy.sign(request('https://x.test/nope'), { attempt: 0 }).catch((e: Error) => e);
    expect(`${inspect(error)}${JSON.stringify(error)}`).not.toContain(apiSecret);
  });
});

import { createHash } from 'node:crypto';
import { memoryStore } from '@authplug/credentials';
import { expect, it } from 'vitest';
import { LastfmTokenExpiredError } from './errors.ts';
import { lastfmAuthFlow } from './flow.ts';

const md5 = (s: string) => createHash('md5').update(s, 'utf8').digest('hex');

function scripted(...answers: unknown[]) {
  const urls: URL[] = [];
  const fetch = async (input: string) => {
    urls.push(new URL(input));
    return new Response(JSON.stringify(answers.shift()), { headers: { 'content-type': 'application/json' } });
  };
  return { urls, fetch };
}

it('signs auth.getToken and auth.getSession, builds the link, saves the session and keeps other fields', async () => {
  const store = memoryStore({ 'lastfm/me': { apiKey: 'k', secret: 's', other: 'kept' } });
  const { urls, fetch } = scripted({ token: 'tok' }, { session: { name: 'rj', key: 'sess', subscriber: 0 } });
  const flow = lastfmAuthFlow({ store, profile: 'me', fetch, apiUrl: 'http://emu.test/2.0/' });
  const { url, token } = await flow.start();
  expect(token).toBe('tok');
  expect(url).toBe('https://www.last.fm/api/auth/?api_key=k&token=tok');
  expect([...urls[0]!.searchParams]).toEqual([
    ['method', 'auth.getToken'],
    ['api_key', 'k'],
    ['api_sig', md5('api_keykmethodauth.getTokens')],
    ['format', 'json'],
  ]);
  expect(await flow.complete()).toEqual({ username: 'rj' });
  expect(urls[1]!.searchParams.get('api_sig')).toBe(md5('api_keykmethodauth.getSessiontokentoks'));
  expect(await store.get('lastfm/me')).toEqual({
    apiKey: 'k',
    secret: 's',
    other: 'kept',
    sessionKey: 'sess',
    username: 'rj',
  });
});

it('maps errors to typed errors, needs a token, and never leaks the secret', async () => {
  const { fetch } = scripted({ error: 15, message: 'Token has expired' });
  const flow = lastfmAuthFlow({ store: memoryStore(), apiKey: 'k', secret: 'super-secret-value', fetch });
  await expect(flow.complete()).rejects.toMatchObject({ code: 'AUTHPLUG_MISSING_OPTION', option: 'token' });
  const error = await flow.complete({ token: 't' }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(LastfmTokenExpiredError);
  expect(JSON.stringify(flow) + String(error) + JSON.stringify(error)).not.toContain('super-secret');
  expect(() => lastfmAuthFlow({} as never)).toThrow(/`store`/);
});

import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import { lastfmEmulator } from './emulator.ts';
import { LASTFM_TEST_APP as APP } from './keys.ts';

// Requests signed by hand here (Last.fm's documented recipe), so the emulator is checked
// against the documentation, not against @authplug/lastfm.
const md5 = (s: string) => createHash('md5').update(s, 'utf8').digest('hex');
const API = 'https://ws.audioscrobbler.com/2.0/';

function signed(pairs: [string, string][], secret = APP.secret): URLSearchParams {
  const base = pairs
    .filter(([k]) => k !== 'format' && k !== 'callback')
    .toSorted(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => k + v)
    .join('');
  return new URLSearchParams([...pairs, ['api_sig', md5(base + secret)]]);
}

it('accepts a signed auth.getToken, and rejects a wrong or missing api_sig with code 13', async () => {
  const emulator = lastfmEmulator();
  const pairs: [string, string][] = [
    ['method', 'auth.getToken'],
    ['api_key', APP.apiKey],
    ['format', 'json'],
  ];
  const ok = await emulator.fetch(new Request(`${API}?${signed(pairs)}`));
  expect(ok.status).toBe(200);
  expect((await ok.json()).token).toMatch(/^[0-9a-f]{32}$/);
  const wrong = await emulator.fetch(new Request(`${API}?${signed(pairs, 'nope')}`));
  expect(await wrong.json()).toEqual({ error: 13, message: 'Invalid method signature supplied' });
  const unsigned = await emulator.fetch(new Request(`${API}?method=auth.getToken&api_key=${APP.apiKey}`));
  expect(unsigned.headers.get('content-type')).toMatch(/xml/);
  expect(await unsigned.text()).toContain('<lfm status="failed"><error code="13">');
});

it('write methods want a POST with a valid session key', async () => {
  const emulator = lastfmEmulator();
  const pairs: [string, string][] = [
    ['method', 'track.love'],
    ['api_key', APP.apiKey],
    ['sk', 'unknown'],
    ['format', 'json'],
  ];
  const get = await emulator.fetch(new Request(`${API}?${signed(pairs)}`));
  expect((await get.json()).error).toBe(4);
  const post = await emulator.fetch(
    new Request(API, {
      method: 'POST',
      body: signed(pairs),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    }),
  );
  expect(await post.json()).toEqual({ error: 9, message: 'Invalid session key - Please re-authenticate' });
});

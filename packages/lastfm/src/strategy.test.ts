import { createHash } from 'node:crypto';
import { inspect } from 'node:util';
import type { AuthRequest, RequestBody } from '@authplug/core';
import { memoryStore } from '@authplug/credentials';
import { describe, expect, it } from 'vitest';
import { LastfmInvalidSessionError, LastfmInvalidSignatureError } from './errors.ts';
import { parseLastfmResponse } from './response.ts';
import { lastfm } from './strategy.ts';

const md5 = (s: string) => createHash('md5').update(s, 'utf8').digest('hex');
const ctx = { attempt: 0 };
const request = (query: string, body: RequestBody = { kind: 'none' }): AuthRequest => ({
  method: body.kind === 'none' ? 'GET' : 'POST',
  url: `https://ws.audioscrobbler.com/2.0/?${query}`,
  headers: new Headers(),
  body,
});

describe('lastfm strategy', () => {
  it('signs auth.getToken as Last.fm documents: api_key, method, then the secret; no sk on auth.*', async () => {
    const auth = lastfm({ apiKey: 'xxxxxxxxxx', secret: 'mysecret', sessionKey: 'held' });
    const signature = await auth.sign(request('method=auth.getToken&format=json'), ctx);
    expect(signature).toEqual({
      query: [
        ['api_key', 'xxxxxxxxxx'],
        ['api_sig', md5('api_keyxxxxxxxxxxmethodauth.getTokenmysecret')],
      ],
    });
  });

  it('reads the session key from a store on every request', async () => {
    const store = memoryStore({ 'lastfm/default': { apiKey: 'k', secret: 's' } });
    const auth = lastfm({ store });
    const form: RequestBody = { kind: 'form', fields: [['method', 'track.love']] };
    expect((await auth.sign(request('', form), ctx)).form?.map(([n]) => n)).toEqual(['api_key', 'api_sig']);
    await store.update('lastfm/default', (v) => ({ ...v, sessionKey: 'sk-1' }));
    expect(await auth.sign(request('', form), ctx)).toEqual({
      form: [
        ['api_key', 'k'],
        ['sk', 'sk-1'],
        ['api_sig', md5('api_keykmethodtrack.lovesksk-1s')],
      ],
    });
  });

  it('explains with the secret masked, from the same path that signs', async () => {
    const auth = lastfm({ apiKey: 'k', secret: 'hush-hush', sessionKey: 'sk' });
    const e = await auth.explain!(request('method=user.getInfo&format=json&callback=cb'), ctx);
    expect(e).toMatchObject({
      strategy: 'lastfm',
      algorithm: 'MD5',
      base: 'api_keykmethoduser.getInfosksk‹secret›',
      key: 'secret',
      signature: md5('api_keykmethoduser.getInfoskskhush-hush'),
      placement: 'query api_sig',
    });
    expect(JSON.stringify(e) + inspect(auth)).not.toContain('hush-hush');
  });

  it('checks options at construction: missing fields and an empty sessionKey', () => {
    expect(() => lastfm({ apiKey: 'k' } as never)).toThrow(/`secret`/);
    expect(() => lastfm({ apiKey: 'k', secret: 's', sessionKey: '' })).toThrow(/`sessionKey`/);
    expect(() => lastfm(null as never)).toThrow(/AUTHPLUG|options/);
  });

  it('inspect maps JSON and XML errors to typed errors and lets other answers through', async () => {
    const auth = lastfm({ apiKey: 'k', secret: 's' });
    const answer = (text: string, type: string) => ({
      status: 403,
      headers: new Headers({ 'content-type': type }),
      text: async () => text,
    });
    await expect(
      auth.inspect!(
        answer('{"error":13,"message":"Invalid method signature supplied"}', 'application/json'),
        request('method=x'),
        ctx,
      ),
    ).rejects.toBeInstanceOf(LastfmInvalidSignatureError);
    const xml =
      '<?xml version="1.0"?>\n<lfm status="failed">\n  <error code="9">Invalid session key &amp; such</error>\n</lfm>';
    await expect(auth.inspect!(answer(xml, 'text/xml'), request('method=x'), ctx)).rejects.toMatchObject({
      constructor: LastfmInvalidSessionError,
      providerMessage: 'Invalid session key & such',
    });
    expect(
      await auth.inspect!(answer('{"user":{}}', 'application/json'), request('method=x'), ctx),
    ).toBeUndefined();
    expect(await auth.inspect!(answer('<html/>', 'text/html'), request('method=x'), ctx)).toBeUndefined();
    expect(parseLastfmResponse('<lfm status="ok"><token>t</token></lfm>')).toEqual({ ok: true });
    expect(parseLastfmResponse('not json')).toBeUndefined();
  });
});

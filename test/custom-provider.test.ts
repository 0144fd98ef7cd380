import { createHash } from 'node:crypto';
import { type AuthStrategy, addParams, apiSigScheme } from '@authplug/core';
import { credentialSource, memoryStore, type StoreOptions } from '@authplug/credentials';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clients } from './support/clients.ts';

// The README's "Adding a provider" example, verbatim: an unlisted API of a known family
// (Flickr's legacy md5 api_sig) as a preset over core's building blocks.
const FLICKR_SIG = apiSigScheme({ secret: 'first' }); // md5(secret + sorted name+value pairs)

function flickrLegacy(options: { apiKey: string; secret: string } | StoreOptions): AuthStrategy {
  const credentials = credentialSource<{ apiKey: string; secret: string }>(
    'flickr-legacy',
    'flickr',
    options,
    { required: ['apiKey', 'secret'] },
  );
  return {
    name: 'flickr',
    async sign(request) {
      const { apiKey, secret } = await credentials();
      const params = addParams(request); // the query, or the form body of a form POST
      params.add('api_key', apiKey); // only when the request has none
      params.add('api_sig', await FLICKR_SIG.sign(params.all(), secret));
      return params.signature();
    },
  };
}

// The server side, written the way Flickr documented it, with node:crypto.
const server = setupServer(
  http.all('https://api.flickr.test/*', async ({ request }) => {
    const url = new URL(request.url);
    const params = [...url.searchParams];
    if (request.headers.get('content-type')?.includes('form'))
      params.push(...new URLSearchParams(await request.text()));
    const sig = params.find(([k]) => k === 'api_sig')?.[1];
    const base = params
      .filter(([k]) => k !== 'api_sig')
      .sort(
        ([a, x], [b, y]) =>
          Buffer.compare(Buffer.from(a), Buffer.from(b)) || Buffer.compare(Buffer.from(x), Buffer.from(y)),
      )
      .map(([k, v]) => k + v)
      .join('');
    const ok = createHash('md5').update(`s3cret${base}`).digest('hex') === sig;
    return HttpResponse.json({ ok }, { status: ok ? 200 : 401 });
  }),
);
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterAll(() => server.close());

describe.each(clients)('a custom provider preset through $name', (client) => {
  it('signs GET and POST so that the provider verifies them', async () => {
    const auth = flickrLegacy({ apiKey: 'k1', secret: 's3cret' });
    const get = await client.send(auth, 'https://api.flickr.test/services/rest/', {
      method: 'GET',
      path: '?method=flickr.photos.search',
      params: [['text', 'café ☕']],
    });
    expect(get.data).toEqual({ ok: true });
    const post = await client.send(auth, 'https://api.flickr.test/services/rest/', {
      method: 'POST',
      path: '?method=flickr.photos.addTags',
      form: { kind: 'params', fields: [['tags', 'a b']] },
    });
    expect(post.data).toEqual({ ok: true });
  });

  it('reads its keys from a credential store', async () => {
    const store = memoryStore({ 'flickr/default': { apiKey: 'k1', secret: 's3cret' } });
    const reply = await client.send(flickrLegacy({ store }), 'https://api.flickr.test/services/rest/', {
      method: 'GET',
      path: '?method=flickr.test.login',
    });
    expect(reply.data).toEqual({ ok: true });
  });
});

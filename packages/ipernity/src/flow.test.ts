import { createHash } from 'node:crypto';
import { memoryStore } from '@authplug/credentials';
import { describe, expect, it } from 'vitest';
import { IpernityAuthorizationPendingError } from './errors.ts';
import { ipernityDesktopFlow, ipernityWebFlow } from './flow.ts';

const md5 = (s: string) => createHash('md5').update(s, 'utf8').digest('hex');
const json = (body: unknown) =>
  new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });

/** A fetch that records URLs and answers from a script. */
function scripted(...answers: unknown[]) {
  const urls: URL[] = [];
  const fetch = async (input: string) => {
    urls.push(new URL(input));
    return json(answers.shift());
  };
  return { urls, fetch };
}

describe('flows with an injected fetch', () => {
  it('desktop: signs auth.getFrob and auth.getToken, builds the link, saves the grant', async () => {
    const store = memoryStore({ 'ipernity/me': { apiKey: 'k', secret: 's', other: 'kept' } });
    const { urls, fetch } = scripted(
      { auth: { frob: '454-712bd4eed6' }, api: { status: 'ok' } },
      {
        auth: {
          token: '987654321-e5a5b9c3d5a77eab',
          permissions: { doc: 'read', blog: 'none', network: 'none', user: 'none' },
          user: { user_id: '123', username: 'james007', realname: 'James Bond' },
        },
        api: { status: 'ok' },
      },
    );
    const flow = ipernityDesktopFlow({
      store,
      profile: 'me',
      permissions: { doc: 'read' },
      fetch,
      apiUrl: 'http://emu.test/x/api',
      authorizeUrl: 'http://emu.test/x/apps/authorize',
    });
    const { url, frob } = await flow.start();
    expect(frob).toBe('454-712bd4eed6');
    expect(urls[0]!.pathname).toBe('/x/api/auth.getFrob/json');
    expect(urls[0]!.searchParams.get('api_sig')).toBe(md5('api_keykauth.getFrobs'));
    expect(url).toBe(
      `http://emu.test/x/apps/authorize?api_key=k&frob=454-712bd4eed6&perm_doc=read&api_sig=${md5('api_keykfrob454-712bd4eed6perm_docreads')}`,
    );

    const grant = await flow.complete();
    expect(urls[1]!.searchParams.get('api_sig')).toBe(md5('api_keykfrob454-712bd4eed6auth.getTokens'));
    expect(grant).toEqual({
      user: { userId: '123', username: 'james007', realname: 'James Bond' },
      permissions: { doc: 'read', blog: 'none', network: 'none', user: 'none' },
    });
    expect(await store.get('ipernity/me')).toEqual({
      apiKey: 'k',
      secret: 's',
      other: 'kept',
      authToken: '987654321-e5a5b9c3d5a77eab',
      ...grant,
    });
  });

  it('maps auth.getToken errors to typed flow errors, and never leaks the secret', async () => {
    const { fetch } = scripted({ api: { status: 'error', code: '2', message: 'Frob not authorized yet' } });
    const flow = ipernityWebFlow({
      store: memoryStore(),
      apiKey: 'k',
      secret: 'super-secret-value',
      permissions: { doc: 'read' },
      fetch,
    });
    expect((await flow.start()).url).toMatch(
      /^https:\/\/www\.ipernity\.com\/apps\/authorize\?api_key=k&perm_doc=read&api_sig=/,
    );
    const error = await flow.complete({ frob: 'f' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IpernityAuthorizationPendingError);
    expect(JSON.stringify(flow) + String(error) + JSON.stringify(error)).not.toContain('super-secret');
  });

  it('a non-ipernity answer is a ProviderError naming the HTTP status', async () => {
    const fetch = async () => new Response('<html>502</html>', { status: 502 });
    const flow = ipernityDesktopFlow({
      store: memoryStore(),
      apiKey: 'k',
      secret: 's',
      permissions: { doc: 'read' },
      fetch,
    });
    await expect(flow.start()).rejects.toMatchObject({ code: 'AUTHPLUG_PROVIDER_ERROR', status: 502 });
  });
});

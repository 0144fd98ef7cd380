import { createHash } from 'node:crypto';
import { memoryStore } from '@authplug/credentials';
import { describe, expect, it } from 'vitest';
import { AuthorizationPendingError, UnauthorizedAuthkeyError } from './errors.ts';
import { safecreativeAuthFlow } from './flow.ts';

const APP = { sharedKey: 'shared-1', privateKey: 'app-private' };
const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');
const verify = (url: URL, privateKey: string) => {
  const pairs = [...url.searchParams].filter(([n]) => n !== 'signature');
  const base = pairs
    .map(([n, v]) => `${n}=${v}`)
    .sort()
    .join('&');
  return url.searchParams.get('signature') === sha1(`${privateKey}&${base}`);
};

/** A scripted provider: answers by component, checks each call's signature with node:crypto. */
function provider(state: () => string) {
  const seen: URL[] = [];
  return {
    seen,
    fetch: async (input: string) => {
      const url = new URL(input);
      seen.push(url);
      if (!verify(url, APP.privateKey)) {
        return new Response(
          '<error><errorId>InvalidSignature</errorId><errorMessage>bad</errorMessage></error>',
        );
      }
      if (url.searchParams.get('component') === 'authkey.create') {
        return new Response(
          '<authkeycreate><authkey>ak1</authkey><privatekey>ak1-private</privatekey></authkeycreate>',
        );
      }
      return new Response(state());
    },
  };
}

describe('safecreativeAuthFlow', () => {
  it('start(): authkey.create signed with the application key; authkey saved; edit URL signed with the authkey key', async () => {
    const store = memoryStore({ 'safecreative/me': { ...APP, level: 'GET', usercode: 'old' } });
    const server = provider(() => '');
    const flow = safecreativeAuthFlow({
      store,
      profile: 'me',
      level: 'MANAGE',
      server: 'arena',
      fetch: server.fetch,
    });
    const { url, authKey } = await flow.start();
    expect(authKey).toBe('ak1');
    expect(server.seen[0]!.origin + server.seen[0]!.pathname).toBe('https://arena.safecreative.org/v2/');
    expect(Object.fromEntries(server.seen[0]!.searchParams)).toMatchObject({
      component: 'authkey.create',
      sharedkey: APP.sharedKey,
    });
    const edit = new URL(url);
    expect(edit.origin + edit.pathname).toBe('https://arena.safecreative.org/api-ui/authkey.edit');
    expect(Object.fromEntries(edit.searchParams)).toMatchObject({
      authkey: 'ak1',
      level: 'MANAGE',
      sharedkey: APP.sharedKey,
    });
    expect(verify(edit, 'ak1-private')).toBe(true);
    // The previous grant's level and usercode are gone with the previous authkey.
    expect(await store.get('safecreative/me')).toEqual({
      ...APP,
      authKey: 'ak1',
      authPrivateKey: 'ak1-private',
    });
  });

  it('complete(): pending until authorized, then saves level and usercode', async () => {
    let authorized = false;
    const store = memoryStore({ 'safecreative/default': { ...APP } });
    const server = provider(() =>
      authorized
        ? '<authkeystate><authkey>ak1</authkey><authorized>true</authorized><level>ADD</level><usercode>42</usercode><noncekey>n</noncekey></authkeystate>'
        : '<authkeystate><authkey>ak1</authkey><authorized>false</authorized></authkeystate>',
    );
    const flow = safecreativeAuthFlow({ store, level: 'ADD', fetch: server.fetch });
    await flow.start();
    await expect(flow.complete()).rejects.toBeInstanceOf(AuthorizationPendingError);
    const state = server.seen.at(-1)!;
    expect(Object.fromEntries(state.searchParams)).toMatchObject({
      component: 'authkey.state',
      authkey: 'ak1',
    });
    authorized = true;
    await expect(flow.complete()).resolves.toEqual({ authKey: 'ak1', level: 'ADD', usercode: '42' });
    expect(await store.get('safecreative/default')).toMatchObject({
      authKey: 'ak1',
      level: 'ADD',
      usercode: '42',
    });
  });

  it('waitForAuthorization() polls, and passes on errors other than "not yet"', async () => {
    let polls = 0;
    const store = memoryStore({ 'safecreative/default': { ...APP } });
    const server = provider(() =>
      ++polls < 3
        ? '<authkeystate><authorized>false</authorized></authkeystate>'
        : '<authkeystate><authorized>true</authorized><level>GET</level><usercode>7</usercode></authkeystate>',
    );
    const flow = safecreativeAuthFlow({ store, level: 'GET', fetch: server.fetch });
    await flow.start();
    await expect(flow.waitForAuthorization({ intervalMs: 5 })).resolves.toMatchObject({ usercode: '7' });
    expect(polls).toBe(3);
    const failing = safecreativeAuthFlow({
      store,
      level: 'GET',
      fetch: async () => new Response('<error><errorId>AuthkeyNotFound</errorId></error>'),
    });
    await expect(failing.waitForAuthorization({ intervalMs: 5 })).rejects.toBeInstanceOf(
      UnauthorizedAuthkeyError,
    );
  });
});

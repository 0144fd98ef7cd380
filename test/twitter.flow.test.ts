import { memoryStore } from '@authplug/credentials';
import { clickButton } from '@authplug/emulators';
import {
  AuthorizationDeniedError,
  callbackParams,
  TWITTER,
  twitter,
  twitterEndpoints,
  twitterFlow,
} from '@authplug/oauth1';
import { afterEach, describe, expect, it } from 'vitest';
import { clients } from './support/clients.ts';
import { emulatorHarness } from './support/emulator-harness.ts';
import { X_CONSUMER, X_USER, xEmulator } from './support/oauth1-presets.ts';

// The X three-legged flow end to end against the generic emulator configured as X (every
// signature recomputed with node:crypto): over msw at https://api.twitter.com and over loopback.

let emulator = xEmulator();
const harness = emulatorHarness(() => emulator);
afterEach(() => {
  emulator = xEmulator();
});
const ky = clients.find((c) => c.name === 'ky')!;
const CALLBACK = 'https://app.example/x/callback';

describe.each([
  { transport: 'msw (real X URLs)', origin: () => TWITTER.origin },
  { transport: 'loopback server', origin: () => harness.url },
])('X flow over $transport', ({ origin }) => {
  it.each(['read', 'write'] as const)(
    'accessType %s: x_auth_access_type reaches the grant; the saved token signs v1.1 calls',
    async (accessType) => {
      const store = memoryStore();
      const flow = twitterFlow({
        ...X_CONSUMER,
        store,
        profile: 'work',
        callback: CALLBACK,
        accessType,
        origin: origin(),
      });
      const { url, requestToken } = await flow.start();
      expect(url).toBe(`${origin()}/oauth/authorize?oauth_token=${requestToken.token}`);
      expect(await (await fetch(url)).text()).toContain(`<b>${accessType}</b>`);
      const location = (await clickButton(url, 'Approve')).headers.get('location')!;
      expect(location.startsWith(`${CALLBACK}?`)).toBe(true);

      const grant = await flow.complete(callbackParams(location));
      expect(grant.params).toEqual(X_USER);
      expect(await store.get('twitter/work')).toMatchObject({
        ...X_CONSUMER,
        token: grant.token,
        tokenSecret: grant.tokenSecret,
      });

      const auth = twitter({ store, profile: 'work' });
      const api = twitterEndpoints(origin()).apiBaseUrl;
      const me = await ky.send(auth, api, { method: 'GET', path: 'account/verify_credentials.json' });
      expect(me.data).toMatchObject({ screen_name: X_USER.screen_name, rights: [accessType] });
      const post = ky.send(auth, api, {
        method: 'POST',
        path: 'statuses/update.json',
        form: { kind: 'params', fields: [['status', 'Hello Ladies + Gentlemen']] },
      });
      if (accessType === 'write')
        await expect(post).resolves.toMatchObject({ data: { text: 'Hello Ladies + Gentlemen' } });
      else await expect(post).rejects.toMatchObject({ code: 'AUTHPLUG_OAUTH1_INSUFFICIENT_RIGHTS' });
    },
  );

  it('signIn sends the user to oauth/authenticate; oob shows the PIN', async () => {
    const store = memoryStore();
    const flow = twitterFlow({
      ...X_CONSUMER,
      store,
      callback: 'oob',
      signIn: true,
      forceLogin: true,
      origin: origin(),
    });
    const { url, requestToken } = await flow.start();
    expect(url).toBe(`${origin()}/oauth/authenticate?force_login=true&oauth_token=${requestToken.token}`);
    const done = await clickButton(url, 'Approve');
    const pin = /id="oauth_verifier">([^<]+)</.exec(await done.text())![1]!;
    await flow.complete({ oauthToken: requestToken.token, oauthVerifier: pin });
    expect(await store.get('twitter/default')).toHaveProperty('tokenSecret');
  });

  it('a user who cancels comes back with denied → AuthorizationDeniedError, nothing saved', async () => {
    const store = memoryStore();
    const flow = twitterFlow({ ...X_CONSUMER, store, callback: CALLBACK, origin: origin() });
    const { url } = await flow.start();
    const params = callbackParams((await clickButton(url, 'Deny')).headers.get('location')!);
    await expect(flow.complete(params)).rejects.toBeInstanceOf(AuthorizationDeniedError);
    expect(await store.get('twitter/default')).toBeUndefined();
  });
});

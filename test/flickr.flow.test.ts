import { memoryStore } from '@authplug/credentials';
import { clickButton } from '@authplug/emulators';
import { callbackParams, flickr, flickrEndpoints, flickrFlow } from '@authplug/oauth1';
import { afterEach, describe, expect, it } from 'vitest';
import { clients } from './support/clients.ts';
import { emulatorHarness } from './support/emulator-harness.ts';
import { FLICKR_CONSUMER, FLICKR_USER, flickrEmulator } from './support/oauth1-presets.ts';

// The Flickr flow end to end against the generic emulator configured as Flickr (`perms` on the
// authorize page, GET token calls signed in the query): over msw at www.flickr.com and
// api.flickr.com, and over loopback.

let emulator = flickrEmulator();
const harness = emulatorHarness(() => emulator);
afterEach(() => {
  emulator = flickrEmulator();
});
const got = clients.find((c) => c.name === 'got')!;
const CALLBACK = 'https://app.example/flickr/callback';

describe.each([
  { transport: 'msw (real Flickr URLs)', origin: (): string | undefined => undefined },
  { transport: 'loopback server', origin: (): string | undefined => harness.url },
])('Flickr flow over $transport', ({ origin }) => {
  const call = (auth: ReturnType<typeof flickr>, method: string) =>
    got.send(auth, flickrEndpoints(origin()).restUrl.replace(/rest$/, ''), {
      method: 'POST',
      path: 'rest?format=json&nojsoncallback=1',
      form: {
        kind: 'params',
        fields: [
          ['method', method],
          ['photo_id', '1'],
        ],
      },
    });

  it('perms=write: approve → complete saves user_nsid; the token may write but not delete', async () => {
    const store = memoryStore();
    const flow = flickrFlow({
      ...FLICKR_CONSUMER,
      store,
      callback: CALLBACK,
      perms: 'write',
      origin: origin(),
    });
    const { url, requestToken } = await flow.start();
    const { authorizeUrl } = flickrEndpoints(origin());
    expect(url).toBe(`${authorizeUrl}?perms=write&oauth_token=${requestToken.token}`);
    expect(await (await fetch(url)).text()).toContain('<b>write</b>');
    const location = (await clickButton(url, 'Approve')).headers.get('location')!;

    const grant = await flow.complete(callbackParams(location));
    expect(grant.params).toEqual(FLICKR_USER);
    expect(emulator.stats['ok']).toBe(2); // request_token and access_token, both as signed GETs

    const auth = flickr({ store });
    expect((await call(auth, 'flickr.photos.setMeta')).data).toMatchObject({ stat: 'ok', rights: ['write'] });
    expect((await call(auth, 'flickr.photos.delete')).data).toMatchObject({ stat: 'fail', code: 99 });
  });

  it('oob with the default perms=read: the verifier is on the page; reading works, writing does not', async () => {
    const store = memoryStore({ 'flickr/default': FLICKR_CONSUMER });
    const flow = flickrFlow({ store, callback: 'oob', origin: origin() });
    const { url, requestToken } = await flow.start();
    expect(new URL(url).searchParams.get('perms')).toBe('read');
    const verifier = /id="oauth_verifier">([^<]+)</.exec(
      await (await clickButton(url, 'Approve')).text(),
    )![1]!;
    await flow.complete({ oauthToken: requestToken.token, oauthVerifier: verifier });
    const auth = flickr({ store });
    expect((await call(auth, 'flickr.test.login')).data).toMatchObject({
      stat: 'ok',
      user: { id: FLICKR_USER.user_nsid },
    });
    expect((await call(auth, 'flickr.photos.setMeta')).data).toMatchObject({ stat: 'fail', code: 99 });
  });

  it('the flow signs in the header too when asked', async () => {
    const store = memoryStore();
    const flow = flickrFlow({
      ...FLICKR_CONSUMER,
      store,
      callback: CALLBACK,
      placement: 'header',
      origin: origin(),
    });
    const { url } = await flow.start();
    await flow.complete(callbackParams((await clickButton(url, 'Approve')).headers.get('location')!));
    expect(await store.get('flickr/default')).toHaveProperty('tokenSecret');
  });
});

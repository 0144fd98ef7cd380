import { memoryStore } from '@authplug/credentials';
import {
  PROOFILE_TEST_CONSUMER as CONSUMER,
  clickButton,
  proofileEmulator,
  PROOFILE_TEST_USER as USER,
} from '@authplug/emulators';
import {
  AuthorizationDeniedError,
  CallbackNotConfirmedError,
  callbackParams,
  OAuth1ProblemError,
  PROOFILE,
  proofile,
  proofileFlow,
  RequestTokenExpiredError,
  UnknownRequestTokenError,
} from '@authplug/oauth1';
import { afterEach, describe, expect, it } from 'vitest';
import { emulatorHarness } from './support/emulator-harness.ts';

// The Proofile three-legged flow end to end against the emulator (which verifies every
// signature with node:crypto alone): over msw for the real http://api.proofile.org URLs, and
// over a real loopback server.

let emulator = proofileEmulator();
const harness = emulatorHarness(() => emulator);
afterEach(() => {
  emulator = proofileEmulator();
});

const CALLBACK = 'https://app.example/callback';

describe.each([
  { transport: 'msw (real Proofile URLs)', origin: () => PROOFILE.origin },
  { transport: 'loopback server', origin: () => harness.url },
])('Proofile flow over $transport', ({ origin }) => {
  it('start → approve → complete saves the grant; proofile({ store }) then reads the profile', async () => {
    const store = memoryStore();
    const flow = proofileFlow({
      consumerKey: CONSUMER.consumerKey,
      consumerSecret: CONSUMER.consumerSecret,
      store,
      profile: 'work',
      callback: CALLBACK,
      requiredAccess: ['read_profile', 'read_connection'],
      origin: origin(),
    });
    const { url, requestToken } = await flow.start();
    expect(url).toBe(`${origin()}/oauth/authorize?oauth_token=${requestToken.token}`);
    const page = await (await fetch(url)).text();
    expect(page).toContain('<b>read_profile</b>');
    const redirect = await clickButton(url, 'Approve');
    expect(redirect.status).toBe(302);
    const location = redirect.headers.get('location')!;
    expect(location.startsWith(`${CALLBACK}?`)).toBe(true);

    const grant = await flow.complete(callbackParams(location));
    expect(grant.params).toEqual({ userid: USER.userId });
    const saved = await store.get('proofile/work');
    expect(saved).toMatchObject({
      consumerKey: CONSUMER.consumerKey,
      consumerSecret: CONSUMER.consumerSecret,
      token: grant.token,
      tokenSecret: grant.tokenSecret,
      obtainedAt: grant.obtainedAt,
    });

    const auth = proofile({ store, profile: 'work' });
    const call = async (path: string) => {
      const url = `${origin()}/oauth/${path}`;
      const signature = await auth.sign(
        { method: 'GET', url, headers: { get: () => undefined }, body: { kind: 'none' } },
        { attempt: 0 },
      );
      return fetch(url, { headers: signature.headers });
    };
    const profile = await call(`userid/${USER.userId}/profile`);
    expect(profile.status).toBe(200);
    expect(await profile.json()).toMatchObject({ userid: USER.userId, export_u: 2, export_m: 1 });
    // Rights are enforced: write_profile was not granted.
    const write = await fetch(`${origin()}/oauth/userid/${USER.userId}/profile`, {
      method: 'POST',
      headers: {
        ...(
          await auth.sign(
            {
              method: 'POST',
              url: `${origin()}/oauth/userid/${USER.userId}/profile`,
              headers: { get: () => undefined },
              body: { kind: 'form', fields: [['nickname', 'x']] },
            },
            { attempt: 0 },
          )
        ).headers,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'nickname=x',
    });
    expect(write.status).toBe(403);
    expect(await write.text()).toContain('oauth_problem=additional_authorization_required');
  });

  it('oob: the verifier is shown on the page; the user picks rights', async () => {
    const store = memoryStore({
      'proofile/default': { consumerKey: CONSUMER.consumerKey, consumerSecret: CONSUMER.consumerSecret },
    });
    const flow = proofileFlow({ store, callback: 'oob', origin: origin() });
    const { url, requestToken } = await flow.start();
    const done = await clickButton(url, 'Approve');
    expect(done.status).toBe(200);
    const verifier = /id="oauth_verifier">([^<]+)</.exec(await done.text())![1]!;
    const grant = await flow.complete({ oauthToken: requestToken.token, oauthVerifier: verifier });
    expect(await store.get('proofile/default')).toMatchObject({
      token: grant.token,
      tokenSecret: grant.tokenSecret,
    });
  });

  it.each(['query', 'form'] as const)('the flow works with %s placement too', async (placement) => {
    const store = memoryStore();
    const flow = proofileFlow({ ...CONSUMER, store, callback: CALLBACK, origin: origin(), placement });
    const { url } = await flow.start();
    await flow.complete(callbackParams((await clickButton(url, 'Approve')).headers.get('location')!));
    expect(await store.get('proofile/default')).toHaveProperty('tokenSecret');
  });

  it('denied authorization → AuthorizationDeniedError (on the callback, and at access_token)', async () => {
    const store = memoryStore();
    const flow = proofileFlow({ ...CONSUMER, store, callback: CALLBACK, origin: origin() });
    const { url, requestToken } = await flow.start();
    const redirect = await clickButton(url, 'Deny');
    const params = callbackParams(redirect.headers.get('location')!);
    expect(params.denied).toBe(requestToken.token);
    await expect(flow.complete(params)).rejects.toBeInstanceOf(AuthorizationDeniedError);
    // An app that ignores `denied` and tries the exchange anyway is refused by the provider.
    const error = await flow
      .complete({ oauthToken: requestToken.token, oauthVerifier: 'guess' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthorizationDeniedError);
    expect(error).toMatchObject({
      code: 'AUTHPLUG_OAUTH1_DENIED',
      problem: 'permission_denied',
      status: 401,
    });
    expect(await store.get('proofile/default')).toBeUndefined();
  });

  it('expired or reused request token → RequestTokenExpiredError', async () => {
    let now = Date.now();
    emulator = proofileEmulator({ now: () => now, requestTokenTtl: 60 });
    const flow = proofileFlow({ ...CONSUMER, store: memoryStore(), callback: CALLBACK, origin: origin() });
    const first = await flow.start();
    const location = (await clickButton(first.url, 'Approve')).headers.get('location')!;
    now += 120_000; // the user took two minutes: the request token expired
    const expired = await flow
      .complete({ ...callbackParams(location), requestTokenSecret: first.requestToken.secret })
      .catch((e: unknown) => e);
    expect(expired).toBeInstanceOf(RequestTokenExpiredError);
    expect(expired).toMatchObject({
      code: 'AUTHPLUG_OAUTH1_REQUEST_TOKEN_EXPIRED',
      problem: 'token_expired',
    });

    const second = await flow.start();
    const again = callbackParams((await clickButton(second.url, 'Approve')).headers.get('location')!);
    await flow.complete({ ...again, requestTokenSecret: second.requestToken.secret });
    const reused = await flow
      .complete({ ...again, requestTokenSecret: second.requestToken.secret })
      .catch((e: unknown) => e);
    expect(reused).toMatchObject({ code: 'AUTHPLUG_OAUTH1_REQUEST_TOKEN_EXPIRED', problem: 'token_used' });
  });

  it('a provider that does not confirm the callback → CallbackNotConfirmedError', async () => {
    emulator = proofileEmulator({ callbackConfirmed: false });
    const flow = proofileFlow({ ...CONSUMER, store: memoryStore(), callback: CALLBACK, origin: origin() });
    await expect(flow.start()).rejects.toBeInstanceOf(CallbackNotConfirmedError);
  });

  it('wrong consumer secret → signature_invalid from request_token', async () => {
    const flow = proofileFlow({
      consumerKey: CONSUMER.consumerKey,
      consumerSecret: 'not-the-secret',
      store: memoryStore(),
      callback: 'oob',
      origin: origin(),
    });
    const error = await flow.start().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OAuth1ProblemError);
    expect(error).toMatchObject({ code: 'AUTHPLUG_OAUTH1_SIGNATURE_INVALID', status: 401 });
    expect(String((error as Error).message)).not.toContain('not-the-secret');
  });

  it('a skewed client clock is corrected once from Date, for the flow and later calls', async () => {
    const store = memoryStore();
    const flow = proofileFlow({
      ...CONSUMER,
      store,
      callback: CALLBACK,
      origin: origin(),
      clock: () => Date.now() - 3_600_000, // an hour slow
    });
    const { url } = await flow.start();
    await flow.complete(callbackParams((await clickButton(url, 'Approve')).headers.get('location')!));
    // request_token was refused once and retried with the learnt offset; access_token used it.
    expect(emulator.stats['timestamp_refused']).toBe(1);
    expect(await store.get('proofile/default')).toHaveProperty('token');
  });
});

describe('complete() without start() in this process', () => {
  it('needs requestTokenSecret → UnknownRequestTokenError', async () => {
    const flow = proofileFlow({ ...CONSUMER, store: memoryStore(), callback: 'oob' });
    await expect(flow.complete({ oauthToken: 'rt-x', oauthVerifier: 'v' })).rejects.toBeInstanceOf(
      UnknownRequestTokenError,
    );
  });
});

/**
 * Any OAuth 1.0a API (and Proofile, its preset): the three-legged flow with an `oob` verifier or
 * a one-shot loopback callback, then a strategy for the clients.
 *
 *   setupOAuth1(store: CredentialStore, options: {
 *     requestTokenUrl, authorizeUrl, accessTokenUrl: string;
 *     callback?: 'oob' | LoopbackCallback;         // default 'oob'
 *     ...SetupOptions                             // profile, approver, reuseGrant, fetch, log (seed is ignored: no test keys)
 *   }): Promise<{ strategy: OAuth1Strategy; grant?: OAuth1Grant; summary: string }>
 *
 * The consumer key and secret are read from the store's `oauth1/<profile>` entry.
 */
import type { CredentialStore } from '@authplug/credentials';
import {
  callbackParams,
  type OAuth1Flow,
  type OAuth1Grant,
  type OAuth1Strategy,
  oauth1,
  oauth1Flow,
} from '@authplug/oauth1';
import type { Approver } from './approve.ts';
import { prepareFlow, type SetupOptions } from './flow.ts';
import type { LoopbackCallback } from './loopback.ts';

/**
 * Runs an OAuth 1.0a flow to its grant: the approver gets the authorization URL approved, then
 * the verifier comes from the loopback callback (when given) or from the approver (`oob`).
 *
 * @example
 * ```ts
 * const grant = await authorizeOAuth1('proofile', proofileFlow({ store, callback: 'oob' }), clickApprover());
 * ```
 */
export async function authorizeOAuth1(
  provider: string,
  flow: OAuth1Flow,
  approver: Approver,
  callback?: LoopbackCallback,
): Promise<OAuth1Grant> {
  const { url, requestToken } = await flow.start();
  const page = await approver.approve(provider, url);
  if (callback) {
    const input = callbackParams(await callback.received);
    return flow.complete({ ...input, oauthToken: input.oauthToken || requestToken.token });
  }
  const oauthVerifier = await approver.verifier(provider, page);
  return flow.complete({ oauthToken: requestToken.token, oauthVerifier });
}

/** Where a generic OAuth 1.0a provider's flow lives. */
export interface OAuth1Endpoints {
  requestTokenUrl: string;
  authorizeUrl: string;
  accessTokenUrl: string;
}

export async function setupOAuth1(
  store: CredentialStore,
  options: SetupOptions & OAuth1Endpoints & { callback?: 'oob' | LoopbackCallback },
): Promise<{ strategy: OAuth1Strategy; grant?: OAuth1Grant; summary: string }> {
  const { profile, key, doFetch, log, approver, reuse } = await prepareFlow(
    'oauth1',
    store,
    { ...options, seed: false },
    {},
    'token',
  );
  const strategy = oauth1({ store, profile, provider: 'oauth1' });
  if (reuse) return { strategy, summary: `stored token in ${key}` };
  const listener = typeof options.callback === 'object' ? options.callback : undefined;
  const flow = oauth1Flow({
    store,
    profile,
    provider: 'oauth1',
    callback: listener?.url ?? 'oob',
    requestTokenUrl: options.requestTokenUrl,
    authorizeUrl: options.authorizeUrl,
    accessTokenUrl: options.accessTokenUrl,
    fetch: (input, init) => doFetch(input, init),
  });
  const grant = await authorizeOAuth1('oauth1', flow, approver, listener);
  const summary = `three-legged OAuth approved (${listener ? 'loopback callback' : 'oob verifier'}), access token obtained`;
  log(`oauth1: ${summary}`);
  return { strategy, grant, summary };
}

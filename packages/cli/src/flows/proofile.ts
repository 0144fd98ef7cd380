/**
 * Proofile in the demo: the three-legged OAuth 1.0a flow (`oob`), then a strategy for the clients.
 *
 *   setupProofile(baseUrl: string, store: CredentialStore, options?: {
 *     requiredAccess?: ProofileRight[];           // default read_profile, read_connection
 *     callback?: 'oob' | LoopbackCallback;         // default 'oob' (the verifier is read from the page or typed)
 *     ...SetupOptions                             // profile, approver, seed, reuseGrant (a stored token), fetch, log
 *   }): Promise<{ strategy: OAuth1Strategy; baseURL: string; grant?: OAuth1Grant; summary: string }>
 *
 * `baseUrl` is Proofile's origin, or where the emulator is mounted (e.g.
 * `server.urls.proofile.base` from `startEmulators`). The consumer key and secret are written to the
 * store's `proofile/<profile>` entry from the emulator's test consumer, unless `seed: false`
 * (real APIs: the user's keys are read from there).
 * request_token (signed, with `required_access`) → the authorize page, approved by the approver
 * (the demo submits the Approve form over HTTP as a click would and reads the verifier the page
 * shows; or a person in a browser, who pastes it) → access_token, saved in `store`. `baseURL`
 * (`<baseUrl>/oauth/`) is what axios/ky/got get as their base: `ping`, `userid/4711/profile`.
 */
import type { CredentialStore } from '@authplug/credentials';
import { PROOFILE_TEST_CONSUMER } from '@authplug/emulators';
import {
  type OAuth1Grant,
  type OAuth1Strategy,
  type ProofileRight,
  proofile,
  proofileEndpoints,
  proofileFlow,
} from '@authplug/oauth1';
import { prepareFlow, type SetupOptions } from './flow.ts';
import type { LoopbackCallback } from './loopback.ts';
import { authorizeOAuth1 } from './oauth1.ts';

export async function setupProofile(
  baseUrl: string,
  store: CredentialStore,
  options: SetupOptions & { requiredAccess?: ProofileRight[]; callback?: 'oob' | LoopbackCallback } = {},
): Promise<{ strategy: OAuth1Strategy; baseURL: string; grant?: OAuth1Grant; summary: string }> {
  const { profile, key, doFetch, log, approver, reuse } = await prepareFlow(
    'proofile',
    store,
    options,
    PROOFILE_TEST_CONSUMER,
    'token',
  );
  const endpoints = proofileEndpoints(baseUrl);
  const strategy = proofile({ store, profile });
  if (reuse) return { strategy, baseURL: endpoints.apiBaseUrl, summary: `stored token in ${key}` };
  const rights = options.requiredAccess ?? ['read_profile', 'read_connection'];
  const listener = typeof options.callback === 'object' ? options.callback : undefined;
  const flow = proofileFlow({
    store,
    profile,
    callback: listener?.url ?? 'oob',
    requiredAccess: rights,
    origin: endpoints.origin,
    fetch: (input, init) => doFetch(input, init),
  });
  const grant = await authorizeOAuth1('proofile', flow, approver, listener);
  const summary = `three-legged OAuth approved (${listener ? 'loopback callback' : 'oob verifier'}), access token for user ${grant.params['userid'] ?? '?'} (${rights.join(', ')})`;
  log(`proofile: ${summary}`);
  return { strategy, baseURL: endpoints.apiBaseUrl, grant, summary };
}

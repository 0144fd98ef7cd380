/**
 * Proofile in the demo: the three-legged OAuth 1.0a flow (`oob`), then a strategy for the clients.
 *
 *   setupProofile(baseUrl: string, store: CredentialStore, options?: {
 *     profile?: string;                           // default 'default'
 *     requiredAccess?: ProofileRight[];           // default read_profile, read_connection
 *     approver?: Approver;                        // default: the demo clicks Approve over HTTP
 *     seed?: boolean;                             // default true: store the emulator's test consumer
 *     reuseGrant?: boolean;                       // default false: a stored token skips the flow
 *     fetch?: typeof fetch;                       // default the global fetch
 *     log?: (line: string) => void;               // progress lines, default silent
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
import { type CredentialStore, credentialKey } from '@authplug/credentials';
import { PROOFILE_TEST_CONSUMER } from '@authplug/emulators';
import {
  type OAuth1Grant,
  type OAuth1Strategy,
  type ProofileRight,
  proofile,
  proofileEndpoints,
  proofileFlow,
} from '@authplug/oauth1';
import { type Approver, clickApprover } from '../approve.ts';

export async function setupProofile(
  baseUrl: string,
  store: CredentialStore,
  options: {
    profile?: string;
    requiredAccess?: ProofileRight[];
    approver?: Approver;
    seed?: boolean;
    reuseGrant?: boolean;
    fetch?: typeof fetch;
    log?: (line: string) => void;
  } = {},
): Promise<{ strategy: OAuth1Strategy; baseURL: string; grant?: OAuth1Grant; summary: string }> {
  const profile = options.profile ?? 'default';
  const doFetch = options.fetch ?? fetch;
  const log = options.log ?? (() => {});
  const endpoints = proofileEndpoints(baseUrl);
  const key = credentialKey('proofile', profile);

  if (options.seed !== false) {
    await store.update(key, (current) => ({ ...current, ...PROOFILE_TEST_CONSUMER }));
  }
  const strategy = proofile({ store, profile });
  if (options.reuseGrant && (await store.get(key))?.['token']) {
    return { strategy, baseURL: endpoints.apiBaseUrl, summary: `stored token in ${key}` };
  }
  const approver = options.approver ?? clickApprover(doFetch);
  const rights = options.requiredAccess ?? ['read_profile', 'read_connection'];
  const flow = proofileFlow({
    store,
    profile,
    callback: 'oob',
    requiredAccess: rights,
    origin: endpoints.origin,
    fetch: (input, init) => doFetch(input, init),
  });
  const { url, requestToken } = await flow.start();
  log('proofile: request token obtained');
  const page = await approver.approve('proofile', url);
  const oauthVerifier = await approver.verifier('proofile', page);
  const grant = await flow.complete({ oauthToken: requestToken.token, oauthVerifier });
  const summary = `three-legged OAuth approved (oob verifier), access token for user ${grant.params['userid'] ?? '?'} (${rights.join(', ')})`;
  log(`proofile: ${summary}`);
  return { strategy, baseURL: endpoints.apiBaseUrl, grant, summary };
}

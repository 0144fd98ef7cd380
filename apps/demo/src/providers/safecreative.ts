/**
 * Safe Creative in the demo: the authkey flow, then a strategy for the clients.
 *
 *   setupSafeCreative(baseUrl: string, store: CredentialStore, options?: {
 *     profile?: string;                           // default 'default'
 *     level?: 'GET' | 'ADD' | 'MANAGE';           // default 'ADD' (work.register needs ADD)
 *     approver?: Approver;                        // default: the demo clicks Approve over HTTP
 *     seed?: boolean;                             // default true: store the emulator's test app keys
 *     reuseGrant?: boolean;                       // default false: a stored authkey skips the flow
 *     fetch?: typeof fetch;                       // default the global fetch
 *     log?: (line: string) => void;               // progress lines, default silent
 *   }): Promise<{ strategy: SafeCreativeStrategy; baseURL: string; result?: SafeCreativeAuthResult; summary: string }>
 *
 * `baseUrl` is where the API's `/v2/` lives (e.g. `server.urls.safecreative.base` from
 * `startEmulators`, or `https://api.safecreative.org`). The application keys are written to the
 * store's `safecreative/<profile>` entry from the emulator's test application, unless
 * `seed: false` (real APIs: the user's keys are read from there). The flow creates an authkey (saved in `store` with its private key), the
 * approver approves the signed authkey.edit page (the demo submits its Approve form over HTTP,
 * as the user's click would; or a person in a browser while the flow polls authkey.state), then
 * authkey.state gives the level and usercode (saved in `store`). `baseURL` (`<baseUrl>/v2/`) is
 * what axios/ky/got get as their base; every call posts to it with a `component` form field,
 * e.g. `component=work.register&title=…` (a fresh nonce key is fetched for it) or
 * `component=work.list`. Add `format=json` for JSON answers (XML otherwise).
 */
import { type CredentialStore, credentialKey } from '@authplug/credentials';
import { SAFECREATIVE_TEST_APP } from '@authplug/emulators';
import {
  type SafeCreativeAuthResult,
  type SafeCreativeLevel,
  type SafeCreativeStrategy,
  safecreative,
  safecreativeAuthFlow,
} from '@authplug/safecreative';
import { type Approver, clickApprover, codeOf, untilApproved } from '../approve.ts';

export async function setupSafeCreative(
  baseUrl: string,
  store: CredentialStore,
  options: {
    profile?: string;
    level?: SafeCreativeLevel;
    approver?: Approver;
    seed?: boolean;
    reuseGrant?: boolean;
    fetch?: typeof fetch;
    log?: (line: string) => void;
  } = {},
): Promise<{
  strategy: SafeCreativeStrategy;
  baseURL: string;
  result?: SafeCreativeAuthResult;
  summary: string;
}> {
  const profile = options.profile ?? 'default';
  const doFetch = options.fetch ?? fetch;
  const log = options.log ?? (() => {});
  const baseURL = `${baseUrl.replace(/\/+$/, '')}/v2/`;
  const key = credentialKey('safecreative', profile);

  if (options.seed !== false) {
    await store.update(key, (current) => ({
      ...current,
      sharedKey: SAFECREATIVE_TEST_APP.sharedKey,
      privateKey: SAFECREATIVE_TEST_APP.privateKey,
    }));
  }
  const strategy = safecreative({
    store,
    profile,
    server: baseURL,
    fetch: (input, init) => doFetch(input, init),
  });
  if (options.reuseGrant && (await store.get(key))?.['authKey']) {
    return { strategy, baseURL, summary: `stored authkey in ${key}` };
  }
  const approver = options.approver ?? clickApprover(doFetch);
  const flow = safecreativeAuthFlow({
    store,
    profile,
    level: options.level ?? 'ADD',
    server: baseURL,
    fetch: (input, init) => doFetch(input, init),
  });
  const { url } = await flow.start();
  log('safecreative: authkey created, authkey.edit link signed');
  await approver.approve('safecreative', url);
  const result = await untilApproved(
    approver,
    () => flow.complete(),
    (e) => codeOf(e) === 'AUTHPLUG_SAFECREATIVE_NOT_AUTHORIZED_YET',
  );
  const summary = `authkey flow approved, level ${result.level} for user ${result.usercode}`;
  log(`safecreative: ${summary}`);
  return { strategy, baseURL, result, summary };
}

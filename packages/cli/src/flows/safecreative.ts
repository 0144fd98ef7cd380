/**
 * Safe Creative in the demo: the authkey flow, then a strategy for the clients.
 *
 *   setupSafeCreative(baseUrl: string, store: CredentialStore, options?: {
 *     level?: 'GET' | 'ADD' | 'MANAGE';           // default 'ADD' (work.register needs ADD)
 *     ...SetupOptions                             // profile, approver, seed, reuseGrant (a stored authKey), fetch, log
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
import type { CredentialStore } from '@authplug/credentials';
import { SAFECREATIVE_TEST_APP } from '@authplug/emulators';
import {
  type SafeCreativeAuthResult,
  type SafeCreativeLevel,
  type SafeCreativeStrategy,
  safecreative,
  safecreativeAuthFlow,
} from '@authplug/safecreative';
import { codeOf, untilApproved } from './approve.ts';
import { prepareFlow, type SetupOptions } from './flow.ts';

export async function setupSafeCreative(
  baseUrl: string,
  store: CredentialStore,
  options: SetupOptions & { level?: SafeCreativeLevel } = {},
): Promise<{
  strategy: SafeCreativeStrategy;
  baseURL: string;
  result?: SafeCreativeAuthResult;
  summary: string;
}> {
  const { sharedKey, privateKey } = SAFECREATIVE_TEST_APP;
  const { profile, key, doFetch, log, approver, reuse } = await prepareFlow(
    'safecreative',
    store,
    options,
    { sharedKey, privateKey },
    'authKey',
  );
  const baseURL = `${baseUrl.replace(/\/+$/, '')}/v2/`;
  const strategy = safecreative({
    store,
    profile,
    server: baseURL,
    fetch: (input, init) => doFetch(input, init),
  });
  if (reuse) return { strategy, baseURL, summary: `stored authkey in ${key}` };
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

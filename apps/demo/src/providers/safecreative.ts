/**
 * Safe Creative in the demo: the authkey flow against the emulator, then a strategy for the clients.
 *
 *   setupSafeCreative(baseUrl: string, store: CredentialStore, options?: {
 *     profile?: string;                           // default 'default'
 *     level?: 'GET' | 'ADD' | 'MANAGE';           // default 'ADD' (work.register needs ADD)
 *     fetch?: typeof fetch;                       // default the global fetch
 *     log?: (line: string) => void;               // progress lines, default silent
 *   }): Promise<{ strategy: SafeCreativeStrategy; baseURL: string; result: SafeCreativeAuthResult }>
 *
 * `baseUrl` is the emulator's origin (e.g. `http://127.0.0.1:4010` from `serveFetch`). The
 * application keys are taken from the store's `safecreative/<profile>` entry, or seeded there
 * with the emulator's test application. The flow creates an authkey (saved in `store` with its
 * private key), opens the signed authkey.edit page and submits its Approve form over HTTP, as the
 * user's click would, then reads authkey.state (level and usercode saved in `store`).
 * `baseURL` (`<baseUrl>/v2/`) is what axios/ky/got get as their base; every call posts to it
 * with a `component` form field, e.g. `component=work.register&title=…` (a fresh nonce key is
 * fetched for it) or `component=work.list`. Add `format=json` for JSON answers (XML otherwise).
 */
import type { CredentialStore } from '@authplug/credentials';
import { SAFECREATIVE_TEST_APP, safecreativePageForms } from '@authplug/emulators';
import {
  type SafeCreativeAuthResult,
  type SafeCreativeLevel,
  type SafeCreativeStrategy,
  safecreative,
  safecreativeAuthFlow,
} from '@authplug/safecreative';

export async function setupSafeCreative(
  baseUrl: string,
  store: CredentialStore,
  options: {
    profile?: string;
    level?: SafeCreativeLevel;
    fetch?: typeof fetch;
    log?: (line: string) => void;
  } = {},
): Promise<{ strategy: SafeCreativeStrategy; baseURL: string; result: SafeCreativeAuthResult }> {
  const profile = options.profile ?? 'default';
  const doFetch = options.fetch ?? fetch;
  const log = options.log ?? (() => {});
  const baseURL = `${baseUrl.replace(/\/+$/, '')}/v2/`;

  await store.update(`safecreative/${profile}`, (current) =>
    current?.['sharedKey'] && current['privateKey']
      ? current
      : {
          ...current,
          sharedKey: SAFECREATIVE_TEST_APP.sharedKey,
          privateKey: SAFECREATIVE_TEST_APP.privateKey,
        },
  );
  const flow = safecreativeAuthFlow({
    store,
    profile,
    level: options.level ?? 'ADD',
    server: baseURL,
    fetch: (input, init) => doFetch(input, init),
  });
  const { url } = await flow.start();
  log(`safecreative: authkey.edit page ${url}`);
  await clickApprove(doFetch, url);
  log('safecreative: approved on the authkey.edit page');
  const result = await flow.complete();
  log(`safecreative: authkey authorized at level ${result.level} for user ${result.usercode}`);
  return {
    strategy: safecreative({ store, profile, server: baseURL, fetch: (input, init) => doFetch(input, init) }),
    baseURL,
    result,
  };
}

/** GETs the authkey.edit page and submits its Approve form (read with the emulator's form reader). */
async function clickApprove(doFetch: typeof fetch, url: string): Promise<void> {
  const page = await doFetch(url);
  const html = await page.text();
  if (!page.ok) throw new Error(`safecreative demo: the authkey.edit page answered HTTP ${page.status}`);
  const approve = safecreativePageForms(html).find((form) => form.label === 'Approve');
  if (!approve) throw new Error('safecreative demo: the authkey.edit page has no Approve form');
  const answer = await doFetch(new URL(approve.action, url), {
    method: approve.method,
    body: new URLSearchParams(approve.fields),
    redirect: 'manual',
  });
  if (answer.status >= 400) throw new Error(`safecreative demo: approving answered HTTP ${answer.status}`);
}

/**
 * ipernity in the demo: the desktop flow against the emulator, then a strategy for the clients.
 *
 *   setupIpernity(baseUrl: string, store: CredentialStore, options?: {
 *     profile?: string;                           // default 'default'
 *     permissions?: IpernityPermissions;          // default { doc: 'write' }
 *     fetch?: typeof fetch;                       // default the global fetch
 *     log?: (line: string) => void;               // progress lines, default silent
 *   }): Promise<{ strategy: IpernityStrategy; baseURL: string; grant: IpernityGrant }>
 *
 * `baseUrl` is the emulator's origin (e.g. `http://127.0.0.1:4010` from `serveFetch`). The
 * application keys are taken from the store's `ipernity/<profile>` entry, or seeded there with the
 * emulator's test application. The flow approves by fetching the authorization page and
 * submitting its Approve form over HTTP, as the user's click would; the token lands in `store`.
 * `baseURL` (`<baseUrl>/api/`) is what axios/ky/got get as their base; paths are
 * `<method>/<format>`, e.g. `test.hello/json`, `doc.tags.add/json`.
 */
import { type CredentialStore, credentialKey } from '@authplug/credentials';
import { IPERNITY_TEST_APP } from '@authplug/emulators';
import {
  type IpernityGrant,
  type IpernityPermissions,
  type IpernityStrategy,
  ipernity,
  ipernityDesktopFlow,
} from '@authplug/ipernity';

export async function setupIpernity(
  baseUrl: string,
  store: CredentialStore,
  options: {
    profile?: string;
    permissions?: IpernityPermissions;
    fetch?: typeof fetch;
    log?: (line: string) => void;
  } = {},
): Promise<{ strategy: IpernityStrategy; baseURL: string; grant: IpernityGrant }> {
  const profile = options.profile ?? 'default';
  const doFetch = options.fetch ?? fetch;
  const log = options.log ?? (() => {});
  const origin = baseUrl.replace(/\/+$/, '');
  const baseURL = `${origin}/api/`;

  await store.update(credentialKey('ipernity', profile), (current) =>
    current?.['apiKey'] && current['secret']
      ? current
      : { ...current, apiKey: IPERNITY_TEST_APP.apiKey, secret: IPERNITY_TEST_APP.secret },
  );
  const flow = ipernityDesktopFlow({
    store,
    profile,
    permissions: options.permissions ?? { doc: 'write' },
    fetch: doFetch,
    apiUrl: baseURL,
    authorizeUrl: `${origin}/apps/authorize`,
  });
  const { url } = await flow.start();
  log(`ipernity: authorization link ${url}`);
  await clickApprove(doFetch, url);
  log('ipernity: approved on the authorization page');
  const grant = await flow.complete();
  log(`ipernity: token saved for ${grant.user.username} (${JSON.stringify(grant.permissions)})`);
  return { strategy: ipernity({ store, profile }), baseURL, grant };
}

/** GETs the authorization page and submits the form holding the Approve button. */
async function clickApprove(doFetch: typeof fetch, url: string): Promise<void> {
  const page = await doFetch(url);
  const html = await page.text();
  if (!page.ok) throw new Error(`ipernity demo: the authorization page answered HTTP ${page.status}`);
  for (const [, attrs = '', inner = ''] of html.matchAll(/<form([^>]*)>(.*?)<\/form>/gs)) {
    if (!inner.includes('>Approve</button>')) continue;
    const action = /action="([^"]*)"/.exec(attrs)?.[1] ?? '';
    const fields = [...inner.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)].map(
      ([, name = '', value = '']) => [name, value],
    );
    const answer = await doFetch(new URL(action, url), {
      method: 'POST',
      body: new URLSearchParams(fields),
      redirect: 'manual',
    });
    if (answer.status >= 400) throw new Error(`ipernity demo: approving answered HTTP ${answer.status}`);
    return;
  }
  throw new Error('ipernity demo: the authorization page has no Approve form');
}

/**
 * ipernity in the demo: the desktop flow, then a strategy for the clients.
 *
 *   setupIpernity(baseUrl: string, store: CredentialStore, options?: {
 *     permissions?: IpernityPermissions;          // default { doc: 'write' }
 *     apiUrl?: string;                            // default `<baseUrl>/api/`
 *     authorizeUrl?: string;                      // default `<baseUrl>/apps/authorize`
 *     ...SetupOptions                             // profile, approver, seed, reuseGrant (a stored authToken), fetch, log
 *   }): Promise<{ strategy: IpernityStrategy; baseURL: string; grant?: IpernityGrant; summary: string }>
 *
 * `baseUrl` is where the emulator is mounted (e.g. `server.urls.ipernity.base` from
 * `startEmulators`). The application keys are written to the store's `ipernity/<profile>` entry
 * from the emulator's test application (the only keys it knows), unless `seed: false` (real
 * APIs: the user's keys are read from there). The flow's link is approved by the
 * approver (the demo fetches the page and submits its Approve form, as the user's click would;
 * or a person in a browser while the flow polls); the token lands in `store`. `baseURL`
 * (`apiUrl`) is what axios/ky/got get as their base; paths are `<method>/<format>`, e.g.
 * `test.hello/json`, `doc.tags.add/json`.
 */
import type { CredentialStore } from '@authplug/credentials';
import { IPERNITY_TEST_APP } from '@authplug/emulators';
import {
  type IpernityGrant,
  type IpernityPermissions,
  type IpernityStrategy,
  ipernity,
  ipernityDesktopFlow,
} from '@authplug/ipernity';
import { codeOf, untilApproved } from './approve.ts';
import { prepareFlow, type SetupOptions } from './flow.ts';

export async function setupIpernity(
  baseUrl: string,
  store: CredentialStore,
  options: SetupOptions & { permissions?: IpernityPermissions; apiUrl?: string; authorizeUrl?: string } = {},
): Promise<{ strategy: IpernityStrategy; baseURL: string; grant?: IpernityGrant; summary: string }> {
  const { apiKey, secret } = IPERNITY_TEST_APP;
  const { profile, key, doFetch, log, approver, reuse } = await prepareFlow(
    'ipernity',
    store,
    options,
    { apiKey, secret },
    'authToken',
  );
  const origin = baseUrl.replace(/\/+$/, '');
  const baseURL = options.apiUrl ?? `${origin}/api/`;
  const strategy = ipernity({ store, profile });
  if (reuse) return { strategy, baseURL, summary: `stored token in ${key}` };
  const flow = ipernityDesktopFlow({
    store,
    profile,
    permissions: options.permissions ?? { doc: 'write' },
    fetch: doFetch,
    apiUrl: baseURL,
    authorizeUrl: options.authorizeUrl ?? `${origin}/apps/authorize`,
  });
  const { url } = await flow.start();
  log('ipernity: frob obtained, authorization link signed');
  await approver.approve('ipernity', url);
  const grant = await untilApproved(
    approver,
    () => flow.complete(),
    (e) => codeOf(e) === 'AUTHPLUG_IPERNITY_AUTHORIZATION_PENDING',
  );
  const perms = Object.entries(grant.permissions)
    .filter(([, level]) => level !== 'none')
    .map(([area, level]) => `${area}: ${level}`)
    .join(', ');
  const summary = `desktop flow approved, token for ${grant.user.username} (${perms})`;
  log(`ipernity: ${summary}`);
  return { strategy, baseURL, grant, summary };
}

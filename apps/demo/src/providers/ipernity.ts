/**
 * ipernity in the demo: the desktop flow, then a strategy for the clients.
 *
 *   setupIpernity(baseUrl: string, store: CredentialStore, options?: {
 *     profile?: string;                           // default 'default'
 *     permissions?: IpernityPermissions;          // default { doc: 'write' }
 *     apiUrl?: string;                            // default `<baseUrl>/api/`
 *     authorizeUrl?: string;                      // default `<baseUrl>/apps/authorize`
 *     approver?: Approver;                        // default: the demo clicks Approve over HTTP
 *     seed?: boolean;                             // default true: store the emulator's test app keys
 *     reuseGrant?: boolean;                       // default false: a stored authToken skips the flow
 *     fetch?: typeof fetch;                       // default the global fetch
 *     log?: (line: string) => void;               // progress lines, default silent
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
import { type CredentialStore, credentialKey } from '@authplug/credentials';
import { IPERNITY_TEST_APP } from '@authplug/emulators';
import {
  type IpernityGrant,
  type IpernityPermissions,
  type IpernityStrategy,
  ipernity,
  ipernityDesktopFlow,
} from '@authplug/ipernity';
import { type Approver, clickApprover, codeOf, untilApproved } from '../approve.ts';

export async function setupIpernity(
  baseUrl: string,
  store: CredentialStore,
  options: {
    profile?: string;
    permissions?: IpernityPermissions;
    apiUrl?: string;
    authorizeUrl?: string;
    approver?: Approver;
    seed?: boolean;
    reuseGrant?: boolean;
    fetch?: typeof fetch;
    log?: (line: string) => void;
  } = {},
): Promise<{ strategy: IpernityStrategy; baseURL: string; grant?: IpernityGrant; summary: string }> {
  const profile = options.profile ?? 'default';
  const doFetch = options.fetch ?? fetch;
  const log = options.log ?? (() => {});
  const origin = baseUrl.replace(/\/+$/, '');
  const baseURL = options.apiUrl ?? `${origin}/api/`;
  const key = credentialKey('ipernity', profile);

  if (options.seed !== false) {
    await store.update(key, (current) => ({
      ...current,
      apiKey: IPERNITY_TEST_APP.apiKey,
      secret: IPERNITY_TEST_APP.secret,
    }));
  }
  const strategy = ipernity({ store, profile });
  if (options.reuseGrant && (await store.get(key))?.['authToken']) {
    return { strategy, baseURL, summary: `stored token in ${key}` };
  }
  const approver = options.approver ?? clickApprover(doFetch);
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

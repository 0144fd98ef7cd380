// The four providers as the web demo connects them: each web-callback flow (ipernity's frob on
// the callback, OAuth 1.0a's oauth_token + oauth_verifier for Proofile, Safe Creative's
// bringback after authkey.edit), then one signed call sent through axios, ky and got.

import { CLIENTS, type ClientName, type DemoCall, send } from '@authplug/cli/flows';
import type { AuthStrategy } from '@authplug/core';
import { type CredentialStore, credentialKey } from '@authplug/credentials';
import type { RunningEmulators } from '@authplug/emulators';
import { historypin } from '@authplug/historypin';
import { IpernityAuthorizationDeniedError, ipernity, ipernityWebFlow } from '@authplug/ipernity';
import {
  AuthorizationDeniedError,
  callbackParams,
  type OAuth1Flow,
  proofile,
  proofileFlow,
} from '@authplug/oauth1';
import { AuthorizationPendingError, safecreative, safecreativeAuthFlow } from '@authplug/safecreative';
import type { ProviderName } from '../providers/index.ts';

/** The user turned the authorization down on the provider's page. */
export class DeniedError extends Error {
  override name = 'DeniedError';
}

/** An error as one line for the page: class, code, message. */
export const describeError = (error: unknown): string => {
  const e = error as { name?: string; code?: string; message?: string };
  return `${e.name ?? 'Error'}${e.code ? ` ${e.code}` : ''}: ${e.message ?? String(error)}`;
};

/**
 * Completes a flow, turning the provider's denial (an instance of `denial`) into a
 * {@link DeniedError}, with `message` or the provider's own.
 */
async function completeFlow(
  complete: () => Promise<unknown>,
  denial: abstract new (...args: never[]) => Error,
  message?: string,
): Promise<void> {
  try {
    await complete();
  } catch (error) {
    if (error instanceof denial) throw new DeniedError(message ?? error.message);
    throw error;
  }
}

/** One client's result of the provider's signed call. */
export interface CallResult {
  client: ClientName;
  ok: boolean;
  detail: string;
}

/** What the demo knows about one provider. */
export interface WebProvider {
  readonly name: ProviderName;
  readonly title: string;
  /** The authorization flow, in a few words (or why there is none). */
  readonly flow: string;
  /** The signed call, for the page (`POST doc.tags.add/json`). */
  readonly callLabel: string;
  /** Starts the flow: the provider's authorization page to send the browser to. None: no flow. */
  connect?(): Promise<string>;
  /** Completes the flow from the callback's query; throws {@link DeniedError} on a denial. */
  callback?(query: URLSearchParams): Promise<void>;
  /** Sends the signed call through every client. */
  call(): Promise<CallResult[]>;
}

const PROFILE = 'web';

/** Seeds each provider's application keys (the emulators' made-up ones) under `<provider>/web`. */
export async function seedApps(store: CredentialStore, running: RunningEmulators): Promise<void> {
  const { apps } = running;
  const seed = (provider: ProviderName, keys: Record<string, string>) =>
    store.update(credentialKey(provider, PROFILE), (current) => ({ ...current, ...keys }));
  await seed('ipernity', { apiKey: apps.ipernity.app.apiKey, secret: apps.ipernity.app.secret });
  await seed('proofile', {
    consumerKey: apps.proofile.consumer.consumerKey,
    consumerSecret: apps.proofile.consumer.consumerSecret,
  });
  await seed('historypin', {
    apiKey: apps.historypin.account.apiKey,
    apiSecret: apps.historypin.account.apiSecret,
  });
  await seed('safecreative', {
    sharedKey: apps.safecreative.app.sharedKey,
    privateKey: apps.safecreative.app.privateKey,
  });
}

/** The stored value of a provider's profile (unmasked: redact before showing it). */
export function storedGrant(store: CredentialStore, provider: ProviderName): Promise<unknown> {
  return store.get(credentialKey(provider, PROFILE));
}

async function everyClient(
  baseURL: string,
  strategy: AuthStrategy,
  call: DemoCall,
  summarize: (body: unknown) => { ok: boolean; detail: string },
): Promise<CallResult[]> {
  const results: CallResult[] = [];
  for (const client of CLIENTS) {
    try {
      results.push({ client, ...summarize(await send(client, baseURL, strategy, call)) });
    } catch (error) {
      results.push({ client, ok: false, detail: describeError(error) });
    }
  }
  return results;
}

const unexpected = (body: unknown) => ({ ok: false, detail: `unexpected answer ${JSON.stringify(body)}` });

/**
 * The four providers wired to the emulators on `running`, saving grants in `store`; `demoUrl` is
 * the web demo's origin (the callbacks' base).
 */
export function webProviders(
  store: CredentialStore,
  running: RunningEmulators,
  demoUrl: string,
): WebProvider[] {
  const { urls } = running;
  const options = { store, profile: PROFILE };

  const ipernityFlow = ipernityWebFlow({
    ...options,
    permissions: { doc: 'write' },
    apiUrl: urls.ipernity.api,
    authorizeUrl: urls.ipernity.authorize,
  });

  // The callback is the demo's own route; the flow remembers each request token's secret.
  const oauthFlow: OAuth1Flow = proofileFlow({
    ...options,
    callback: `${demoUrl}/callback/proofile`,
    requiredAccess: ['read_profile', 'read_connection'],
    origin: urls.proofile.base,
  });

  const scFlow = safecreativeAuthFlow({ ...options, level: 'ADD', server: urls.safecreative.api });
  let scStarted = false;

  return [
    {
      name: 'ipernity',
      title: 'ipernity',
      flow: 'web flow: authorize page → callback with ?frob=… → auth.getToken',
      callLabel: 'POST doc.tags.add/json (doc 1234, needs doc: write)',
      connect: async () => (await ipernityFlow.start()).url,
      async callback(query) {
        const frob = query.get('frob');
        if (!frob) throw new Error('the callback carries no frob');
        await completeFlow(() => ipernityFlow.complete({ frob }), IpernityAuthorizationDeniedError);
      },
      call: () =>
        everyClient(
          urls.ipernity.api,
          ipernity(options),
          { method: 'POST', path: 'doc.tags.add/json', params: { doc_id: '1234', keywords: 'web demo' } },
          (body) => {
            const b = body as { api?: { status?: string }; doc?: { tags?: { tag?: { tag: string }[] } } };
            const tags = b.doc?.tags?.tag?.map((t) => t.tag);
            return b.api?.status === 'ok' && tags
              ? { ok: true, detail: `verified api_sig + auth_token; doc 1234 tags: ${tags.join(', ')}` }
              : unexpected(body);
          },
        ),
    },
    {
      name: 'proofile',
      title: 'Proofile',
      flow: 'OAuth 1.0a: request token → authorize page → callback with oauth_token + oauth_verifier → access token',
      callLabel: 'GET userid/4711/profile (needs read_profile)',
      connect: async () => (await oauthFlow.start()).url,
      callback: (query) =>
        completeFlow(() => oauthFlow.complete(callbackParams(query)), AuthorizationDeniedError),
      call: () =>
        everyClient(
          urls.proofile.api,
          proofile(options),
          { method: 'GET', path: 'userid/4711/profile', params: {} },
          (body) => {
            const b = body as { userid?: string; nickname?: string };
            return b.userid
              ? { ok: true, detail: `verified oauth_signature; profile of ${b.nickname} (${b.userid})` }
              : unexpected(body);
          },
        ),
    },
    {
      name: 'historypin',
      title: 'Historypin',
      flow: 'no authorization flow: the account’s key pair signs every call (api_token, HMAC-SHA256)',
      callLabel: 'GET user/get_edit.json?id=19',
      call: () =>
        everyClient(
          urls.historypin.api,
          historypin(options),
          { method: 'GET', path: 'user/get_edit.json', params: { id: '19', q: 'café ☕' } },
          (body) => {
            const b = body as { ok?: boolean; user?: string; api_path?: string };
            return b.ok
              ? { ok: true, detail: `verified api_token for ${b.user} on ${b.api_path}` }
              : unexpected(body);
          },
        ),
    },
    {
      name: 'safecreative',
      title: 'Safe Creative',
      flow: 'authkey flow: authkey.create → authkey.edit page → bringback → authkey.state',
      callLabel: 'POST component=work.register (needs level ADD; a fresh nonce key each)',
      async connect() {
        scStarted = true;
        return (await scFlow.start()).url;
      },
      async callback() {
        // The bringback URL carries nothing: authkey.state says whether the user approved.
        if (!scStarted) throw new Error('no Safe Creative authorization was started by this demo');
        await completeFlow(
          () => scFlow.complete(),
          AuthorizationPendingError,
          'The authkey is not authorized: the request was denied on Safe Creative.',
        );
      },
      call: () =>
        everyClient(
          urls.safecreative.api,
          safecreative({ ...options, server: urls.safecreative.api }),
          {
            method: 'POST',
            path: '',
            params: { component: 'work.register', title: 'Web demo song', format: 'json' },
          },
          (body) => {
            const code = (body as { workregistry?: { code?: string } }).workregistry?.code;
            return code
              ? { ok: true, detail: `verified signature + noncekey; registered work ${code}` }
              : unexpected(body);
          },
        ),
    },
  ];
}

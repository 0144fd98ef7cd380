import {
  type Approver,
  type DemoCall,
  type SetupOptions,
  setupHistorypin,
  setupIpernity,
  setupProofile,
  setupSafeCreative,
} from '@authplug/cli/flows';
import type { AuthStrategy } from '@authplug/core';
import type { CredentialStore } from '@authplug/credentials';
import type { EmulatorUrls } from '@authplug/emulators';
import { IPERNITY_API_URL, IPERNITY_AUTHORIZE_URL } from '@authplug/ipernity';
import { PROOFILE } from '@authplug/oauth1';

export const PROVIDER_NAMES = ['ipernity', 'proofile', 'historypin', 'safecreative'] as const;
export type ProviderName = (typeof PROVIDER_NAMES)[number];

/** Where a provider's setup runs: emulated (seeded keys, a fresh flow) or real (the user's keys). */
export interface SetupContext {
  store: CredentialStore;
  profile: string;
  approver: Approver;
  real: boolean;
  log: (line: string) => void;
}

/** What the demo knows about one provider: how to connect, what to call, what never to print. */
export interface ProviderDemo {
  name: ProviderName;
  /** How it authorizes, for the table and --help. */
  auth: string;
  /** Where its API is: the emulator's mount, or the real host. */
  base(urls: EmulatorUrls | undefined): string;
  /** Fields the user supplies for --real (the application's keys). */
  keys: readonly string[];
  /** The field a finished flow leaves in the store (none: no flow). */
  grantField?: string;
  /** Fields that are secrets: never printed. */
  secrets: readonly string[];
  /** The field --wrong-secret replaces, so the provider refuses the signature. */
  signingSecret: string;
  setup(
    base: string,
    context: SetupContext,
  ): Promise<{ strategy: AuthStrategy; baseURL: string; summary: string }>;
  /** The signed call against the emulator, and the harmless one against the real API. */
  call: DemoCall;
  realCall: DemoCall;
  /** One line saying what the server verified, from its answer. */
  summarize(body: unknown): string;
}

/** A flow setup's options: emulated runs seed the test keys and run the flow; real ones reuse a grant. */
const flowOptions = (c: SetupContext): SetupOptions => ({
  profile: c.profile,
  approver: c.approver,
  log: c.log,
  seed: !c.real,
  reuseGrant: c.real,
});

const unexpected = (body: unknown) => `unexpected answer ${JSON.stringify(body).slice(0, 120)}`;

export const PROVIDERS: ProviderDemo[] = [
  {
    name: 'ipernity',
    auth: 'desktop flow (frob → Approve → token), MD5 api_sig',
    base: (urls) => urls?.ipernity.base ?? 'https://api.ipernity.com',
    keys: ['apiKey', 'secret'],
    grantField: 'authToken',
    secrets: ['secret', 'authToken'],
    signingSecret: 'secret',
    setup: (base, c) =>
      setupIpernity(base, c.store, {
        ...flowOptions(c),
        ...(c.real ? { apiUrl: IPERNITY_API_URL, authorizeUrl: IPERNITY_AUTHORIZE_URL } : {}),
      }),
    call: { method: 'POST', path: 'doc.tags.add/json', params: { doc_id: '1234', keywords: 'authplug' } },
    realCall: { method: 'GET', path: 'auth.checkToken/json', params: {} },
    summarize: (body) => {
      const b = body as {
        doc?: { doc_id?: string; tags?: { tag?: { tag: string }[] } };
        auth?: { user?: { username?: string } };
      };
      if (b.doc)
        return `api_sig and token verified; doc ${b.doc.doc_id} tags: ${b.doc.tags?.tag?.map((t) => t.tag).join(', ')}`;
      if (b.auth) return `api_sig verified; token valid for ${b.auth.user?.username}`;
      return unexpected(body);
    },
  },
  {
    name: 'proofile',
    auth: 'OAuth 1.0a three-legged (oob), HMAC-SHA1',
    base: (urls) => urls?.proofile.base ?? PROOFILE.origin,
    keys: ['consumerKey', 'consumerSecret'],
    grantField: 'token',
    secrets: ['consumerSecret', 'token', 'tokenSecret'],
    signingSecret: 'tokenSecret',
    setup: (base, c) => setupProofile(base, c.store, flowOptions(c)),
    call: { method: 'GET', path: 'userid/4711/profile', params: {} },
    realCall: { method: 'GET', path: 'ping', params: {} },
    summarize: (body) => {
      const b = body as { nickname?: string; export_u?: number; ping?: string; userid?: string | null };
      if (b.nickname) return `OAuth signature verified; profile of ${b.nickname} (export_u ${b.export_u})`;
      if (b.ping) return `OAuth signature verified; ${b.ping} for user ${b.userid ?? '(two-legged)'}`;
      return unexpected(body);
    },
  },
  {
    name: 'historypin',
    auth: 'no flow: key pair, HMAC-SHA256 api_token',
    base: (urls) => urls?.historypin.base ?? 'https://www.historypin.org',
    keys: ['apiKey', 'apiSecret'],
    secrets: ['apiSecret'],
    signingSecret: 'apiSecret',
    setup: (base, c) => setupHistorypin(base, c.store, { profile: c.profile, log: c.log, seed: !c.real }),
    call: {
      method: 'GET',
      path: 'user/get_edit.json',
      params: { id: '19', example_variable: '123', q: 'café ☕' },
    },
    realCall: { method: 'GET', path: 'user/get_edit.json', params: { id: '19' } },
    summarize: (body) => {
      const b = body as { ok?: boolean; user?: string; api_path?: string };
      return b.ok ? `verified api_token for ${b.user} on ${b.api_path}` : unexpected(body);
    },
  },
  {
    name: 'safecreative',
    auth: 'authkey flow (create → authkey.edit → state), SHA-1 + ztime + nonce',
    base: (urls) => urls?.safecreative.base ?? 'https://api.safecreative.org',
    keys: ['sharedKey', 'privateKey'],
    grantField: 'authKey',
    secrets: ['privateKey', 'authPrivateKey'],
    signingSecret: 'authPrivateKey',
    setup: (base, c) => setupSafeCreative(base, c.store, flowOptions(c)),
    call: {
      method: 'POST',
      path: '',
      params: { component: 'work.register', title: 'authplug demo', format: 'json' },
    },
    realCall: { method: 'POST', path: '', params: { component: 'work.list', format: 'json' } },
    summarize: (body) => {
      const b = body as {
        workregistry?: { code?: string };
        worklist?: unknown;
        error?: { errorId?: string };
      };
      if (b.workregistry?.code)
        return `signature and one-time nonce verified; work ${b.workregistry.code} registered`;
      if (b.worklist) return 'signature verified; work.list answered';
      return unexpected(body);
    },
  },
];
